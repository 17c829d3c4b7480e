"""Folds of index labels instead of row positions: right on the full table, whose index is
0..n-1, and wrong (or out of range) on any subset such as a training split."""

import pandas as pd

REJECTED_BY = [
    "test_folds_are_disjoint_row_positions",
    "test_every_row_is_validated_exactly_once",
]

_correct_make_folds = make_folds  # noqa: F821 (defined by the solution above)


def make_folds(cards: pd.DataFrame, strategy: str, n_splits: int = 5, seed: int = 42) -> list:
    index = cards.index.to_numpy()
    return [(index[train], index[valid])
            for train, valid in _correct_make_folds(cards, strategy, n_splits, seed)]
