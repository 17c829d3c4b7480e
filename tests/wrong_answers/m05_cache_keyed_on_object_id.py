"""A cache keyed on `id(card)`: every request arrives as a new dict, so an equal card never
hits (and a recycled id could even return another card's price)."""

from collections import OrderedDict

import pandas as pd

from mlcourse.models import predict_price

REJECTED_BY = ["test_cache_hits_for_an_equal_request"]


def cached_predictor(model, maxsize=1024):
    cache = OrderedDict()

    def price(card):
        key = id(card)
        if key not in cache:
            cache[key] = float(predict_price(model, pd.DataFrame([card]))[0])
            if len(cache) > maxsize:
                cache.popitem(last=False)
        cache.move_to_end(key)
        return cache[key]

    return price
