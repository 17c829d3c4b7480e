"""The checklist is written as plain bullets, so GitHub shows no checkboxes and nobody can see
which checks were done."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_pr_description_ends_with_a_task_list"]

_full_description = pr_description


def pr_description(title, why, metrics_before, metrics_after, commands, changed_files):
    text = _full_description(title, why, metrics_before, metrics_after, commands, changed_files)
    return text.replace("- [x] ", "- ").replace("- [ ] ", "- ")
