"""should_commit answers "commit" or "ignore" instead of True or False, which callers such as a
pre-commit hook can't use (and any non-empty string is truthy)."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_should_commit_answers_with_a_bool"]

_rules = should_commit


def should_commit(path: str) -> bool:
    return "commit" if _rules(path) else "ignore"
