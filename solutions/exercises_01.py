"""Module 01 exercises: data engineering foundations (reference solution).

Write each function below, then check your work with

    uv run pytest exercises/test_exercises_01.py

or in the notebook `notebooks/01_data_engineering.py`, whose check panel runs the same tests.

The data: `load_cards_raw()` (from `mlcourse.quality`) returns `data/cards_raw.csv`, the
cards table with five planted problems, indexed by `row_id`. Its four price columns are text.
The fixes are meant to run in this order, which is the order `validate_cards` uses:

    normalise_categories -> parse_prices -> drop_duplicate_listings
    -> null_impossible_values -> handle_missing_values

Every function returns a new DataFrame and leaves its input untouched.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pandas as pd
import pandera.pandas as pa
import polars as pl

from mlcourse.quality import EARLIEST_RELEASE, HP_RANGE, PRICE_COLUMNS, RARITIES
from mlcourse.schemas import FINISHES, SERIES, SNAPSHOT_DATE, SUPERTYPES

DATE = "datetime64[ns]"
NOT_BLANK = r"\s*\S"  # str_matches anchors at the start: some non-space character somewhere


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
    return pa.DataFrameSchema(
        {
            "card_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9]+-[A-Za-z0-9]+$")),
            "set_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9]+$")),
            "number": pa.Column(str),
            "name": pa.Column(str, pa.Check.str_matches(NOT_BLANK)),
            "set_name": pa.Column(str),
            "set_release_date": pa.Column(DATE, pa.Check.in_range(EARLIEST_RELEASE, SNAPSHOT_DATE)),
            "series": pa.Column(str, pa.Check.isin(SERIES)),
            "rarity": pa.Column(str, pa.Check.isin(RARITIES), nullable=True),
            "supertype": pa.Column(str, pa.Check.isin(SUPERTYPES)),
            "subtypes": pa.Column(str, nullable=True),
            "hp": pa.Column("Int64", pa.Check.in_range(*HP_RANGE), nullable=True),
            "types": pa.Column(str, nullable=True),
            "pokedex_number": pa.Column("Int64", nullable=True),
            "retreat_cost": pa.Column("Int64", nullable=True),
            "artist": pa.Column(str, nullable=True),
            "finish": pa.Column(str, pa.Check.isin(FINISHES)),
            "market_price": _price(),
            "low_price": _price(),
            "high_price": _price(),
            "prev_market_price": _price(nullable=True),  # one real card has no earlier price
            "price_date": pa.Column(DATE, pa.Check.le(SNAPSHOT_DATE)),
            "prev_price_date": pa.Column(DATE, pa.Check.le(SNAPSHOT_DATE)),
        },
        # A card x finish is one listing: a second row with the same key is a duplicate.
        unique=["card_id", "finish"],
        name="cards",
    )


def _price(nullable: bool = False) -> pa.Column:
    # coerce=True turns "0.35" into 0.35 and names each value it cannot read, row by row.
    return pa.Column(float, pa.Check.gt(0), coerce=True, nullable=nullable)


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
    return pa.DataFrameSchema(
        {
            "set_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9]+$"), unique=True),
            "set_name": pa.Column(str, pa.Check.str_matches(NOT_BLANK)),
            "series": pa.Column(str, pa.Check.isin(SERIES)),
            "release_date": pa.Column(DATE, pa.Check.in_range(EARLIEST_RELEASE, SNAPSHOT_DATE)),
            "n_cards": pa.Column("int64", pa.Check.gt(0)),
            "n_priced_cards": pa.Column("int64", pa.Check.ge(0)),
            "max_number": pa.Column("Int64", pa.Check.gt(0), nullable=True),
        },
        # A check on the whole frame returns one boolean per row, so pandera names the rows.
        checks=[
            pa.Check(
                lambda sets: sets["n_priced_cards"] <= sets["n_cards"],
                name="n_priced_cards_le_n_cards",
            )
        ],
        name="sets",
    )


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
    return pa.DataFrameSchema(
        {
            "card_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9]+-[A-Za-z0-9]+$")),
            "finish": pa.Column(str, pa.Check.isin(FINISHES)),
            "snapshot_date": pa.Column(DATE, pa.Check.in_range(EARLIEST_RELEASE, SNAPSHOT_DATE)),
            "market_price": _price(),
        },
        unique=["card_id", "finish", "snapshot_date"],
        name="price_snapshots",
    )


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
    # keep="first" keeps the earliest row in file order; comparing the whole row would
    # miss the re-listings whose listing prices changed.
    return raw[~raw.duplicated(["card_id", "finish"], keep="first")]


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
    vocabularies = {"rarity": RARITIES, "finish": FINISHES, "supertype": SUPERTYPES}
    fixed = raw.copy()
    for column, vocabulary in vocabularies.items():
        canonical = {_spelling_key(value): value for value in vocabulary}
        # Map each distinct spelling once; replace() keeps the column's dtype and its NaNs.
        spellings = raw[column].dropna().unique()
        mapping = {s: canonical.get(_spelling_key(s), s) for s in spellings}
        fixed[column] = raw[column].replace({s: c for s, c in mapping.items() if s != c})
    return fixed


def _spelling_key(value: str) -> str:
    """'Pokémon', 'POKEMON ' and 'pokemon' all give 'pokemon'."""
    # NFKD splits "é" into "e" plus a combining accent, which the ASCII encoding drops.
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_-]+", " ", plain).strip().casefold()


_US_AMOUNT = re.compile(r"(?:\$|USD )?(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)")
_GERMAN_AMOUNT = re.compile(r"(-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?) \$")


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
    parsed = raw.copy()
    for column in PRICE_COLUMNS:
        texts = raw[column].dropna().unique()
        amounts = {text: _read_price(text) for text in texts}
        parsed[column] = raw[column].map(amounts).astype("float64")
    return parsed


def _read_price(text: str) -> float:
    if match := _US_AMOUNT.fullmatch(text):
        return float(match.group(1).replace(",", ""))
    if match := _GERMAN_AMOUNT.fullmatch(text):
        return float(match.group(1).replace(".", "").replace(",", "."))
    # Guessing would hide a new format; failing loudly makes someone look at it.
    raise ValueError(f"cannot read the price {text!r}")


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
    fixed = cards.copy()
    dates = fixed["set_release_date"]
    # Comparisons with a missing value are False, so existing gaps stay as they are.
    fixed.loc[(dates < EARLIEST_RELEASE) | (dates > SNAPSHOT_DATE), "set_release_date"] = pd.NaT
    for column in PRICE_COLUMNS:
        fixed.loc[fixed[column] <= 0, column] = float("nan")
    hp = fixed["hp"]
    outside = ((hp < HP_RANGE[0]) | (hp > HP_RANGE[1])).fillna(False)
    fixed.loc[outside, "hp"] = pd.NA
    return fixed


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
    fixed = cards.copy()
    blank = fixed["name"].fillna("").str.strip() == ""
    names = fixed["name"].mask(blank)
    # transform("first") gives each row the first non-missing value of its group.
    fixed["name"] = names.fillna(names.groupby(fixed["card_id"]).transform("first"))
    dates = fixed["set_release_date"]
    fixed["set_release_date"] = dates.fillna(dates.groupby(fixed["set_id"]).transform("first"))
    usable = fixed[["name", "set_release_date", "market_price"]].notna().all(axis=1)
    return fixed[usable]


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
    repaired = parse_prices(normalise_categories(raw))
    unique = drop_duplicate_listings(repaired)
    duplicates = repaired.index.difference(unique.index)
    parts = [pd.DataFrame({"row_id": duplicates, "column": None, "check": "duplicate"})]
    try:
        cards_schema().validate(unique, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        if cases["index"].isna().any():
            # A failure with no row (a missing column, a wrong dtype) concerns the whole
            # table: quarantining rows would hide it, so stop here.
            raise
        found = cases.rename(columns={"index": "row_id"})[["row_id", "column", "check"]]
        parts.append(found)
    report = pd.concat(parts, ignore_index=True).astype({"row_id": "int64"})
    report = report.drop_duplicates().sort_values(["row_id", "check"], ignore_index=True)
    clean = unique.drop(index=report["row_id"], errors="ignore")
    return cards_schema().validate(clean), report


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
    summary = cards.groupby(["series", "finish"], as_index=False).agg(
        n_rows=("market_price", "size"), median_price=("market_price", "median")
    )
    return summary.sort_values(["series", "finish"], ignore_index=True)


def price_summary_polars(cards: pl.DataFrame) -> pl.DataFrame:
    """The same summary as `price_summary_pandas`, with polars.

    Args:
        cards: A cards table as a polars DataFrame, e.g. `pl.from_pandas(load_cards())`.

    Returns:
        Columns `series`, `finish`, `n_rows`, `median_price`, sorted by series then finish.

    >>> price_summary_polars(pl.from_pandas(load_cards())).row(0)
    ('Base', 'holofoil', 61, 36.93)
    """
    # group_by does not keep any order, so the explicit sort is what makes results comparable.
    return (
        cards.group_by("series", "finish")
        .agg(n_rows=pl.len(), median_price=pl.col("market_price").median())
        .sort("series", "finish")
    )


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
    rows_per_date = cards.groupby("set_release_date").size().sort_index(ascending=False)
    # Share of all rows that are newer than each date: what is already assigned before it.
    newer = rows_per_date.cumsum().shift(fill_value=0) / len(cards)
    label = pd.Series("train", index=rows_per_date.index)
    label[newer < test_fraction + val_fraction] = "val"
    label[newer < test_fraction] = "test"
    return cards["set_release_date"].map(label).rename("split")


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
    columns = sorted(frame.columns)
    # One text line per row; sorting the lines (not the values within a column) removes the
    # row order but keeps every row's values together.
    lines = frame[columns].to_csv(index=False, header=False, lineterminator="\n", na_rep="<NA>")
    canonical = "\n".join([",".join(columns), *sorted(lines.splitlines())])
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
