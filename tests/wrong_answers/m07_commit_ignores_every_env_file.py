"""Every file whose name starts with `.env` is kept out, so the `.env.example` template that tells
teammates which variables to set is never shared."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_should_commit_keeps_code_configs_and_docs"]

_rules = should_commit


def should_commit(path: str) -> bool:
    if path.rstrip("/").rsplit("/", 1)[-1].startswith(".env"):
        return False
    return _rules(path)
