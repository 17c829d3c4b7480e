"""A random split by rows: newer sets leak into training, and the finishes of one card land
on both sides, so the test score rewards remembering a card's other price."""

import numpy as np
import pandas as pd

REJECTED_BY = [
    "test_split_by_time_on_three_release_dates",
    "test_split_by_time_puts_newer_sets_after_older_ones",
    "test_split_by_time_keeps_each_card_on_one_side",
]


def split_by_time(
    cards: pd.DataFrame, val_fraction: float = 0.15, test_fraction: float = 0.15
) -> pd.Series:
    draw = np.random.default_rng(0).random(len(cards))
    labels = np.where(draw < test_fraction, "test", "train")
    labels = np.where(
        (draw >= test_fraction) & (draw < test_fraction + val_fraction), "val", labels
    )
    return pd.Series(labels, index=cards.index, name="split")
