"""Prices taken straight from `model.predict`: the model works in log price, so every answer
is a logarithm (24 dollars comes back as 3.18)."""

import json
from functools import lru_cache

import pandas as pd

from mlcourse.models import card_features

REJECTED_BY = [
    "test_predict_returns_the_model_price_in_dollars",
    "test_batch_prices_every_card_in_order",
    "test_cache_prices_a_card_like_the_model",
]


def _prices(model, cards):
    frame = pd.DataFrame([card.model_dump() for card in cards])
    prices = model.predict(card_features(frame))
    return [
        {"name": card.name, "finish": card.finish, "price": float(price)}
        for card, price in zip(cards, prices, strict=True)
    ]


def cached_predictor(model, maxsize=1024):
    @lru_cache(maxsize=maxsize)
    def price_of(key):
        return float(model.predict(card_features(pd.DataFrame([json.loads(key)])))[0])

    return lambda card: price_of(json.dumps(card, sort_keys=True, default=str))
