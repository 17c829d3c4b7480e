"""A cache keyed on the card's name alone: the holofoil and the normal printing of a card
share a name, so the second one gets the first one's price."""

from functools import lru_cache

import pandas as pd

from mlcourse.models import predict_price

REJECTED_BY = ["test_cache_tells_different_cards_apart"]


def cached_predictor(model, maxsize=1024):
    cards = {}

    @lru_cache(maxsize=maxsize)
    def price_of(name):
        return float(predict_price(model, pd.DataFrame([cards[name]]))[0])

    def price(card):
        cards.setdefault(card["name"], card)
        return price_of(card["name"])

    return price
