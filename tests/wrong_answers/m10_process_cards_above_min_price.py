"""Keeps prices strictly above `min_price`: the five cards at exactly $1.00 are dropped."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_process_cards_keeps_prices_at_or_above_min_price"]


def process_cards(rows, min_price=0.0):
    kept = (card for card in clean_rows(rows) if card["market_price"] > min_price)
    return _summarise_by_rarity(kept)
