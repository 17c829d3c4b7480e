"""Reports the median price under "mean_price": on skewed prices the two differ a lot."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import statistics

REJECTED_BY = ["test_process_cards_small_tables", "test_process_cards_matches_pandas_on_the_cards"]


def process_cards(rows, min_price=0.0):
    prices = {}
    for card in clean_rows(rows):
        if card["market_price"] >= min_price:
            prices.setdefault(card["rarity"], []).append(card["market_price"])
    return {
        rarity: {"count": len(p), "mean_price": statistics.median(p), "max_price": max(p)}
        for rarity, p in prices.items()
    }
