"""Raises the right exception with a message that does not say which text was wrong."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_parse_price_error_message_shows_the_text"]


def parse_price(text):
    match = _PRICE.fullmatch(text.strip())
    if match is None:
        raise PriceError("invalid price")
    return float(match.group().lstrip("$").replace(",", ""))
