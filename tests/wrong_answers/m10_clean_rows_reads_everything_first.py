"""Turns the input into a list before cleaning: the whole file sits in memory, and an endless
stream never yields a record."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_clean_rows_is_lazy"]


def clean_rows(rows):
    records = []
    for row in list(rows):
        try:
            price = parse_price(row["market_price"])
        except PriceError:
            continue
        records.append({
            "card_id": row["card_id"].strip(),
            "rarity": row["rarity"].strip() or "Unknown",
            "finish": row["finish"].strip(),
            "market_price": price,
        })
    yield from records
