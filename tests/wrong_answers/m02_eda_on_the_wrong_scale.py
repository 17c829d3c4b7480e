"""Answers the EDA questions on the wrong scale: raw dollars where the log was asked for,
`log1p` "to be safe with zeros" (prices are never zero, and log1p squashes cheap cards), and
the mean where the median was asked for."""

import numpy as np
import pandas as pd

REJECTED_BY = [
    "test_log_price_age_correlation_matches_scipy",
    "test_median_price_by_finish_matches_numpy",
    "test_priciest_rarity_uses_the_median_not_the_mean",
    "test_price_skewness_matches_scipy",
]


def log_price_age_correlation(cards: pd.DataFrame) -> float:
    age = (pd.Timestamp("2025-03-01") - cards["set_release_date"]).dt.days / 365.25
    return float(cards["market_price"].corr(age))


def median_price_by_finish(cards: pd.DataFrame) -> pd.Series:
    return cards.groupby("finish")["market_price"].mean().sort_values()


def priciest_rarity(cards: pd.DataFrame) -> str:
    return str(cards.groupby("rarity")["market_price"].mean().idxmax())


def price_skewness(cards: pd.DataFrame) -> tuple[float, float]:
    price = cards["market_price"]
    return float(price.skew()), float(np.log1p(price).skew())
