"""What valid course data looks like, written down as pandera schemas.

The schemas describe the tables exactly as `mlcourse.data.load_cards()` and
`mlcourse.data.load_sets()` return them (dates parsed, nullable integers), so a learner can
validate their own copy after a transformation:

    >>> from mlcourse.data import load_cards
    >>> from mlcourse.schemas import CARDS_SCHEMA
    >>> cards = CARDS_SCHEMA.validate(load_cards(), lazy=True)

`lazy=True` collects every failure before raising `pandera.errors.SchemaErrors`; its
`failure_cases` table names the column, the check and the row index of each bad value.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

FINISHES = ("normal", "holofoil", "reverse_holofoil")  # printings that carry a price
SERIES = ("Base", "Gym", "Sword & Shield", "Scarlet & Violet")
SUPERTYPES = ("Pokémon", "Trainer", "Energy")
FIRST_RELEASE = pd.Timestamp("1999-01-01")  # no set in the data is older
LAST_RELEASE = pd.Timestamp("2025-12-31")
SNAPSHOT_DATE = pd.Timestamp("2025-03-01")  # the day the market prices were taken

DATE = "datetime64[ns]"
SET_ID_PATTERN = r"^[a-z0-9]+$"
NUMBER_PATTERN = r"^[A-Za-z0-9]+$"


def _text(*checks: pa.Check, nullable: bool = False) -> pa.Column:
    return pa.Column(str, list(checks), nullable=nullable)


def _price(nullable: bool = False) -> pa.Column:
    return pa.Column(float, pa.Check.gt(0), nullable=nullable)


def _release_date() -> pa.Column:
    return pa.Column(DATE, pa.Check.in_range(FIRST_RELEASE, LAST_RELEASE))


def _low_le_high(cards: pd.DataFrame) -> pd.Series:
    # A comparison with a missing value is False, so rows missing either price pass.
    return ~(cards["low_price"] > cards["high_price"])


def _id_is_set_and_number(cards: pd.DataFrame) -> pd.Series:
    return cards["card_id"] == cards["set_id"] + "-" + cards["number"]


def _prev_not_after_current(cards: pd.DataFrame) -> pd.Series:
    return ~(cards["prev_price_date"] > cards["price_date"])


CARDS_SCHEMA = pa.DataFrameSchema(
    {
        "card_id": _text(pa.Check.str_matches(r"^[a-z0-9]+-[A-Za-z0-9]+$")),
        "set_id": _text(pa.Check.str_matches(SET_ID_PATTERN)),
        "number": _text(pa.Check.str_matches(NUMBER_PATTERN)),
        "name": _text(),
        "set_name": _text(),
        "set_release_date": _release_date(),
        "series": _text(pa.Check.isin(SERIES)),
        "rarity": _text(nullable=True),
        "supertype": _text(pa.Check.isin(SUPERTYPES)),
        "subtypes": _text(nullable=True),
        "hp": pa.Column("Int64", pa.Check.gt(0), nullable=True),
        "types": _text(nullable=True),
        "pokedex_number": pa.Column("Int64", pa.Check.in_range(1, 1025), nullable=True),
        "retreat_cost": pa.Column("Int64", pa.Check.in_range(0, 5)),
        "artist": _text(nullable=True),
        "finish": _text(pa.Check.isin(FINISHES)),
        "market_price": _price(),
        "low_price": _price(),
        "high_price": _price(),
        "prev_market_price": _price(nullable=True),
        "price_date": pa.Column(DATE, pa.Check.le(SNAPSHOT_DATE)),
        "prev_price_date": pa.Column(DATE, pa.Check.le(SNAPSHOT_DATE)),
    },
    checks=[
        pa.Check(_low_le_high, name="low_price_le_high_price"),
        pa.Check(_id_is_set_and_number, name="card_id_is_set_id_dash_number"),
        pa.Check(_prev_not_after_current, name="prev_price_date_le_price_date"),
    ],
    unique=["card_id", "finish"],
    strict=True,
    ordered=True,
    name="cards",
)
"""One row per card x finish with a market price; see data/README.md for each column."""


def _priced_le_total(sets: pd.DataFrame) -> pd.Series:
    return sets["n_priced_cards"] <= sets["n_cards"]


SETS_SCHEMA = pa.DataFrameSchema(
    {
        "set_id": _text(pa.Check.str_matches(SET_ID_PATTERN)),
        "set_name": _text(),
        "series": _text(pa.Check.isin(SERIES)),
        "release_date": _release_date(),
        "n_cards": pa.Column("int64", pa.Check.gt(0)),
        "n_priced_cards": pa.Column("int64", pa.Check.ge(0)),
        "max_number": pa.Column("Int64", pa.Check.gt(0), nullable=True),
    },
    checks=[pa.Check(_priced_le_total, name="n_priced_cards_le_n_cards")],
    unique=["set_id"],
    strict=True,
    ordered=True,
    name="sets",
)
"""One row per set; see data/README.md for each column."""
