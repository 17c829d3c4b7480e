"""Skips only prices equal to zero: a negative price crashes `math.log` and NaN slips through
as a NaN log price."""

import math

REJECTED_BY = [
    "test_log_prices_skips_zero_and_negative_prices",
    "test_log_prices_skips_missing_prices",
]


def log_prices(prices):
    return [math.log(price) for price in prices if price != 0]
