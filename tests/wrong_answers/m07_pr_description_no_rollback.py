"""A tidy description with no Risks and rollback section: the reviewer can't tell what might break
or how to undo the change at 2 a.m. when it does."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = [
    "test_pr_description_has_every_section_in_order",
    "test_pr_description_says_how_to_roll_back",
]

_full_description = pr_description


def pr_description(title, why, metrics_before, metrics_after, commands, changed_files):
    text = _full_description(title, why, metrics_before, metrics_after, commands, changed_files)
    start, end = text.index("## Risks and rollback"), text.index("## Checklist")
    return text[:start] + text[end:]
