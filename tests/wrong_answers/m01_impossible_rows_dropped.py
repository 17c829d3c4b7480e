"""Drops whole rows with an impossible value, where only the bad cell should become
missing: a card with a typo in its hp loses its good price too."""

import pandas as pd

from mlcourse.quality import EARLIEST_RELEASE, HP_RANGE
from mlcourse.schemas import SNAPSHOT_DATE

REJECTED_BY = [
    "test_null_impossible_values_at_the_boundaries",
    "test_null_impossible_values_blanks_exactly_the_planted_cells",
]


def null_impossible_values(cards: pd.DataFrame) -> pd.DataFrame:
    dates_ok = cards["set_release_date"].between(EARLIEST_RELEASE, SNAPSHOT_DATE)
    price_ok = ~(cards[["market_price", "low_price", "high_price"]] <= 0).any(axis=1)
    hp_ok = cards["hp"].between(*HP_RANGE).fillna(True)
    return cards[dates_ok & price_ok & hp_ok]
