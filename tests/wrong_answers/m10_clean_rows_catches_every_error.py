"""`except Exception: continue` around the whole row: a file without a market_price column
gives an empty, 'successful' result instead of an error."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_clean_rows_does_not_hide_a_missing_column"]


def clean_rows(rows):
    for row in rows:
        try:
            record = {
                "card_id": row["card_id"].strip(),
                "rarity": row["rarity"].strip() or "Unknown",
                "finish": row["finish"].strip(),
                "market_price": parse_price(row["market_price"]),
            }
        except Exception:
            continue
        yield record
