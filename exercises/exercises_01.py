"""Module 01 exercises: data engineering foundations.

Write each function below, then check your work with

    uv run pytest exercises/test_exercises_01.py

or in the notebook `notebooks/01_data_engineering.py`, whose check panel runs the same tests.

The data: `load_cards_raw()` (from `mlcourse.quality`) returns `data/cards_raw.csv`, the
cards table with five planted problems, indexed by `row_id`. Its four price columns are text.
The fixes are meant to run in this order, which is the order `validate_cards` uses:

    normalise_categories -> parse_prices -> drop_duplicate_listings
    -> null_impossible_values -> handle_missing_values

Every function returns a new DataFrame and leaves its input untouched. Besides the imports
below you may want `hashlib`, `re` and `unicodedata` from the standard library.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import polars as pl

# The reference values your code needs (see their docstrings and data/README.md).
from mlcourse.quality import EARLIEST_RELEASE, HP_RANGE, PRICE_COLUMNS, RARITIES  # noqa: F401
from mlcourse.schemas import FINISHES, SERIES, SNAPSHOT_DATE, SUPERTYPES  # noqa: F401

DATE = "datetime64[ns]"


# --- 1. Schemas: what valid data looks like -------------------------------------------------


def cards_schema() -> pa.DataFrameSchema:
    """The pandera schema of the cards table, as `load_cards()` returns it.

    It must accept `load_cards()` and, validated with `lazy=True`, name every row that has
    one of the planted problems. At least:

    - `card_id`, `finish` together unique; `finish` in `FINISHES`, `supertype` in
      `SUPERTYPES`, `series` in `SERIES`, `rarity` in `RARITIES` or missing;
    - `name` present and not blank (only spaces counts as blank);
    - `set_release_date` between `EARLIEST_RELEASE` and `SNAPSHOT_DATE`;
    - `hp` within `HP_RANGE` or missing;
    - the four price columns float with `coerce=True` (so text that is not a number is named
      row by row), above 0; `market_price` never missing.

    Returns:
        A `pa.DataFrameSchema`.

    >>> cards_schema().validate(load_cards(), lazy=True).shape
    (10442, 22)
    """
    # TODO: return a pa.DataFrameSchema with a pa.Column per column and the checks listed above.
    raise NotImplementedError


def sets_schema() -> pa.DataFrameSchema:
    """The pandera schema of the sets table, as `load_sets()` returns it.

    It must accept `load_sets()` and name, row by row: a repeated `set_id`, a `series`
    outside `SERIES`, a missing or blank `set_name`, a `release_date` missing or outside
    `EARLIEST_RELEASE`..`SNAPSHOT_DATE`, `n_cards` of 0 or less, and more priced cards than
    cards (`n_priced_cards > n_cards`).

    Returns:
        A `pa.DataFrameSchema`.

    >>> sets_schema().validate(load_sets(), lazy=True).shape
    (45, 7)
    """
    # TODO: build the schema; the last rule needs a DataFrame-level pa.Check.
    raise NotImplementedError


def price_snapshots_schema() -> pa.DataFrameSchema:
    """The pandera schema of a price-history table: one market price per listing and day.

    Columns: `card_id` (text), `finish` (in `FINISHES`), `snapshot_date` (the day the price
    was taken, between `EARLIEST_RELEASE` and `SNAPSHOT_DATE`) and `market_price` (float with
    `coerce=True`, above 0, never missing). A card x finish has one price per day.

    Returns:
        A `pa.DataFrameSchema`.

    >>> snapshots = pd.DataFrame({"card_id": ["base1-4"], "finish": ["holofoil"],
    ...     "snapshot_date": [SNAPSHOT_DATE], "market_price": [398.63]})
    >>> price_snapshots_schema().validate(snapshots).shape
    (1, 4)
    """
    # TODO: build the schema, unique on (card_id, finish, snapshot_date).
    raise NotImplementedError


# --- 2. Five fixes, one per planted problem --------------------------------------------------


def drop_duplicate_listings(raw: pd.DataFrame) -> pd.DataFrame:
    """Keep the first row of each card x finish, in file order; drop the later ones.

    Exact copies and re-listings (same `card_id` and `finish`, other listing prices) both
    count: the key decides, not the whole row. Kept rows come back unchanged, in their order,
    with their index.

    Args:
        raw: A cards table, e.g. `load_cards_raw()`.

    Returns:
        The rows that are not a repeat of an earlier row.

    >>> drop_duplicate_listings(load_cards_raw()).shape
    (10442, 22)
    """
    # TODO: keep the rows whose (card_id, finish) was not seen earlier in the file.
    raise NotImplementedError


def normalise_categories(raw: pd.DataFrame) -> pd.DataFrame:
    """Map each `rarity`, `finish` and `supertype` spelling to its canonical spelling.

    A value matches a canonical one (`RARITIES`, `FINISHES`, `SUPERTYPES`) when both are equal
    after ignoring case, accents, and the difference between spaces, hyphens and underscores
    (and extra spaces): " Reverse-Holofoil" -> "reverse_holofoil", "POKEMON" -> "Pokémon",
    "rare  holo" -> "Rare Holo". A value that matches nothing stays as it is (the schema will
    flag it); a missing value stays missing. Other columns are untouched.

    Args:
        raw: A cards table, e.g. `load_cards_raw()`.

    Returns:
        A copy with the three columns normalised.

    >>> normalise_categories(load_cards_raw())["finish"].unique().tolist()
    ['holofoil', 'normal', 'reverse_holofoil']
    """
    # TODO: compare spellings by a key (no case, accents or extra spaces), then map.
    raise NotImplementedError


def parse_prices(raw: pd.DataFrame) -> pd.DataFrame:
    """Turn the four price columns from text into float64 US dollars.

    The raw file writes a price in one of these ways (all amounts are US dollars):
    plain `1234.50` or `-1234.50`; `$1,234.50`; `USD 1,234.50`; and, from a German-locale
    export, `1.234,50 $` (dot for thousands, comma for decimals). A missing price stays
    missing (NaN). Whether a value is plausible is not this function's job: `-12.99` is read
    as -12.99. Other columns are untouched.

    Args:
        raw: A cards table with text prices, e.g. `load_cards_raw()`.

    Returns:
        A copy whose `market_price`, `low_price`, `high_price` and `prev_market_price` are
        float64.

    Raises:
        ValueError: for a price written in none of these ways, naming the text.

    >>> parse_prices(load_cards_raw()).loc[1, "high_price"]  # was "$9,999.00"
    np.float64(9999.0)
    """
    # TODO: read each distinct price text into a float, recognising the formats above.
    raise NotImplementedError


def null_impossible_values(cards: pd.DataFrame) -> pd.DataFrame:
    """Replace values that cannot be true with missing values; keep every row.

    Impossible: a `set_release_date` before `EARLIEST_RELEASE` or after `SNAPSHOT_DATE`;
    a price (any of the four price columns) of 0 or less; an `hp` outside `HP_RANGE`
    (inclusive bounds). Only the impossible cell becomes missing (NaT, NaN or <NA>), because
    the rest of the row is still good; `handle_missing_values` decides what to do next.

    Args:
        cards: A cards table whose prices are already numbers (see `parse_prices`).

    Returns:
        A copy with the impossible values set to missing.

    >>> cards = parse_prices(load_cards_raw())
    >>> null_impossible_values(cards)["hp"].max()
    np.int64(340)
    """
    # TODO: on a copy, set each impossible cell to missing.
    raise NotImplementedError


def handle_missing_values(cards: pd.DataFrame) -> pd.DataFrame:
    """Recover the gaps that can be recovered and drop the rows that cannot be used.

    In this order:
    1. A blank `name` (missing, or only spaces) takes the name of another row of the same
       `card_id` (another finish of that card); a missing `set_release_date` takes the date of
       another row of the same `set_id`.
    2. Drop rows whose `name` or `set_release_date` is still missing, and rows without a
       `market_price`: it is the target, and a made-up target teaches a model nothing.
    Other gaps (`hp`, `artist`, `prev_market_price`, ...) are real and stay. Kept rows are
    otherwise unchanged.

    Args:
        cards: A cards table, e.g. the output of `null_impossible_values`.

    Returns:
        The rows that can be used, with names and release dates filled in.

    >>> handle_missing_values(parse_prices(load_cards_raw()))["name"].isna().sum()
    np.int64(0)
    """
    # TODO: fill names and release dates within their card and set, then drop the unusable rows.
    raise NotImplementedError


# --- 3. The validation pipeline --------------------------------------------------------------


def validate_cards(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Repair what is safe to repair, then quarantine every row that still breaks the schema.

    Steps: `normalise_categories`, `parse_prices` and `drop_duplicate_listings` (these lose
    no information), then `cards_schema()` with lazy validation. A row named by any failure
    is left out of the clean table and listed in the report; so is every dropped duplicate.
    No row disappears without a line in the report.

    Args:
        raw: The raw cards table, indexed by `row_id`, e.g. `load_cards_raw()`.

    Returns:
        (clean, report). `clean` has the columns of `load_cards()`, numeric prices, and the
        `row_id` of each kept row as its index. `report` has one row per failing row and
        check, with the columns `row_id` (int), `column` (the column checked, missing for a
        duplicate) and `check` (e.g. "greater_than(0)", or "duplicate").

    >>> clean, report = validate_cards(load_cards_raw())
    >>> len(clean) + report["row_id"].nunique() == len(load_cards_raw())
    True
    """
    # TODO: repair, validate lazily, and turn the failure cases into the report.
    raise NotImplementedError


# --- 4. The same aggregation in pandas and in polars -----------------------------------------


def price_summary_pandas(cards: pd.DataFrame) -> pd.DataFrame:
    """Median market price and row count per series and finish, with pandas.

    Args:
        cards: A cards table, e.g. `load_cards()`.

    Returns:
        Columns `series`, `finish`, `n_rows` (rows in the group) and `median_price` (median
        of `market_price`), one row per series x finish present, sorted by series then
        finish, with a 0..n-1 index.

    >>> price_summary_pandas(load_cards()).head(1)
      series    finish  n_rows  median_price
    0   Base  holofoil      61         36.93
    """
    # TODO: group by series and finish, count the rows and take the median price.
    raise NotImplementedError


def price_summary_polars(cards: pl.DataFrame) -> pl.DataFrame:
    """The same summary as `price_summary_pandas`, with polars.

    Args:
        cards: A cards table as a polars DataFrame, e.g. `pl.from_pandas(load_cards())`.

    Returns:
        Columns `series`, `finish`, `n_rows`, `median_price`, sorted by series then finish.

    >>> price_summary_polars(pl.from_pandas(load_cards())).row(0)
    ('Base', 'holofoil', 61, 36.93)
    """
    # TODO: the same with group_by(...).agg(...), then sort.
    raise NotImplementedError


# --- 5. A split that does not leak -----------------------------------------------------------


def split_by_time(
    cards: pd.DataFrame, val_fraction: float = 0.15, test_fraction: float = 0.15
) -> pd.Series:
    """Label each row train, val or test by its set's release date: newest sets in test.

    Walk the release dates from newest to oldest, keeping each date's rows together. A date
    goes to test while test holds less than `test_fraction` of the rows, then to val while
    test and val together hold less than `test_fraction + val_fraction`; the rest is train.
    This is how the model will meet data: trained on older sets, used on a new release. All
    finishes of a card share a set, so they always land on the same side.

    Args:
        cards: A cards table with `set_release_date` and `card_id`.
        val_fraction: Share of rows wanted in val (reached or just passed).
        test_fraction: Share of rows wanted in test (reached or just passed).

    Returns:
        A Series named "split" with the index of `cards` and values "train", "val", "test".

    >>> split_by_time(load_cards()).value_counts(normalize=True).round(2).to_dict()
    {'train': 0.67, 'test': 0.18, 'val': 0.15}
    """
    # TODO: assign whole release dates, newest first, to test, then val, then train.
    raise NotImplementedError


# --- 6. A fingerprint of the content ---------------------------------------------------------


def fingerprint(frame: pd.DataFrame) -> str:
    """The sha256 of a canonical form of `frame`'s content, as 64 hex characters.

    The same content gives the same fingerprint whatever the order of rows or columns and
    whatever the index; changing, adding or removing any value, row or column name gives
    another. Use it to record which data a model was trained on.

    Args:
        frame: Any DataFrame with text column names.

    Returns:
        The hex digest.

    >>> fingerprint(load_sets()) == fingerprint(load_sets().iloc[::-1])
    True
    """
    # TODO: sort the columns, write each row as text, sort the rows, hash the result.
    raise NotImplementedError
