"""One description written by hand for one pull request and returned for every call: its files,
commands and numbers are right for pull request #41 and wrong for anything else."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = [
    "test_pr_description_lists_every_changed_file",
    "test_pr_description_shows_the_test_commands_as_code",
    "test_pr_description_reports_each_metric_before_and_after",
]


def pr_description(title, why, metrics_before, metrics_after, commands, changed_files):
    return f"""# {title}

## Summary

Set-level features are now fitted on the training cards only.

## Motivation

{why}

## Changes

- `src/pokemarket/features.py`
- `tests/test_features.py`

## How tested

`uv run pytest tests/test_features.py` and `uv run python -m pokemarket.train --seed 42`

## Metrics

| metric | before | after |
| --- | --- | --- |
| test MAE (log price) | 0.19 | 0.55 |
| within 25% | 0.77 | 0.33 |

## Risks and rollback

The error we report goes up, because it is honest now: dashboards comparing with the old
number will look worse. To roll back, revert this pull request and redeploy the old model.

## Checklist

- [x] Tests pass
- [x] Metrics on the test set, computed once
- [x] No data or secrets in the diff
"""
