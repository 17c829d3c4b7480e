"""A cache in a plain dict that keeps every card it has seen: under real traffic it grows
until the server runs out of memory."""

import json

import pandas as pd

from mlcourse.models import predict_price

REJECTED_BY = ["test_cache_forgets_the_least_recently_used_card"]


def cached_predictor(model, maxsize=1024):
    cache = {}

    def price(card):
        key = json.dumps(card, sort_keys=True, default=str)
        if key not in cache:
            cache[key] = float(predict_price(model, pd.DataFrame([card]))[0])
        return cache[key]

    return price
