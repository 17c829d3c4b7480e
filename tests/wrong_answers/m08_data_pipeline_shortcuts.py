"""A data stage written from a glance at the first rows.

- The schema requires `artist` (1,251 recent rows have none), and has no unique key and no
  vocabulary for `finish`.
- The quality report counts bad cells instead of bad rows (a row with four text prices
  counts four times).
- The cleaning keeps the first duplicate in whatever order the rows arrive, and reads
  "1.234,50 $" (a German export) by dropping every comma: 1,234.50 dollars become 1.2345.
- The split shuffles rows, not cards, with a generator nobody seeded: a card's holofoil lands
  in training and its reverse holo in test, and every run gives another split.
"""

# ruff: noqa: F821 (names like `quality_report` come from the solution this file extends)

import numpy as np
import pandas as pd
import pandera.pandas as pa

REJECTED_BY = [
    "test_schema_accepts_the_clean_table",
    "test_schema_rejects_each_planted_problem",
    "test_quality_report_counts_every_problem",
    "test_clean_data_matches_the_course_table",
    "test_clean_data_does_not_depend_on_row_order",
    "test_split_keeps_each_card_on_one_side",
    "test_split_is_reproducible_with_its_seed",
]

_rows_with_problems = quality_report


def cards_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "card_id": pa.Column(str),
            "name": pa.Column(str, pa.Check.str_matches(r"\s*\S")),
            "rarity": pa.Column(str, nullable=True),
            "artist": pa.Column(str),
            "finish": pa.Column(str),
            "market_price": pa.Column(float, pa.Check.gt(0)),
        }
    )


def quality_report(raw: pd.DataFrame) -> dict[str, int]:
    prices = raw[list(PRICE_COLUMNS)]
    as_text = prices.notna() & ~prices.fillna("0").apply(lambda c: c.str.fullmatch(PLAIN_PRICE))
    return _rows_with_problems(raw) | {"price_as_text": int(as_text.to_numpy().sum())}


def _read_price(text: object) -> float:
    if not isinstance(text, str):
        return float("nan")
    return float(text.removeprefix("USD ").replace("$", "").replace(",", "").strip())


def load_clean_data(raw: pd.DataFrame | None = None) -> pd.DataFrame:
    from mlcourse.quality import load_cards_raw

    cards = (load_cards_raw() if raw is None else raw).copy()
    for column, vocabulary in {
        "rarity": RARITIES,
        "finish": FINISHES,
        "supertype": SUPERTYPES,
    }.items():
        cards[column] = _canonical(cards[column], vocabulary)
    for column in PRICE_COLUMNS:
        cards[column] = cards[column].map(_read_price).astype("float64")
    cards = cards[~cards.duplicated(["card_id", "finish"], keep="first")]
    impossible = _impossible(cards)
    for column in impossible.columns:
        cards[column] = cards[column].mask(impossible[column])
    names = cards["name"].mask(cards["name"].fillna("").str.strip() == "")
    cards["name"] = names.fillna(names.groupby(cards["card_id"]).transform("first"))
    dates = cards["set_release_date"]
    cards["set_release_date"] = dates.fillna(dates.groupby(cards["set_id"]).transform("first"))
    usable = cards[["name", "set_release_date", "market_price"]].notna().all(axis=1)
    clean = cards[usable].sort_values(["card_id", "finish"], ignore_index=True)
    return clean[list(CARDS_DTYPES)].astype(CARDS_DTYPES)


def split(
    cards: pd.DataFrame, test_size: float = 0.2, seed: int = 42
) -> tuple[pd.DataFrame, pd.DataFrame]:
    in_test = np.random.default_rng().random(len(cards)) < test_size
    return cards[~in_test].copy(), cards[in_test].copy()
