"""Returns a generator expression (round brackets) instead of the list the caller was promised."""

import math

REJECTED_BY = ["test_log_prices_returns_a_list_for_any_iterable"]


def log_prices(prices):
    return (math.log(price) for price in prices if price > 0)
