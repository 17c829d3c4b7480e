"""A thorough ML checklist with no security check: nobody looks for a key or a password in the
diff until it is in the history for ever."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_checklist_covers_every_topic"]

_full_checklist = review_checklist


def review_checklist():
    return {
        category: checks
        for category, checks in _full_checklist().items()
        if not category.startswith("Security")
    } | {"Repository": ["Are data files, model binaries and mlflow.db kept out of the commit?"]}
