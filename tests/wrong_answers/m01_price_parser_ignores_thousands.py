"""Takes the first number in the text and treats any comma as a decimal point: "$1,234.50"
becomes 1.234, and text in an unknown format quietly becomes NaN."""

import pandas as pd

REJECTED_BY = [
    "test_parse_prices_reads_each_format",
    "test_parse_prices_refuses_text_in_an_unknown_format",
    "test_parse_prices_reads_every_planted_price_and_keeps_the_rest",
]

PRICES = ["market_price", "low_price", "high_price", "prev_market_price"]


def parse_prices(raw: pd.DataFrame) -> pd.DataFrame:
    parsed = raw.copy()
    for column in PRICES:
        number = raw[column].str.extract(r"(-?\d+(?:[.,]\d+)?)", expand=False)
        parsed[column] = number.str.replace(",", ".").astype("float64")
    return parsed
