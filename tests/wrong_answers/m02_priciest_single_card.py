"""Reads "the priciest rarity" as the rarity of the single most expensive card, not the
rarity with the highest median price: one outlier decides the answer."""

import pandas as pd

REJECTED_BY = ["test_priciest_rarity_matches_numpy"]


def priciest_rarity(cards: pd.DataFrame) -> str:
    return str(cards.loc[cards["market_price"].idxmax(), "rarity"])
