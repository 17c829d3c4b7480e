"""Puts only the newest release in test and the one before it in val, whatever fractions
were asked for: the order is right, but test holds 3 % of the rows instead of 15 %."""

import pandas as pd

REJECTED_BY = ["test_split_by_time_shares_match_the_request"]


def split_by_time(
    cards: pd.DataFrame, val_fraction: float = 0.15, test_fraction: float = 0.15
) -> pd.Series:
    dates = sorted(cards["set_release_date"].unique())
    labels = pd.Series("train", index=cards.index, name="split")
    labels[cards["set_release_date"] == dates[-2]] = "val"
    labels[cards["set_release_date"] == dates[-1]] = "test"
    return labels
