"""Returns the clean table with a fresh 0..n-1 index: the `row_id` of every kept row is
lost, so clean rows can no longer be traced back to the raw file."""

import pandas as pd

REJECTED_BY = [
    "test_validate_cards_passes_clean_rows_through",
    "test_validate_cards_loses_no_row",
]

_reference_validate_cards = validate_cards  # noqa: F821 (the solution's, defined above)


def validate_cards(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    clean, report = _reference_validate_cards(raw)
    return clean.reset_index(drop=True), report
