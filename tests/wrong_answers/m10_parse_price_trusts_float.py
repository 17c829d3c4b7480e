"""Strips "$" and every comma, then trusts `float()`: "nan", "inf", "1e3" and "-0.13" pass as
prices and "0,06" becomes 6.0."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_parse_price_raises_price_error_on_bad_text"]


def parse_price(text):
    try:
        return float(text.strip().lstrip("$").replace(",", ""))
    except ValueError as error:
        raise PriceError(f"not a price: {text!r}") from error
