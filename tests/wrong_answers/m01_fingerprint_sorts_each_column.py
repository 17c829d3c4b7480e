"""Sorts every column on its own before hashing: order no longer matters, but neither does
which values belong to the same row, so swapping two cards' counts goes unnoticed."""

import hashlib

import pandas as pd

REJECTED_BY = ["test_fingerprint_changes_with_any_change"]


def fingerprint(frame: pd.DataFrame) -> str:
    columns = sorted(frame.columns)
    parts = [",".join(columns)]
    parts += [",".join(sorted(frame[c].astype(object).map(repr))) for c in columns]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
