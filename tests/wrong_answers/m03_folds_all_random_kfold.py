"""Every strategy, and any unknown one, answered with the same shuffled KFold, without the
seed: cards land on both sides of a fold, time folds train on sets released later, and the
folds change on every call."""

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

REJECTED_BY = [
    "test_kfold_folds_are_shuffled_with_the_seed",
    "test_group_folds_keep_each_card_on_one_side",
    "test_time_folds_never_train_on_the_future",
    "test_time_folds_follow_release_dates_like_timeseriessplit",
    "test_unknown_strategy_raises_value_error",
]


def make_folds(cards: pd.DataFrame, strategy: str, n_splits: int = 5, seed: int = 42) -> list:
    return list(KFold(n_splits, shuffle=True).split(np.zeros((len(cards), 1))))
