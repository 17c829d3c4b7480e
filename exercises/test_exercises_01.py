"""Graders for module 01: data engineering foundations.

Run with `uv run pytest exercises/test_exercises_01.py`. The planted problems are checked
against the answer key `data/cards_raw_problems.csv` (`mlcourse.quality.load_problems()`),
so every fix is graded on exactly the rows it should change and on every row it should not.
"""

from __future__ import annotations

import statistics

import numpy as np
import pandas as pd
import pandera.pandas as pa
import polars as pl
import pytest

from mlcourse.data import load_cards, load_sets
from mlcourse.grading import (
    GradingFailure,
    LearnerError,
    expect,
    expect_close,
    expect_equal,
    expect_type,
)
from mlcourse.quality import (
    EARLIEST_RELEASE,
    PRICE_COLUMNS,
    PROBLEMS,
    load_cards_raw,
    load_problems,
    respell,
)
from mlcourse.schemas import SNAPSHOT_DATE

SUMMARY_COLUMNS = ["series", "finish", "n_rows", "median_price"]
SHARE_TOLERANCE = 0.05  # a split moves whole release dates; the largest holds 4.8 % of rows
QUARANTINED = ("duplicate", "impossible_value", "missing_value")  # not repaired by the pipeline


# --- shared data ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cards() -> pd.DataFrame:
    return load_cards()


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return load_cards_raw()


@pytest.fixture(scope="module")
def problems() -> pd.DataFrame:
    return load_problems()


def rows_with(problems: pd.DataFrame, problem: str, column: str | None = None) -> list[int]:
    """Row ids the answer key lists for `problem` (and `column`), ascending."""
    hit = problems["problem"] == problem
    if column is not None:
        hit &= problems["column"] == column
    return sorted(set(problems.loc[hit, "row_id"]))


def untouched_rows(problems: pd.DataFrame, raw: pd.DataFrame) -> pd.Index:
    """Rows with no planted problem that no duplicate repeats."""
    planted = set(problems["row_id"]) | set(problems["duplicate_of"].dropna().astype(int))
    return raw.index.difference(sorted(planted))


def numeric_prices(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with plain-text prices ("12.50", "-0.35") read as numbers."""
    return frame.assign(**{c: pd.to_numeric(frame[c]) for c in PRICE_COLUMNS})


def with_clean_values(raw: pd.DataFrame, problems: pd.DataFrame, problem: str) -> pd.DataFrame:
    """`raw` with the answer key's clean value put back in every cell of `problem`."""
    fixed = raw.copy()
    for row in problems[problems["problem"] == problem].itertuples():
        fixed.loc[row.row_id, row.column] = row.clean_value
    return fixed


def rows_text(n: int) -> str:
    """'1 row', '2 rows', '1,234 rows'."""
    return f"{n:,} row" + ("" if n == 1 else "s")


def first_difference(got: pd.DataFrame, expected: pd.DataFrame) -> str | None:
    """Where two tables first differ, in words; None when they hold the same values."""
    if list(got.columns) != list(expected.columns):
        return f"columns are {list(got.columns)}, expected {list(expected.columns)}"
    missing = expected.index.difference(got.index)
    extra = got.index.difference(expected.index)
    if len(missing) or len(extra):
        parts = [f"{len(got):,} rows instead of {len(expected):,}"]
        if len(missing):
            parts.append(f"missing: {rows_text(len(missing))}, e.g. {list(missing[:3])}")
        if len(extra):
            parts.append(f"should not be there: {rows_text(len(extra))}, e.g. {list(extra[:3])}")
        return "; ".join(parts)
    if not got.index.equals(expected.index):
        return "the rows are in another order than the input's"
    for column in expected.columns:
        g, e = got[column].astype(object), expected[column].astype(object)
        same = (g == e).fillna(False) | (g.isna() & e.isna())
        if not same.all():
            row = same.index[~same.to_numpy()][0]
            return f"row {row}, column `{column}`: got {g[row]!r}, expected {e[row]!r}"
    return None


def expect_frame(got: object, expected: pd.DataFrame, what: str, why: str = "") -> None:
    expect_type(got, pd.DataFrame, what)
    difference = first_difference(got, expected)
    if difference is not None:
        raise GradingFailure(f"{what} is wrong: {difference}. {why}".strip())


def named_rows(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> set[int]:
    """The row labels a lazy validation names in its failure cases."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return {int(i) for i in errors.failure_cases["index"].dropna()}
    return set()


def expect_rows_named(
    named: set[int],
    expected: set[int],
    allowed: set[int],
    frame: pd.DataFrame,
    why: str,
    problems: pd.DataFrame | None = None,
) -> None:
    missed = sorted(expected - named)
    if missed:
        row = missed[0]
        columns = list(frame.columns)
        if problems is not None:  # show the damaged cells only
            planted = problems.loc[problems["row_id"] == row, "column"].dropna()
            columns = [c for c in planted if c in frame.columns] or ["card_id", "finish"]
        example = ", ".join(f"{c}={frame.at[row, c]!s:.40}" for c in columns)
        raise GradingFailure(
            f"The schema let {len(missed)} of {rows_text(len(expected))} with this problem "
            f"through, e.g. row {row} ({example}). {why}"
        )
    wrong = sorted(named - allowed)
    expect(not wrong, f"The schema named {rows_text(len(wrong))} that are fine, e.g. {wrong[:3]}.")


def expect_accepts(schema: object, frame: pd.DataFrame, table: str) -> None:
    expect_type(schema, pa.DataFrameSchema, "the schema")
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases[["column", "check", "failure_case", "index"]].head(3)
        raise GradingFailure(
            f"The schema rejects the committed, clean {table} table. First failures:\n"
            f"{cases.to_string(index=False)}\nLoosen the check or fix its bounds."
        ) from None


# --- 1. schemas -------------------------------------------------------------------------------

CARD_SCHEMA_WHY = {
    "duplicate": "Declare `unique=['card_id', 'finish']` on the schema.",
    "inconsistent_spelling": "Use `pa.Check.isin(...)` with FINISHES, SUPERTYPES and RARITIES.",
    "price_as_text": "Declare the prices `float` with `coerce=True`: pandera then names each "
    "price it cannot read.",
    "impossible_value": "Check release dates with `in_range(EARLIEST_RELEASE, SNAPSHOT_DATE)`, "
    "prices with `gt(0)` and hp with `in_range(*HP_RANGE)`.",
    "missing_value": "`market_price` must not be nullable, and a name of only spaces is not "
    "missing to pandas: add a check that it has a non-space character.",
}


def bad_cards(raw: pd.DataFrame, problems: pd.DataFrame, problem: str) -> pd.DataFrame:
    """Some clean rows plus every row with `problem`, typed as the schema expects."""
    good = untouched_rows(problems, raw)[::40]
    bad = rows_with(problems, problem)
    originals = problems.loc[problems["row_id"].isin(bad), "duplicate_of"].dropna().astype(int)
    frame = raw.loc[sorted({*good, *bad, *originals})]
    # Prices stay text only where the text is the problem.
    return frame if problem == "price_as_text" else numeric_prices(frame)


def test_cards_schema_accepts_the_clean_cards(ex, cards):
    expect_accepts(ex.cards_schema(), cards, "cards")


@pytest.mark.parametrize("problem", PROBLEMS)
def test_cards_schema_names_every_row_with_a_planted_problem(ex, raw, problems, problem):
    schema = ex.cards_schema()
    expect_type(schema, pa.DataFrameSchema, "the schema")
    frame = bad_cards(raw, problems, problem)
    bad = set(rows_with(problems, problem))
    originals = set(problems.loc[problems["row_id"].isin(bad), "duplicate_of"].dropna())
    named = named_rows(schema, frame)
    expect_rows_named(named, bad, bad | originals, frame, CARD_SCHEMA_WHY[problem], problems)


def test_sets_schema_accepts_the_clean_sets(ex):
    expect_accepts(ex.sets_schema(), load_sets(), "sets")


def _sets_with(problem: str, raw: pd.DataFrame, problems: pd.DataFrame):
    """A sets table with `problem` planted, and the rows that must be named."""
    sets = load_sets()
    if problem == "duplicate":  # the same set listed twice
        return pd.concat([sets, sets.iloc[[3, 10]]], ignore_index=True), {45, 46}, {3, 10}
    if problem == "inconsistent_spelling":
        rng = np.random.default_rng(1)
        for row in (5, 20, 40):
            sets.loc[row, "series"] = respell(sets.loc[row, "series"], rng)[1]
        return sets, {5, 20, 40}, set()
    if problem == "impossible_value":  # the planted dates, and counts that cannot be
        dates = raw.loc[rows_with(problems, "impossible_value", "set_release_date")]
        sets.loc[[2, 30], "release_date"] = dates["set_release_date"].iloc[:2].to_numpy()
        sets.loc[7, "n_cards"] = 0
        sets.loc[12, "n_priced_cards"] = sets.loc[12, "n_cards"] + 1
        return sets, {2, 7, 12, 30}, set()
    sets.loc[4, "set_name"] = np.nan
    sets.loc[9, "set_name"] = "  "
    sets.loc[15, "release_date"] = pd.NaT
    return sets, {4, 9, 15}, set()


@pytest.mark.parametrize(
    "problem", ["duplicate", "inconsistent_spelling", "impossible_value", "missing_value"]
)
def test_sets_schema_names_every_bad_set(ex, raw, problems, problem):
    schema = ex.sets_schema()
    expect_type(schema, pa.DataFrameSchema, "the schema")
    sets, bad, also_allowed = _sets_with(problem, raw, problems)
    why = {
        "duplicate": "Make `set_id` unique (`pa.Column(..., unique=True)`).",
        "inconsistent_spelling": "Check `series` with `pa.Check.isin(SERIES)`.",
        "impossible_value": "Check the release-date range, `n_cards > 0`, and add a "
        "DataFrame-level `pa.Check` that `n_priced_cards <= n_cards`.",
        "missing_value": "`set_name` and `release_date` must not be nullable, and a name of "
        "only spaces counts as blank.",
    }[problem]
    expect_rows_named(named_rows(schema, sets), bad, bad | also_allowed, sets, why)


def price_snapshots(cards: pd.DataFrame) -> pd.DataFrame:
    """The two weekly snapshots of `cards` as a long table: one price per listing and day."""
    keys = ["card_id", "finish"]
    latest = cards[keys].assign(snapshot_date=SNAPSHOT_DATE, market_price=cards["market_price"])
    earlier = cards[keys].assign(
        snapshot_date=pd.Timestamp("2025-02-22"), market_price=cards["prev_market_price"]
    )
    return pd.concat([latest, earlier.dropna()], ignore_index=True)


def test_price_snapshots_schema_accepts_the_real_snapshots(ex, cards):
    expect_accepts(ex.price_snapshots_schema(), price_snapshots(cards), "price-snapshot")


SNAPSHOT_COLUMN = {  # the column of the snapshot table each problem shows up in
    "duplicate": None,
    "inconsistent_spelling": "finish",
    "price_as_text": "market_price",
    "impossible_value": "market_price",
    "missing_value": "market_price",
}


@pytest.mark.parametrize("problem", PROBLEMS)
def test_price_snapshots_schema_names_every_bad_snapshot(ex, raw, problems, problem):
    schema = ex.price_snapshots_schema()
    expect_type(schema, pa.DataFrameSchema, "the schema")
    frame = bad_cards(raw, problems, problem)
    snapshots = frame[["card_id", "finish", "market_price"]].assign(snapshot_date=SNAPSHOT_DATE)
    # Rows whose problem is in a column this table lacks (hp, name, rarity) are good here.
    bad = set(rows_with(problems, problem, SNAPSHOT_COLUMN[problem]))
    allowed = bad | set(problems.loc[problems["row_id"].isin(bad), "duplicate_of"].dropna())
    if problem == "impossible_value":  # the planted dates, as snapshot days
        dated = rows_with(problems, problem, "set_release_date")
        snapshots.loc[dated, "snapshot_date"] = frame.loc[dated, "set_release_date"]
        bad |= set(dated)
        allowed |= set(dated)
    why = CARD_SCHEMA_WHY[problem].replace("['card_id', 'finish']", "[card_id, finish, date]")
    if problem == "impossible_value":
        why = "Check snapshot dates with `in_range(EARLIEST_RELEASE, SNAPSHOT_DATE)` and prices "
        why += "with `gt(0)`."
    named = named_rows(schema, snapshots)
    expect_rows_named(named, bad, allowed, snapshots, why, problems)


# --- 2. fixes ---------------------------------------------------------------------------------


def _listing(cards: pd.DataFrame, **changes: object) -> pd.DataFrame:
    return cards.iloc[[0]].assign(**changes)


@pytest.mark.parametrize(
    ("rows", "kept"),
    [
        ([{}], [0]),
        ([{}, {}], [0]),
        ([{}, {"low_price": 1.0, "high_price": 500.0}], [0]),
        ([{}, {"finish": "normal"}], [0, 1]),
        ([{"card_id": "x-1"}, {}, {"card_id": "x-1"}], [0, 1]),
    ],
    ids=["one_row", "exact_copy", "relisting", "other_finish", "copy_later_in_file"],
)
def test_drop_duplicate_listings_keeps_the_first_row_of_each_listing(ex, cards, rows, kept):
    frame = pd.concat([_listing(cards, **changes) for changes in rows])
    frame.index = [10 * (len(rows) - i) for i in range(len(rows))]  # labels not in file order
    got = ex.drop_duplicate_listings(frame)
    expect_frame(
        got,
        frame.iloc[kept],
        "the de-duplicated table",
        "Keep the first row of each (card_id, finish) in file order; a re-listing with other "
        "listing prices is still a duplicate.",
    )


def test_drop_duplicate_listings_removes_exactly_the_planted_duplicates(ex, raw, problems):
    got = ex.drop_duplicate_listings(raw.copy())
    expected = raw.drop(index=rows_with(problems, "duplicate"))
    expect_frame(
        got,
        expected,
        "the de-duplicated cards_raw",
        "120 rows repeat an earlier card x finish: 80 exact copies and 40 re-listings.",
    )


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("finish", "HOLOFOIL", "holofoil"),
        ("finish", " Reverse-Holofoil", "reverse_holofoil"),
        ("finish", "reverse  holofoil", "reverse_holofoil"),
        ("supertype", "pokemon", "Pokémon"),
        ("supertype", "TRAINER ", "Trainer"),
        ("rarity", "rare  holo vmax", "Rare Holo VMAX"),
        ("rarity", "Ace-Spec Rare", "ACE SPEC Rare"),
        ("rarity", "Mythic Rare", "Mythic Rare"),
        ("rarity", None, None),
    ],
)
def test_normalise_categories_maps_a_spelling_to_its_canonical_form(
    ex, cards, column, value, expected
):
    if value is None:  # a basic Energy card: no rarity at all
        frame = cards[cards["rarity"].isna()].iloc[[0]]
    else:
        frame = _listing(cards, **{column: value})
    got = ex.normalise_categories(frame)
    unchanged = value == expected
    want = frame if unchanged else frame.assign(**{column: expected})
    why = "Unknown and missing values stay as they are." if unchanged else ""
    expect_frame(got, want, f"normalise_categories on {column}={value!r}", why)


def test_normalise_categories_fixes_the_planted_spellings_and_nothing_else(ex, raw, problems):
    got = ex.normalise_categories(raw.copy())
    expected = with_clean_values(raw, problems, "inconsistent_spelling")
    expect_frame(got, expected, "normalise_categories(cards_raw)")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("0.35", 0.35),
        ("-12.99", -12.99),
        ("$0.35", 0.35),
        ("$1,234.50", 1234.5),
        ("USD 0.35", 0.35),
        ("USD 12,345.00", 12345.0),
        ("0,35 $", 0.35),
        ("1.234,50 $", 1234.5),
        ("$1,000,000.00", 1_000_000.0),
    ],
)
def test_parse_prices_reads_each_format(ex, cards, text, amount):
    frame = _listing(cards, **dict.fromkeys(PRICE_COLUMNS, text)).astype(
        dict.fromkeys(PRICE_COLUMNS, "str")
    )
    got = ex.parse_prices(frame)
    expect_type(got, pd.DataFrame, "the result")
    for column in PRICE_COLUMNS:
        expect_close(
            got[column].iloc[0],
            amount,
            rel=1e-12,
            what=f"the {column} read from {text!r}",
            why="Is a comma a thousands separator here, or the decimal point?",
        )


def test_parse_prices_refuses_text_in_an_unknown_format(ex, cards):
    frame = _listing(cards, **dict.fromkeys(PRICE_COLUMNS, "12.50")).astype(
        dict.fromkeys(PRICE_COLUMNS, "str")
    )
    frame["market_price"] = "twelve dollars"
    try:
        ex.parse_prices(frame)
    except LearnerError as error:
        expect(
            isinstance(error.original, ValueError),
            f"Raise ValueError for an unreadable price, not {type(error.original).__name__}.",
        )
        return
    raise GradingFailure(
        "parse_prices returned a result for the price 'twelve dollars'. Raise ValueError "
        "instead: a silent NaN (or 0) hides a new format from everyone downstream."
    )


def test_parse_prices_reads_every_planted_price_and_keeps_the_rest(ex, raw, problems):
    got = ex.parse_prices(raw.copy())
    expect_type(got, pd.DataFrame, "the result")
    for column in PRICE_COLUMNS:
        expect_equal(str(got[column].dtype), "float64", what=f"the dtype of {column}")
    text = with_clean_values(raw, problems, "price_as_text")
    expect_frame(got, numeric_prices(text), "parse_prices(cards_raw)")


@pytest.mark.parametrize(
    ("column", "values", "impossible"),
    [
        ("hp", [10, 400, 9, 401, 0, 9999, None], [False, False, True, True, True, True, False]),
        ("market_price", [0.01, 0.0, -3.5, None], [False, True, True, False]),
        ("low_price", [0.01, 0.0, -0.01], [False, True, True]),
        (
            "set_release_date",
            [
                EARLIEST_RELEASE,
                EARLIEST_RELEASE - pd.Timedelta(days=1),
                SNAPSHOT_DATE,
                SNAPSHOT_DATE + pd.Timedelta(days=1),
                pd.Timestamp("1970-01-01"),
            ],
            [False, True, False, True, True],
        ),
    ],
)
def test_null_impossible_values_at_the_boundaries(ex, cards, column, values, impossible):
    frame = pd.concat([cards.iloc[[0]]] * len(values), ignore_index=True)
    frame[column] = pd.Series(values, dtype=frame[column].dtype)
    got = ex.null_impossible_values(frame)
    expected = frame.copy()
    expected.loc[impossible, column] = None
    expect_frame(
        got,
        expected,
        f"null_impossible_values on {column} = {values}",
        "Bounds are inclusive; only the impossible cell becomes missing, the row stays.",
    )


def test_null_impossible_values_blanks_exactly_the_planted_cells(ex, raw, problems):
    cards = numeric_prices(raw.drop(index=rows_with(problems, "price_as_text")))
    got = ex.null_impossible_values(cards.copy())
    expected = cards.copy()
    for row in problems[problems["problem"] == "impossible_value"].itertuples():
        expected.loc[row.row_id, row.column] = None
    expect_frame(got, expected, "null_impossible_values(cards_raw)")


def _family(cards: pd.DataFrame) -> pd.DataFrame:
    """Two finishes of one card and one of another card of the same set, 3 rows."""
    first = cards[cards["card_id"].duplicated(keep=False)].iloc[:2]
    other = cards[(cards["set_id"] == first["set_id"].iloc[0]) & ~cards.index.isin(first.index)]
    return pd.concat([first, other.iloc[[0]]], ignore_index=True)


@pytest.mark.parametrize(
    ("row", "column", "value", "outcome"),
    [
        (0, "market_price", None, "dropped"),
        (0, "name", None, "filled"),
        (1, "name", "   ", "filled"),
        (2, "name", "", "dropped"),
        (2, "set_release_date", pd.NaT, "filled"),
        (2, "hp", None, "kept"),
        (1, "prev_market_price", None, "kept"),
    ],
)
def test_handle_missing_values_fills_or_drops_one_gap(ex, cards, row, column, value, outcome):
    frame = _family(cards)
    expected = frame.drop(index=[row]) if outcome == "dropped" else frame.copy()
    frame[column] = frame[column].astype(object)
    frame.loc[row, column] = value
    frame = frame.astype(expected.dtypes.to_dict())
    if outcome == "kept":
        expected = frame.copy()
    why = {
        "dropped": "Drop rows with no market price, and rows whose gap cannot be recovered.",
        "filled": "Fill a blank name from the same card_id, a release date from the same set.",
        "kept": "Only name, release date and market price decide; other gaps are real.",
    }[outcome]
    got = ex.handle_missing_values(frame)
    expect_frame(got, expected, f"handle_missing_values with {column}={value!r} in row {row}", why)


def test_handle_missing_values_on_the_planted_gaps(ex, raw, problems):
    cards = numeric_prices(raw.drop(index=rows_with(problems, "price_as_text")))
    got = ex.handle_missing_values(cards.copy())
    expected = cards.drop(index=rows_with(problems, "missing_value", "market_price"))
    named = cards["name"].fillna("").str.strip() != ""
    blank = problems[(problems["problem"] == "missing_value") & (problems["column"] == "name")]
    for row, name in zip(blank["row_id"], blank["clean_value"], strict=True):
        if (named & (cards["card_id"] == cards.at[row, "card_id"])).any():
            expected.loc[row, "name"] = name
        else:  # the only row of its card: nothing to recover the name from
            expected = expected.drop(index=row)
    expect_frame(got, expected, "handle_missing_values(cards_raw)")


# --- 3. the validation pipeline ------------------------------------------------------------------


def test_validate_cards_passes_clean_rows_through(ex, raw, problems):
    sample = raw.loc[untouched_rows(problems, raw)[::20]]
    result = ex.validate_cards(sample.copy())
    expect_type(result, tuple, "the result")
    expect_equal(len(result), 2, what="the number of values returned")
    clean, report = result
    expect_type(report, pd.DataFrame, "the report")
    expect_equal(len(report), 0, what="the report's length on rows without problems")
    expect_frame(clean, numeric_prices(sample), "the clean table")


def test_validate_cards_loses_no_row(ex, raw):
    clean, report = ex.validate_cards(raw.copy())
    expect_type(clean, pd.DataFrame, "the clean table")
    expect_type(report, pd.DataFrame, "the report")
    expect("row_id" in report.columns, "The report needs a `row_id` column naming each row.")
    reported = set(report["row_id"].astype(int))
    both = reported & set(clean.index)
    expect(not both, f"{len(both)} rows are both clean and reported, e.g. {sorted(both)[:3]}.")
    lost = set(raw.index) - reported - set(clean.index)
    expect(
        not lost,
        f"{len(lost)} rows are neither in the clean table nor in the report, e.g. "
        f"{sorted(lost)[:3]}. Every row that is dropped needs a line in the report.",
    )


def test_validate_cards_reports_exactly_the_rows_it_cannot_repair(ex, raw, problems):
    _, report = ex.validate_cards(raw.copy())
    expect_type(report, pd.DataFrame, "the report")
    missing = {"row_id", "column", "check"} - set(report.columns)
    expect(not missing, f"The report lacks the columns {sorted(missing)}.")
    reported = set(report["row_id"].astype(int))
    for problem in QUARANTINED:
        rows = set(rows_with(problems, problem))
        expect(
            rows <= reported,
            f"{len(rows - reported)} rows with the problem `{problem}` are not in the report, "
            f"e.g. {sorted(rows - reported)[:3]}.",
        )
    extra = reported - set(problems.loc[problems["problem"].isin(QUARANTINED), "row_id"])
    expect(
        not extra,
        f"{len(extra)} reported rows only had a spelling or price-format problem, "
        f"e.g. {sorted(extra)[:3]}: repair those (normalise, parse) before validating.",
    )
    keys = report[["row_id", "column", "check"]].astype(str)
    expect(not keys.duplicated().any(), "The report repeats a (row_id, column, check) line.")
    for row in problems[problems["problem"].isin(QUARANTINED[1:])].itertuples():
        columns = set(report.loc[report["row_id"].astype(int) == row.row_id, "column"])
        expect(row.column in columns, f"Row {row.row_id} is reported, but not its `{row.column}`.")


def test_validate_cards_returns_the_clean_table(ex, raw, problems, cards):
    clean, _ = ex.validate_cards(raw.copy())
    expect_type(clean, pd.DataFrame, "the clean table")
    keys = raw.loc[rows_with(problems, "impossible_value") + rows_with(problems, "missing_value")]
    lost = pd.MultiIndex.from_frame(keys[["card_id", "finish"]])
    kept = ~pd.MultiIndex.from_frame(cards[["card_id", "finish"]]).isin(lost)
    expected = cards[kept].set_index(["card_id", "finish"], drop=False)
    got = clean.sort_values(["card_id", "finish"]).set_index(["card_id", "finish"], drop=False)
    expect_frame(
        got,
        expected,
        "the clean table (rows named by card_id and finish)",
        "After repairs, every kept row should equal its row in cards.csv.",
    )


# --- 4. pandas and polars ------------------------------------------------------------------------


def independent_summary(cards: pd.DataFrame) -> list[tuple]:
    """(series, finish, rows, median price) by plain Python, sorted."""
    groups: dict[tuple[str, str], list[float]] = {}
    for series, finish, price in zip(
        cards["series"], cards["finish"], cards["market_price"], strict=True
    ):
        groups.setdefault((series, finish), []).append(price)
    return [(*key, len(p), statistics.median(p)) for key, p in sorted(groups.items())]


def expect_summary(got: pd.DataFrame, cards: pd.DataFrame, what: str) -> None:
    expect_equal(list(got.columns), SUMMARY_COLUMNS, what=f"the columns of {what}")
    expected = independent_summary(cards)
    rows = list(got.itertuples(index=False, name=None))
    keys = [(r[0], r[1]) for r in rows]
    expect_equal(
        keys, [(e[0], e[1]) for e in expected], what=f"the groups of {what}", why="Sorted?"
    )
    for row, want in zip(rows, expected, strict=True):
        expect_equal(int(row[2]), want[2], what=f"n_rows of {row[:2]} in {what}")
        expect_close(float(row[3]), want[3], rel=1e-9, what=f"median_price of {row[:2]} in {what}")


def test_price_summary_pandas_on_three_rows(ex, cards):
    tiny = cards.iloc[[0, 1, 2]].assign(
        series=["B", "A", "B"], finish=["normal"] * 3, market_price=[1.0, 5.0, 4.0]
    )
    got = ex.price_summary_pandas(tiny)
    expect_type(got, pd.DataFrame, "the result")
    expect_summary(got, tiny, "the summary of 3 rows")


def test_price_summary_pandas_matches_an_independent_count(ex, cards):
    got = ex.price_summary_pandas(cards.copy())
    expect_type(got, pd.DataFrame, "the result")
    expect_summary(got, cards, "the pandas summary")
    expect(list(got.index) == list(range(len(got))), "Give the summary a fresh 0..n-1 index.")


def test_price_summary_polars_matches_an_independent_count(ex, cards):
    got = ex.price_summary_polars(pl.from_pandas(cards))
    expect_type(got, pl.DataFrame, "the result")
    expect_summary(got.to_pandas(), cards, "the polars summary")


def test_price_summaries_of_pandas_and_polars_agree(ex, cards):
    from_pandas = ex.price_summary_pandas(cards.copy())
    from_polars = ex.price_summary_polars(pl.from_pandas(cards))
    expect_type(from_pandas, pd.DataFrame, "the pandas result")
    expect_type(from_polars, pl.DataFrame, "the polars result")
    rows_pandas = list(from_pandas.itertuples(index=False, name=None))
    rows_polars = from_polars.rows()
    expect_equal(len(rows_polars), len(rows_pandas), what="the number of groups in polars")
    for a, b in zip(rows_pandas, rows_polars, strict=True):
        expect_equal(tuple(b[:3]), tuple(a[:3]), what="a group's series, finish and n_rows")
        expect_close(b[3], float(a[3]), rel=1e-9, what=f"median_price of {a[:2]} in polars")


# --- 5. the split --------------------------------------------------------------------------------

FRACTIONS = [(0.15, 0.15), (0.1, 0.2), (0.2, 0.1)]


def _labels(ex, cards: pd.DataFrame, val: float, test: float) -> pd.Series:
    labels = ex.split_by_time(cards.copy(), val_fraction=val, test_fraction=test)
    expect_type(labels, pd.Series, "the split labels")
    expect(labels.index.equals(cards.index), "Return one label per row, with the cards' index.")
    unknown = set(labels.unique()) - {"train", "val", "test"}
    expect(not unknown, f"Labels must be 'train', 'val' or 'test', not {sorted(unknown)}.")
    return labels


def test_split_by_time_on_three_release_dates(ex, cards):
    dates = ["2020-01-01"] * 2 + ["2024-01-01"] * 2 + ["2022-01-01"] * 2
    tiny = cards.iloc[:6].assign(
        card_id=["a-1", "a-1", "b-1", "b-1", "c-1", "c-1"], set_release_date=pd.to_datetime(dates)
    )
    labels = _labels(ex, tiny, 0.3, 0.3)
    expected = pd.Series(["train", "train", "test", "test", "val", "val"], index=tiny.index)
    expect_equal(list(labels), list(expected), what="the labels", why="Newest set in test.")


@pytest.mark.parametrize(("val", "test"), FRACTIONS)
def test_split_by_time_puts_newer_sets_after_older_ones(ex, cards, val, test):
    labels = _labels(ex, cards, val, test)
    dates = cards["set_release_date"].groupby(labels)
    expect(set(labels) == {"train", "val", "test"}, "All three parts must have rows.")
    expect(
        dates.max()["train"] < dates.min()["val"] and dates.max()["val"] < dates.min()["test"],
        "A release date appears in two parts, or an older set is after a newer one: "
        f"train ends {dates.max()['train']:%Y-%m-%d}, val spans {dates.min()['val']:%Y-%m-%d}"
        f"..{dates.max()['val']:%Y-%m-%d}, test starts {dates.min()['test']:%Y-%m-%d}. "
        "Assign whole release dates, oldest to train, newest to test.",
    )


@pytest.mark.parametrize(("val", "test"), FRACTIONS)
def test_split_by_time_keeps_each_card_on_one_side(ex, cards, val, test):
    labels = _labels(ex, cards, val, test)
    sides = labels.groupby(cards["card_id"]).nunique()
    shared = sides[sides > 1]
    expect(
        shared.empty,
        f"{len(shared)} cards have finishes in two parts, e.g. {list(shared.index[:3])}: "
        "the model would see one finish's price and be tested on the other's.",
    )


@pytest.mark.parametrize(("val", "test"), FRACTIONS)
def test_split_by_time_shares_match_the_request(ex, cards, val, test):
    shares = _labels(ex, cards, val, test).value_counts(normalize=True)
    for part, wanted in (("val", val), ("test", test)):
        expect_close(
            float(shares.get(part, 0.0)),
            wanted,
            rel=0,
            abs_tol=SHARE_TOLERANCE,
            what=f"the share of rows in {part}",
        )


# --- 6. fingerprint ----------------------------------------------------------------------------


def _shuffled(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sample(frac=1.0, random_state=0)


SAME_CONTENT = {
    "computed_twice": lambda f: f,
    "loaded_again": lambda f: load_sets(),
    "rows_shuffled": _shuffled,
    "rows_shuffled_index_reset": lambda f: _shuffled(f).reset_index(drop=True),
    "columns_reordered": lambda f: f[list(reversed(f.columns))],
}


def _changed(frame: pd.DataFrame, row: int, column: str, value: object) -> pd.DataFrame:
    changed = frame.copy()
    changed.loc[row, column] = value
    return changed


OTHER_CONTENT = {
    "one_name_letter": lambda f: _changed(f, 3, "set_name", f.loc[3, "set_name"] + "s"),
    "one_count_plus_one": lambda f: _changed(f, 10, "n_cards", f.loc[10, "n_cards"] + 1),
    "one_date_a_day_later": lambda f: _changed(
        f, 0, "release_date", f.loc[0, "release_date"] + pd.Timedelta(days=1)
    ),
    "one_value_missing": lambda f: _changed(f, 20, "max_number", None),
    "one_row_removed": lambda f: f.drop(index=44),
    "one_row_repeated": lambda f: pd.concat([f, f.iloc[[7]]]),
    "one_column_renamed": lambda f: f.rename(columns={"n_cards": "cards"}),
    "two_values_swapped": lambda f: _changed(
        _changed(f, 1, "n_cards", f.loc[2, "n_cards"]), 2, "n_cards", f.loc[1, "n_cards"]
    ),
}


def test_fingerprint_is_a_sha256_hex_digest(ex):
    got = ex.fingerprint(load_sets())
    expect_type(got, str, "the fingerprint")
    expect(
        len(got) == 64 and set(got) <= set("0123456789abcdef"),
        f"A sha256 hex digest has 64 characters 0-9a-f; got {got!r}. Use `.hexdigest()`.",
    )


@pytest.mark.parametrize("variant", SAME_CONTENT)
def test_fingerprint_ignores_order_and_index(ex, variant):
    sets = load_sets()
    first = ex.fingerprint(sets)
    again = ex.fingerprint(SAME_CONTENT[variant](sets))
    expect_equal(again, first, what=f"the fingerprint after `{variant}`", why="Same content.")


@pytest.mark.parametrize("variant", OTHER_CONTENT)
def test_fingerprint_changes_with_any_change(ex, variant):
    sets = load_sets()
    first = ex.fingerprint(sets)
    changed = ex.fingerprint(OTHER_CONTENT[variant](sets))
    expect(
        changed != first,
        f"The fingerprint did not change after `{variant}`: a change in the content must "
        "change it (sort whole rows, not each column on its own; include the column names).",
    )


def test_fingerprint_of_the_cards_table_ignores_row_order(ex, cards):
    first = ex.fingerprint(cards.copy())
    expect_equal(ex.fingerprint(_shuffled(cards)), first, what="the fingerprint of cards")
    bumped = _changed(cards, 100, "market_price", cards.loc[100, "market_price"] + 0.01)
    expect(ex.fingerprint(bumped) != first, "A price change of one cent must change it.")
