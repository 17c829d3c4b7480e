"""Hashes the table as it is written: the same data in another row or column order (or with
another index) gets another fingerprint, so a re-sorted file looks like new data."""

import hashlib

import pandas as pd

REJECTED_BY = [
    "test_fingerprint_ignores_order_and_index",
    "test_fingerprint_of_the_cards_table_ignores_row_order",
]


def fingerprint(frame: pd.DataFrame) -> str:
    return hashlib.sha256(frame.to_csv().encode("utf-8")).hexdigest()
