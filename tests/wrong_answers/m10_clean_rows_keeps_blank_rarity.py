"""Strips the rarity but leaves a blank one blank: the 12 real cards without a rarity end up
under an empty-string key instead of "Unknown"."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = [
    "test_clean_rows_cleans_text_and_prices",
    "test_process_cards_matches_pandas_on_the_cards",
]


def clean_rows(rows):
    for row in rows:
        try:
            price = parse_price(row["market_price"])
        except PriceError:
            continue
        yield {
            "card_id": row["card_id"].strip(),
            "rarity": row["rarity"].strip(),
            "finish": row["finish"].strip(),
            "market_price": price,
        }
