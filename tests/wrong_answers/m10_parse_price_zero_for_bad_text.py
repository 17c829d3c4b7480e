"""Returns 0.0 for text it cannot read instead of raising: bad rows become free cards and drag
every average down without anyone noticing."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_parse_price_raises_price_error_on_bad_text"]


def parse_price(text):
    match = _PRICE.fullmatch(text.strip())
    if match is None:
        return 0.0
    return float(match.group().lstrip("$").replace(",", ""))
