"""Reads the rows twice, once to find the rarities and once per rarity to summarise them: fine
for a list, but a generator or a file reader is empty after the first pass."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_process_cards_reads_its_input_once"]


def process_cards(rows, min_price=0.0):
    rarities = {card["rarity"] for card in clean_rows(rows)}
    summary = {}
    for rarity in sorted(rarities):
        prices = [
            card["market_price"]
            for card in clean_rows(rows)
            if card["rarity"] == rarity and card["market_price"] >= min_price
        ]
        if prices:
            summary[rarity] = {
                "count": len(prices),
                "mean_price": sum(prices) / len(prices),
                "max_price": max(prices),
            }
    return summary
