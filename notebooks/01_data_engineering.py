import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    import os
    import timeit
    from collections.abc import Callable

    import marimo as mo
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    import polars as pl

    from mlcourse.checks import attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.data import CARDS_FILE, load_cards
    from mlcourse.loading import current_target
    from mlcourse.paths import data_dir
    from mlcourse.quality import PRICE_COLUMNS, PROBLEMS, load_cards_raw, load_problems

    SEED = 0  # feeds every random draw in this notebook
    VAL_SHARE = 0.15  # share of rows each split strategy puts in validation
    TEST_SHARE = 0.15  # share of rows each split strategy puts in test
    TIMING_RUNS = 5  # runs per timing; the median is shown
    POLARS_TYPES = {"number": pl.String}  # collector numbers such as "TG01" are text
    SHOWN_COLUMNS = ["card_id", "name", "set_release_date", "rarity", "supertype", "hp",
                     "finish", "market_price", "low_price", "high_price"]  # in row tables


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Data engineering foundations

    A pricing model is only as good as the table it learns from. Before PokeMarket trains
    anything, someone has to load the card data, define valid data, fix what is broken, split
    it without leaking the answer, and record which data a model saw. Here you do each once.

    **What you will be able to do**

    - load the same table with pandas and with polars, and know when each one fits;
    - write pandera schemas and use lazy validation to name every bad row at once;
    - find and fix five common quality problems, and decide repair versus quarantine;
    - build a validation pipeline that returns clean data plus a failure report;
    - split data by time and by card so the test score means something;
    - fingerprint a dataset so a model can be traced back to the exact data it learned from.

    **Time:** about 4 hours: 1.5 hours for this notebook, 2.5 hours for the thirteen
    functions in `exercises/exercises_01.py`.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("01")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("01", exercise_file)  # re-loads whenever you save the file
    mo.md(f"Your exercise module, `{current_target()}/exercises_01.py`, is loaded. Cells that "
          "call your functions re-run whenever you save it.")
    return (ex,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Two ways to load a table

    `load_cards()` reads `data/cards.csv` with pandas and gives every column its documented
    dtype. polars reads the same file into its own columnar format (`pl.from_pandas` would
    convert the pandas frame instead). polars guesses each column's type from the first 100
    rows; there every collector number is a whole number, and at row 5,667 `TG01` arrives
    and the read fails. `schema_overrides` says what the data really is: **never let a
    reader guess the types of a production table.**
    """)
    return


@app.cell
def _():
    cards = load_cards()
    cards_pl = pl.read_csv(data_dir() / CARDS_FILE, try_parse_dates=True,
                           schema_overrides=POLARS_TYPES)
    mo.md(f"pandas: **{cards.shape[0]:,} x {cards.shape[1]}**, "
          f"{cards.memory_usage(deep=True).sum() / 1e6:.1f} MB in memory. polars: "
          f"**{cards_pl.height:,} x {cards_pl.width}**, {cards_pl.estimated_size() / 1e6:.1f} MB.")
    return cards, cards_pl


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## The raw file and its five problems

    `data/cards_raw.csv` is the same table after a careless export: five kinds of damage,
    planted with a fixed seed and listed cell by cell in the answer key
    `data/cards_raw_problems.csv` (see `data/README.md`). `load_cards_raw()` keeps the prices
    as text, because some of them are not plain numbers.
    """)
    return


@app.cell
def _():
    raw = load_cards_raw()
    problems = load_problems()
    problems.groupby("problem")["row_id"].nunique().rename("rows").to_frame()
    return problems, raw


@app.cell
def _():
    problem_choice = mo.ui.dropdown(list(PROBLEMS), value="duplicate",
                                    label="Quality problem to inspect")
    problem_choice
    return (problem_choice,)


@app.function
def rows_hit(raw: pd.DataFrame, problems: pd.DataFrame, problem: str) -> pd.DataFrame:
    """The raw rows carrying `problem` (and, for duplicates, the rows they repeat)."""
    hit = problems[problems["problem"] == problem]
    rows = sorted(set(hit["row_id"]) | set(hit["duplicate_of"].dropna().astype(int)))
    details = hit.groupby("row_id").agg(
        column=("column", lambda c: ", ".join(c.dropna())), detail=("detail", "first")
    )
    return raw.loc[rows, SHOWN_COLUMNS].join(details)


@app.function
def show_rows(frame: object) -> object:
    """A page-able table of (at most 200) rows, or a note when `frame` is not a table."""
    if not isinstance(frame, pd.DataFrame):
        return mo.callout(mo.md(f"Expected a DataFrame, got `{type(frame).__name__}`."), "warn")
    shown = frame[[c for c in frame.columns if c in SHOWN_COLUMNS or c in ("column", "detail")]]
    label = f"{len(frame):,} rows" + (" (first 200)" if len(frame) > 200 else "")
    return mo.ui.table(shown.head(200).reset_index(), selection=None, page_size=8, label=label)


@app.cell
def _(problem_choice, problems, raw):
    hit_rows = rows_hit(raw, problems, problem_choice.value)
    show_rows(hit_rows)
    return (hit_rows,)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    Pick each problem in turn and read a page of rows. For **duplicate**, the rows with no
    detail are the originals; sort by `card_id` to see each pair, and compare `low_price` on
    a `near_exact` one. For **price_as_text**, find a German-style `1.234,50 $`: a parser that
    reads the first number it sees turns it into 1.234. For **missing_value**, some names look
    empty but are spaces, which `isna()` will not find.
    ///

    The cell below runs your fix for the chosen problem on its rows and on the other rows of
    the same cards (a fix may need them), leaving out rows with other problems.
    """)
    return


@app.cell
def _(ex, hit_rows, problem_choice, problems, raw):
    _fixes = {"duplicate": ex.drop_duplicate_listings,
              "inconsistent_spelling": ex.normalise_categories, "price_as_text": ex.parse_prices,
              "impossible_value": ex.null_impossible_values,
              "missing_value": ex.handle_missing_values}
    _others = problems.loc[problems["problem"] != problem_choice.value, "row_id"]
    _cards = raw[raw["card_id"].isin(hit_rows["card_id"])].drop(index=_others, errors="ignore")
    if problem_choice.value in ("impossible_value", "missing_value"):  # these expect numbers
        _cards = _cards.assign(**{c: pd.to_numeric(_cards[c]) for c in PRICE_COLUMNS})
    attempt(_fixes[problem_choice.value], _cards).view(show_rows)
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Repair or quarantine?

    The five fixes make two kinds of decision, and they are worth keeping apart:

    | problem | decision here | why |
    | --- | --- | --- |
    | duplicate | keep the first row of each card x finish | the key defines a listing |
    | inconsistent spelling | map to the canonical spelling | nothing is lost |
    | price as text | parse every known format; refuse others | a guess hides a new format |
    | impossible value | make that cell missing, keep the row | the rest of the row is good |
    | missing value | fill name/date from same card/set; no price: drop | never invent a target |

    The first three are **repairs**: mechanical and lossless. The last two are **judgements**
    another project could make differently. A production pipeline repairs automatically and
    **quarantines** the rest: rows that still break the schema go to a report for a person,
    never silently into training and never silently into the bin.

    ## Schemas and lazy validation

    A pandera schema states what valid data looks like: dtypes, allowed values, ranges,
    uniqueness. `schema.validate(df, lazy=True)` runs every check before raising, so one run
    names every failing row (the `index` column) and the check it failed. Below, your
    `cards_schema()` meets the first three rows of every problem.
    """)
    return


@app.function
def failure_table(schema: object, frame: pd.DataFrame) -> object:
    """What a lazy validation of `frame` reports: one line per failing value."""
    try:
        schema.validate(frame, lazy=True)
    except Exception as error:  # SchemaErrors, or a learner's broken check
        cases = getattr(error, "failure_cases", None)
        if cases is None:
            return mo.callout(mo.md(f"The schema raised: `{error!r}`"), kind="danger")
        return cases[["index", "column", "check", "failure_case"]]
    return mo.md("The schema accepted every row: it caught nothing.")


@app.cell
def _(ex, problems, raw):
    _first = problems.drop_duplicates("row_id").groupby("problem").head(3)
    _rows = sorted(set(_first["row_id"]) | set(_first["duplicate_of"].dropna().astype(int)))
    _sample = raw.loc[_rows].assign(**{c: pd.to_numeric(raw.loc[_rows, c], errors="coerce")
                                       for c in PRICE_COLUMNS})
    attempt(ex.cards_schema).view(lambda schema: failure_table(schema, _sample))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    Prices were read with `errors="coerce"` here, so text prices arrived as NaN and the
    schema reports them as missing. Inside your pipeline, `parse_prices` runs first and the
    schema's `coerce=True` names any price it still cannot read.

    ## The pipeline: clean data plus a failure report

    `validate_cards(raw)` repairs what is safe to repair, validates lazily, and splits the
    rows in two: a clean table and a report with one line per failing row and check. Every raw
    row ends up in exactly one of them.
    """)
    return


@app.function
def pipeline_summary(n_raw: int, result: tuple[pd.DataFrame, pd.DataFrame]) -> object:
    """Row counts of a `validate_cards` result and the quarantined rows per check."""
    clean, report = result
    checks = report.groupby("check", dropna=False)["row_id"].nunique().rename("rows")
    stats = mo.hstack([mo.stat(f"{n_raw:,}", label="raw rows"),
                       mo.stat(f"{len(clean):,}", label="clean rows"),
                       mo.stat(f"{report['row_id'].nunique():,}", label="quarantined rows")])
    return mo.vstack([stats, checks.to_frame()])


@app.cell
def _(ex, raw):
    _result = attempt(ex.validate_cards, raw)
    (attempt(pipeline_summary, len(raw), _result.value) if _result.ok else _result).view()
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// attention | Look for the one number that must add up
    clean rows + quarantined rows = raw rows. If it does not, your pipeline loses rows
    silently, which is the one thing a data pipeline must never do.
    ///

    ## pandas and polars on the same aggregation

    pandas is the lingua franca every library accepts. polars, written in Rust, is columnar,
    multi-threaded and has a query optimiser. One aggregation (rows and mean price per
    rarity), both ways; the slider after them sets how many rows they get:
    """)
    return


@app.function
def by_rarity_pandas(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows and mean market price per rarity, with pandas."""
    return frame.groupby("rarity").agg(rows=("market_price", "size"),
                                       mean_price=("market_price", "mean"))


@app.function
def by_rarity_polars(frame: pl.DataFrame) -> pl.DataFrame:
    """The same with polars: expressions inside one `agg` call."""
    return frame.group_by("rarity").agg(rows=pl.len(), mean_price=pl.col("market_price").mean())


@app.cell
def _():
    copies = mo.ui.slider(1, 100, value=10, show_value=True,
                          label="Copies of the cards table to aggregate (x 10,442 rows)")
    copies
    return (copies,)


@app.function
def median_seconds(function: Callable[[object], object], frame: object,
                   runs: int = TIMING_RUNS) -> float:
    """Median wall-clock seconds of `function(frame)` over `runs` runs."""
    return float(np.median(timeit.repeat(lambda: function(frame), number=1, repeat=runs)))


@app.cell
def _(cards, cards_pl, copies):
    _big_pd = pd.concat([cards] * copies.value, ignore_index=True)
    _big_pl = pl.concat([cards_pl] * copies.value, rechunk=True)  # one contiguous block
    timings = {"pandas": median_seconds(by_rarity_pandas, _big_pd),
               "polars": median_seconds(by_rarity_polars, _big_pl)}
    _fig, _ax = plt.subplots(figsize=(6, 1.8))
    _ax.barh(list(timings), [1000 * t for t in timings.values()], color=["#36c", "#c63"])
    _ax.set_xlabel(f"milliseconds per aggregation, {len(_big_pd):,} rows (median of {TIMING_RUNS})")
    _ax
    return (timings,)


@app.cell(hide_code=True)
def _(timings):
    mo.md(rf"""
    On this machine ({os.cpu_count()} CPU cores) polars took
    **{timings["polars"] * 1000:.1f} ms** and pandas **{timings["pandas"] * 1000:.1f} ms**:
    pandas needs **{timings["pandas"] / timings["polars"]:.1f}x** the time of polars.

    /// tip | Try it
    Slide the copies from 1 to 100 and back. At 10,000 rows both finish within a few
    milliseconds, far below anything a person notices: at that size pick the library your
    team and your other tools know. How the ratio moves with size depends on the machine:
    polars can use every core, pandas uses one. Timings wobble from run to run, so compare
    ratios over a few moves of the slider, not single numbers.
    ///

    Your `price_summary_pandas` and `price_summary_polars` compute the *median* price by
    series and finish. Medians, not means: with heavy-tailed prices, a few expensive cards
    drag a mean far away from the typical card.
    """)
    return


@app.cell
def _(cards, cards_pl, ex):
    _pandas = attempt(ex.price_summary_pandas, cards)
    _polars = attempt(ex.price_summary_polars, cards_pl)
    mo.hstack([_pandas.view(), _polars.view()], widths="equal")
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## When the data does not fit in memory

    Both libraries above read the whole file first. A polars **lazy** query reads nothing
    until `.collect()`; the optimiser pushes filters and column choices into the scan, and
    `collect(engine="streaming")` works in batches, so a file larger than RAM still
    aggregates. The same code reads Parquet from S3 (`pl.scan_parquet("s3://...")`). The plan:
    """)
    return


@app.cell
def _():
    lazy_query = (
        pl.scan_csv(data_dir() / CARDS_FILE, schema_overrides=POLARS_TYPES)
        .filter(pl.col("market_price") > 1)
        .group_by("series")
        .agg(median_price=pl.col("market_price").median())
    )
    mo.vstack([mo.md(f"```\n{lazy_query.explain()}\n```"),
               lazy_query.collect(engine="streaming").sort("series")])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// warning | Validating lazy frames
    pandera validates polars frames too (`import pandera.polars as pa`), but on a
    `LazyFrame` it checks only the schema (column names and dtypes), not the values: collect
    first, or validate each batch, when the values matter.
    ///

    ## Splits that do not leak

    The test set stands in for the future: cards the model has never seen, priced after it
    was trained. A **random row split** breaks that: one finish of a card lands in train,
    another in test. A split **by card** still trains on sets released after the test cards.
    PokeMarket will price each *new release*, so the honest test is **by time**.
    """)
    return


@app.function
def split_at_random(cards: pd.DataFrame, by: str | None = None) -> pd.Series:
    """train/val/test labels for rows (by=None) or for whole groups of the column `by`."""
    keys = cards.index.to_numpy() if by is None else cards[by].unique()
    share = np.random.default_rng(SEED).permutation(len(keys)) / len(keys)
    parts = np.select([share < TEST_SHARE, share < TEST_SHARE + VAL_SHARE], ["test", "val"],
                      "train")
    label = pd.Series(parts, index=keys)
    return pd.Series(label[cards.index if by is None else cards[by]].to_numpy(), cards.index)


@app.function
def leakage(cards: pd.DataFrame, split: pd.Series) -> dict[str, int]:
    """How much of the test set the training set already 'knows'."""
    train, test = cards[split == "train"], cards[split == "test"]
    newest_train = train["set_release_date"].max()
    return {
        "test rows": len(test),
        "cards in train and test": len(set(train["card_id"]) & set(test["card_id"])),
        "sets in train and test": len(set(train["set_id"]) & set(test["set_id"])),
        "test rows not newer than all train": int((test["set_release_date"] <= newest_train).sum()),
    }


@app.cell
def _():
    split_strategy = mo.ui.dropdown(["random rows", "by card", "by time (your split_by_time)"],
                                    value="random rows", label="Split strategy")
    split_strategy
    return (split_strategy,)


@app.cell
def _(cards, ex, split_strategy):
    _splits = {"random rows": attempt(split_at_random, cards),
               "by card": attempt(split_at_random, cards, "card_id"),
               "by time (your split_by_time)": attempt(ex.split_by_time, cards, VAL_SHARE,
                                                       TEST_SHARE)}
    _leaks = {n: attempt(leakage, cards, a.value) for n, a in _splits.items() if a.ok}
    _counts = {n: a.value["cards in train and test"] for n, a in _leaks.items() if a.ok}
    _fig, _ax = plt.subplots(figsize=(7, 2.2))
    _ax.barh(list(_counts), list(_counts.values()),
             color=["#c63" if n == split_strategy.value else "#bbb" for n in _counts])
    _ax.set_xlabel("cards with finishes in both train and test")
    _chosen = _leaks.get(split_strategy.value, _splits[split_strategy.value])
    mo.hstack([_chosen.view(lambda d: pd.Series(d, name="count").to_frame()), _ax], widths=[2, 3])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    Switch between the three strategies. **Random rows** shares 765 cards between train and
    test: about half the test rows are a card whose other finish the model trained on, an
    answer it has already seen. **By card** brings that to zero, yet all 39 sets are still on
    both sides, so the model is tested on releases it trained on. **By time** (once
    your `split_by_time` works) zeroes all three counts: no card, no set, no test row older
    than the training data. Expect its test score to be the worst of the three; it is the
    only one that predicts how the model will do on the next release.
    ///

    ## Fingerprints: which data trained this model?

    Months later someone asks why the model priced a card at $40: which data did it learn
    from? A **fingerprint** hashes the content in a canonical form: rows or columns in another
    order give the same hash, one price changed by a cent gives another. Store it with every
    model (as an MLflow tag in module 03) and lineage becomes a lookup.
    """)
    return


@app.cell
def _(cards, ex):
    _shuffled = cards.sample(frac=1.0, random_state=SEED)[cards.columns[::-1]]
    _changed = cards.assign(market_price=cards["market_price"].where(cards.index != 0, 66.70))
    mo.vstack([mo.md("`fingerprint(cards)`:"), attempt(ex.fingerprint, cards).view(),
               mo.md("rows shuffled, columns reversed:"), attempt(ex.fingerprint, _shuffled).view(),
               mo.md("one price moved by a cent:"), attempt(ex.fingerprint, _changed).view()])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Exercises

    Write the thirteen functions in `exercises/exercises_01.py`, top to bottom: three schemas,
    five fixes, the pipeline, the two summaries, the split and the fingerprint. The panel
    below runs the same checks as `uv run pytest exercises/test_exercises_01.py` and re-runs
    whenever you save the file. Failed checks come with hints.
    """)
    return


@app.cell
def _(ex):
    check_panel(ex)  # re-runs whenever `ex` is re-loaded, i.e. when you save
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Reflection

    1. Your pipeline quarantines rows with an impossible hp instead of repairing them. For a
       training set, would you rather drop those 50 rows or keep them with hp missing? What
       would you need to know about the model?
    2. The German-style prices came from one export. What would you add to the pipeline so
       that the *next* unknown format is noticed the day it arrives, not a month later?
    3. A colleague reports a test MAE of 0.20 from a random row split. What do you say, and
       which number do you expect with your time split?
    4. Two datasets have the same fingerprint but different file hashes (`sha256sum`). How can
       that be, and which of the two hashes belongs in a model card?
    5. At what size would you move this pipeline from pandas to polars, and what would make
       you stay with pandas anyway?
    """)
    return


if __name__ == "__main__":
    app.run()
