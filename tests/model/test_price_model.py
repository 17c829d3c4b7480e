"""Properties of the course's reference price model (`mlcourse.models`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlcourse.data import load_cards
from mlcourse.models import FEATURES, LEAKY_COLUMNS, card_features, fit_price_model, predict_price
from mlcourse.splits import group_split


@pytest.fixture(scope="module")
def split() -> tuple[pd.DataFrame, pd.DataFrame]:
    return group_split(load_cards(), test_size=0.2, seed=42)


@pytest.fixture(scope="module")
def model(split):
    return fit_price_model(split[0])


def _log_mae(predicted: np.ndarray, cards: pd.DataFrame) -> float:
    return float(np.mean(np.abs(np.log(predicted) - np.log(cards["market_price"]))))


def test_leakage_features_never_use_target_or_listing_prices() -> None:
    assert not set(FEATURES) & set(LEAKY_COLUMNS)


def test_invariance_predictions_ignore_prices_of_the_rows(split, model) -> None:
    test = split[1]
    scrambled = test.copy()
    rng = np.random.default_rng(0)
    for column in LEAKY_COLUMNS:
        scrambled[column] = rng.permutation(scrambled[column].to_numpy())
    np.testing.assert_allclose(predict_price(model, test), predict_price(model, scrambled))


def test_quality_beats_the_median_by_rarity_and_finish_baseline(split, model) -> None:
    train, test = split
    log_train = np.log(train["market_price"])
    medians = log_train.groupby([train["rarity"], train["finish"]], dropna=False).median()
    keys = pd.MultiIndex.from_frame(test[["rarity", "finish"]])
    baseline = np.exp(medians.reindex(keys).fillna(log_train.median()).to_numpy())
    model_mae, baseline_mae = _log_mae(predict_price(model, test), test), _log_mae(baseline, test)
    assert model_mae < 0.8 * baseline_mae, (model_mae, baseline_mae)
    assert model_mae < 0.45


def test_robustness_unseen_categories_still_get_a_price(split, model) -> None:
    card = split[1].head(3).copy()
    card["set_id"] = "brand-new-set"
    card["rarity"] = "Mythical Rare"
    prices = predict_price(model, card)
    assert np.isfinite(prices).all() and (prices > 0).all()


def test_direction_holofoil_prints_are_priced_above_normal_ones(split, model) -> None:
    normal = split[1][split[1]["finish"] == "normal"].copy()
    holo = normal.assign(finish="holofoil")
    assert np.median(predict_price(model, holo) / predict_price(model, normal)) > 1.0


def test_features_keep_one_row_per_input_row(split) -> None:
    features = card_features(split[1])
    assert list(features.columns) == FEATURES
    assert features.index.equals(split[1].index)
