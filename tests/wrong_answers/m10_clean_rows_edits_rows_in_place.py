"""Cleans each row in place and yields the caller's own dict: the input is changed under the
caller's feet, and the records keep every other column."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = [
    "test_clean_rows_leaves_the_input_rows_unchanged",
    "test_clean_rows_cleans_text_and_prices",
]


def clean_rows(rows):
    for row in rows:
        try:
            row["market_price"] = parse_price(row["market_price"])
        except PriceError:
            continue
        row["card_id"] = row["card_id"].strip()
        row["rarity"] = row["rarity"].strip() or "Unknown"
        row["finish"] = row["finish"].strip()
        yield row
