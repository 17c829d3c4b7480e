"""Uses log10 instead of the natural log the rest of the course (and numpy's `np.log`) uses."""

import math

REJECTED_BY = ["test_log_prices_small_cases", "test_log_prices_match_numpy_on_the_card_prices"]


def log_prices(prices):
    return [math.log10(price) for price in prices if price > 0]
