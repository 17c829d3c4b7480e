"""Validates numbers only: a price written "$39.41" or "$9,999.00", as listings show them, is
refused."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import re

REJECTED_BY = ["test_parse_price_reads_valid_prices"]

_DIGITS = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")


def parse_price(text):
    match = _DIGITS.fullmatch(text.strip())
    if match is None:
        raise PriceError(f"not a price: {text!r}")
    return float(match.group().replace(",", ""))
