"""Keeps rows with an unreadable price, priced at 0.0, instead of skipping them."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_clean_rows_skips_unreadable_prices"]


def clean_rows(rows):
    for row in rows:
        try:
            price = parse_price(row["market_price"])
        except PriceError:
            price = 0.0
        yield {
            "card_id": row["card_id"].strip(),
            "rarity": row["rarity"].strip() or "Unknown",
            "finish": row["finish"].strip(),
            "market_price": price,
        }
