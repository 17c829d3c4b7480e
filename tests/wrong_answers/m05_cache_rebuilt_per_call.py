"""An `lru_cache` created inside the function it should serve: every call builds a new,
empty cache, so nothing is ever found in it."""

import json
from functools import lru_cache

import pandas as pd

from mlcourse.models import predict_price

REJECTED_BY = [
    "test_cache_calls_the_model_once_for_repeats",
    "test_cache_hits_for_an_equal_request",
    "test_cache_forgets_the_least_recently_used_card",
]


def cached_predictor(model, maxsize=1024):
    def price(card):
        @lru_cache(maxsize=maxsize)
        def price_of(key):
            return float(predict_price(model, pd.DataFrame([json.loads(key)]))[0])

        return price_of(json.dumps(card, sort_keys=True, default=str))

    return price
