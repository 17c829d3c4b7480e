"""Sorts by release date, then cuts at exact row counts: the cut falls inside a release, so
one set (and the finishes of a card) ends up on both sides of the boundary."""

import pandas as pd

REJECTED_BY = [
    "test_split_by_time_puts_newer_sets_after_older_ones",
    "test_split_by_time_keeps_each_card_on_one_side",
]


def split_by_time(
    cards: pd.DataFrame, val_fraction: float = 0.15, test_fraction: float = 0.15
) -> pd.Series:
    order = cards.sort_values("set_release_date", kind="stable").index
    n_test = round(test_fraction * len(cards))
    n_val = round(val_fraction * len(cards))
    labels = pd.Series("train", index=cards.index, name="split")
    labels[order[len(order) - n_test :]] = "test"
    labels[order[len(order) - n_test - n_val : len(order) - n_test]] = "val"
    return labels
