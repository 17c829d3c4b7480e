"""Every CSV is treated as a data dump, so small reference tables and test fixtures go missing
and the tests fail on a fresh clone."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_should_commit_keeps_small_reference_data_and_pointers"]

_rules = should_commit


def should_commit(path: str) -> bool:
    if path.lower().endswith(".csv"):
        return False
    return _rules(path)
