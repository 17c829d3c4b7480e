"""A checklist of keywords: every topic is named, but "leakage?" can't be answered yes or no, so
reviewers skim past it."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_checklist_is_categories_of_specific_checks"]


def review_checklist():
    return {
        "Data": ["leakage", "schema validation", "input data"],
        "Training": ["seeds", "test set", "baseline"],
        "Code": ["pytest", "docstrings", "README"],
        "Security": ["secrets", "gitignore"],
    }
