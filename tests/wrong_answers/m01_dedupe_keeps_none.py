"""Drops every copy of a duplicated listing, the original included, so 120 good listings
vanish along with their repeats."""

import pandas as pd

REJECTED_BY = [
    "test_drop_duplicate_listings_keeps_the_first_row_of_each_listing",
    "test_drop_duplicate_listings_removes_exactly_the_planted_duplicates",
    "test_validate_cards_returns_the_clean_table",
]


def drop_duplicate_listings(raw: pd.DataFrame) -> pd.DataFrame:
    return raw[~raw.duplicated(["card_id", "finish"], keep=False)]
