"""Baselines whose medians are computed on train and test together: the test prices leak
into the predictions, so the baselines look better than they are."""

import numpy as np
import pandas as pd

REJECTED_BY = [
    "test_baseline_matches_an_independent_fit",
    "test_baselines_handle_unseen_and_missing_rarities",
]

_correct_baseline_scores = baseline_scores  # noqa: F821 (defined by the solution above)


def baseline_scores(train: pd.DataFrame, test: pd.DataFrame) -> dict[str, float]:
    scores = _correct_baseline_scores(train, test)
    both = pd.concat([train, test])
    y_both, y_test = np.log(both["market_price"]), np.log(test["market_price"].to_numpy())
    scores["global_median"] = float(np.mean(np.abs(y_test - np.median(y_both))))
    medians = y_both.groupby(both["rarity"], dropna=False).median()
    predicted = test["rarity"].map(medians).fillna(float(np.median(y_both)))
    scores["median_by_rarity"] = float(np.mean(np.abs(y_test - predicted.to_numpy())))
    return scores
