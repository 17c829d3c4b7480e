"""Only a file named exactly `.env` counts as a secret: `.env.production` and `.env.local`,
which hold real credentials too, get committed."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_should_commit_never_shares_secrets"]

_rules = should_commit


def should_commit(path: str) -> bool:
    if path.rstrip("/").rsplit("/", 1)[-1].startswith(".env."):
        return True
    return _rules(path)
