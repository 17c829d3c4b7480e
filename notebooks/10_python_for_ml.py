import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    import ast
    import contextlib
    import csv
    import dataclasses
    import itertools
    import operator
    import sys
    import timeit
    from collections.abc import Callable, Iterable, Iterator
    from pathlib import Path

    import marimo as mo
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd

    from mlcourse.checks import Attempt, attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.data import load_cards
    from mlcourse.loading import current_target
    from mlcourse.paths import data_dir

    SEED = 0  # feeds every random draw in this notebook
    FEE_RATE = 0.08  # PokeMarket's selling fee, a share of the price (a planning figure)
    TIMING_REPEATS = 3  # runs per timing; the fastest (least disturbed) one is shown
    STREAM_CAP = 1_000_000  # items in the notebook's "endless" stream, so no cell can hang
    FLAKY_CALLS = 2_000  # simulated calls to a flaky price feed
    ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub,  # the reference calculator's
                  ast.Mult: operator.mul, ast.Div: operator.truediv}  # only operators


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Python for ML

    Most code in an ML project is the plain Python around the model: functions that clean
    values, loops that stream rows, decorators that time and retry steps, exceptions that stop
    bad data at the door. This module is that Python, practised on PokeMarket's card prices.

    **What you will be able to do**

    - write small, typed, pure functions, and choose between a loop, a comprehension and
      numpy by what each costs (measured live);
    - write generators that stream data lazily, so a file never has to fit in memory;
    - write decorators that time or retry a step without touching its code;
    - raise specific exceptions with clear messages, and catch only what you expect;
    - parse arithmetic without `eval`, and build a data pipeline from generator stages.

    **Time:** about 4 hours: 1.5 hours for this notebook, 2.5 hours for the eight exercises
    in `exercises/exercises_10.py`.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("10")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("10", exercise_file)  # re-loads whenever you save the file
    cards = load_cards()
    prices = cards["market_price"].tolist()  # a plain Python list of floats
    mo.md(f"Your exercise module, `{current_target()}/exercises_10.py`, is loaded; cells that "
          f"call your functions re-run whenever you save it. The data: **{len(prices):,}** "
          f"card x finish prices, median ${np.median(prices):.2f}, highest ${max(prices):,.2f}.")
    return cards, ex, prices


@app.function
def attempt_as(name: str, function: Callable[..., object], *args: object) -> Attempt:
    """`attempt(function, *args)`, reported under the name of the learner's function."""
    return dataclasses.replace(attempt(function, *args), name=name)


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Functions, loops, comprehensions and numpy

    A good function in data code is **small, typed and pure**: its result depends only on its
    arguments and it changes nothing outside itself, so it is easy to test and reuse. `fee`
    below is one; the `*` makes `rate` keyword-only. (Never make a list a default value: it
    is created once and shared by every call.) The chart times ways to compute the fee on
    many real prices: a `for` loop with `append`, a list comprehension (with the arithmetic
    written out, then calling `fee`), and numpy on a whole array (fastest of three runs).

    /// tip | Try it
    Move the slider to 1,000: numpy's lead narrows, since with few items the fixed cost of
    each call dominates. At 1,000,000 the ratios hardly change: time grows with the list.
    ///
    """)
    return


@app.function
def fee(price: float, *, rate: float = FEE_RATE) -> float:
    """PokeMarket's fee on a sale of `price` dollars, in dollars."""
    return price * rate


@app.function
def best_time_ms(func: Callable[[], object]) -> float:
    """The fastest of TIMING_REPEATS runs of func(), in milliseconds (via `timeit`)."""
    return 1000 * min(timeit.repeat(func, number=1, repeat=TIMING_REPEATS))


@app.function
def fees_loop(prices: list[float]) -> list[float]:
    """The fee on each price, with a loop and append."""
    fees = []
    for price in prices:
        fees.append(price * FEE_RATE)
    return fees


@app.cell
def _():
    list_size = mo.ui.slider(steps=[1_000, 10_000, 100_000, 1_000_000], value=100_000,
                             show_value=True, label="Prices in the list")
    list_size
    return (list_size,)


@app.cell
def _(list_size, prices):
    _array = np.random.default_rng(SEED).choice(prices, size=list_size.value)
    _list = _array.tolist()
    timings_ms = {
        "for loop + append": best_time_ms(lambda: fees_loop(_list)),
        "list comprehension": best_time_ms(lambda: [price * FEE_RATE for price in _list]),
        "comprehension calling fee()": best_time_ms(lambda: [fee(price) for price in _list]),
        "numpy on an array": best_time_ms(lambda: _array * FEE_RATE),
        "numpy, list converted": best_time_ms(lambda: np.asarray(_list) * FEE_RATE),
    }
    _fig, _ax = plt.subplots(figsize=(7, 2.8))
    _bars = _ax.barh(list(timings_ms), list(timings_ms.values()),
                     color=["#999", "#36c", "#69c", "#3a7", "#8c6"])
    _ax.bar_label(_bars, labels=[f"{t:,.2f} ms" for t in timings_ms.values()], padding=3)
    _ax.invert_yaxis()
    _ax.set_xlim(0, max(timings_ms.values()) * 1.35)
    _ax.set_xlabel(f"time for {list_size.value:,} prices (ms, best of {TIMING_REPEATS})")
    _ax
    return (timings_ms,)


@app.cell(hide_code=True)
def _(timings_ms):
    _loop, _comp, _calls, _numpy, _converted = timings_ms.values()
    mo.md(rf"""
    The comprehension takes {_comp / _loop:.0%} of the loop's time: it skips looking up and
    calling `fees.append` for every item. Calling `fee` per item takes {_calls / _comp:.1f}
    times as long as the written-out comprehension: a Python function call is the costliest
    step in a hot loop. Numpy takes {_numpy / _loop:.1%} of the loop: its loop runs in
    compiled code over raw numbers. But converting a list first costs {_converted / _loop:.0%},
    so keep data in arrays or pandas columns from the start, and use comprehensions for what
    numpy can't do (text, dicts, a call per item).

    Exercise 1, `log_prices`, is a comprehension with a filter. numpy's `np.log` returns
    `-inf` and `nan` where no logarithm exists; your function should leave those prices out.
    """)
    return


@app.cell
def _(ex):
    _awkward = [0.37, 0.0, -1.0, float("nan"), 163.0]
    with np.errstate(divide="ignore", invalid="ignore"):
        _numpy = np.log(_awkward).round(4).tolist()
    mo.hstack([mo.md(f"`np.log({_awkward})`\n\n`{_numpy}`"),
               mo.vstack([mo.md("**Your `log_prices`:**"),
                          attempt(ex.log_prices, _awkward).view()])], widths=[1, 1])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Generators: data on demand

    A list holds every value at once; a **generator** makes one value each time it is asked
    (by `next()` or a `for` loop), then pauses. A function containing `yield` returns one, as
    does a comprehension in round brackets. The catch: it can be read only **once**. Below, a
    list of all fees against a generator of them, and the first row of `data/cards.csv` from
    `read_rows`, a generator that streams a file of any size in constant memory.

    Exercise 2, `batched`, groups a stream into lists, e.g. to send rows to a model in
    chunks. After the slider, your `batched` takes four batches from a stream counting 0, 1,
    2, ... up to a million, and the notebook counts the items it read.

    /// tip | Try it
    Change the batch size: a lazy `batched` reads exactly four batches' worth. One that reads
    a million builds a list first, and on a truly endless stream it would never return.
    ///
    """)
    return


@app.function
def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Stream a CSV file's rows as dicts of text, one at a time."""
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


@app.cell
def _(prices):
    _fee_list = [fee(price) for price in prices]
    _fee_stream = (fee(price) for price in prices)
    _first = next(read_rows(data_dir() / "cards.csv"))
    _shown = {key: _first[key] for key in ("card_id", "rarity", "finish", "market_price")}
    mo.md(f"List of fees: **{sys.getsizeof(_fee_list):,} bytes** (plus the floats in it). "
          f"Generator: **{sys.getsizeof(_fee_stream):,} bytes**, whatever the number of prices."
          f"\n\nFirst row of the file: `{_shown}`")
    return


@app.cell
def _():
    batch_size = mo.ui.slider(1, 8, value=3, show_value=True, label="Batch size")
    batch_size
    return (batch_size,)


@app.function
def first_batches(batched: Callable[..., Iterable], size: int, count: int) -> str:
    """The first `count` batches of `batched` over a stream 0, 1, 2, ..., and the items read."""
    stream = iter(range(STREAM_CAP))
    batches = list(itertools.islice(batched(stream, size), count))
    read = next(stream, STREAM_CAP)  # the stream counts up, so its next item = items read
    return f"`{batches}`, after reading **{read:,}** items (a lazy version reads {size * count})"


@app.cell
def _(batch_size, ex):
    attempt_as("batched", first_batches, ex.batched, batch_size.value, 4).view(mo.md)
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Decorators: behaviour wrapped around a function

    Functions are values: a **decorator** takes one and returns a new one; `@timed` above
    `def f` means `f = timed(f)`. The wrapper it returns is called `wrapper` in every log and
    traceback unless `@functools.wraps(func)` copies the name and docstring over. Exercise
    3, `timed`, records each call's duration; here it wraps `pandas_summary`, a small pandas
    step (a summary by rarity, used again at the end of this notebook).

    /// tip | Try it
    Make 20 calls. The first is often the slowest: caches are cold. That is why benchmarks
    repeat a step and report the best or median run. The axis should name `pandas_summary`.
    ///
    """)
    return


@app.cell
def _():
    timed_calls = mo.ui.slider(1, 20, value=8, show_value=True, label="Calls to the timed step")
    timed_calls
    return (timed_calls,)


@app.function
def plot_timed_calls(timed: Callable, func: Callable, calls: int, *args: object) -> object:
    """Decorate `func` with `timed`, call it `calls` times, and plot each call's duration."""
    step = timed(func)
    for _ in range(calls):
        step(*args)
    fig, ax = plt.subplots(figsize=(7, 2.2))
    ax.bar(range(1, calls + 1), [1000 * d for d in step.durations], color="#36c")
    ax.set_xlabel(f"call of {step.__name__}()")
    ax.set_ylabel("duration (ms)")
    return ax


@app.cell
def _(cards, ex, timed_calls):
    attempt_as("timed", plot_timed_calls, ex.timed, pandas_summary, timed_calls.value,
               cards, 1.0).view()
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    Exercise 4, `retry`, takes arguments, so it *returns* a decorator. A simulated price feed
    fails at random with `ConnectionError`; the notebook calls it {FLAKY_CALLS:,} times bare
    and through your `retry(3, (ConnectionError,))`. Three independent attempts all fail with
    probability p³.

    /// tip | Try it
    Raise the failure rate to 0.9: with three attempts only about a quarter of calls succeed.
    Retries help with rare, independent failures; a feed that is down stays down. Real code
    waits longer between attempts (backoff) and never retries a bug such as a `KeyError`.
    ///
    """)
    return


@app.cell
def _():
    fail_rate = mo.ui.slider(0.0, 0.9, step=0.05, value=0.3, show_value=True,
                             label="Failure rate of the price feed")
    fail_rate
    return (fail_rate,)


@app.function
def feed_success_rate(fail_rate: float, wrap: Callable = lambda load: load) -> float:
    """Share of FLAKY_CALLS calls that succeed, to a feed failing at `fail_rate`, via `wrap`."""
    rng = np.random.default_rng(SEED)

    def load_prices() -> str:
        if rng.random() < fail_rate:
            raise ConnectionError("the price feed timed out")
        return "prices"

    load, succeeded = wrap(load_prices), 0
    for _ in range(FLAKY_CALLS):
        with contextlib.suppress(ConnectionError):
            load()
            succeeded += 1
    return succeeded / FLAKY_CALLS


@app.cell
def _(ex, fail_rate):
    mo.hstack([
        mo.stat(f"{feed_success_rate(fail_rate.value):.1%}", label="succeeded, no retry"),
        mo.stat(f"{1 - fail_rate.value ** 3:.1%}", label="expected with 3 attempts"),
        attempt_as("retry", lambda retry: feed_success_rate(
            fail_rate.value, retry(3, (ConnectionError,))), ex.retry).view(
            lambda rate: mo.stat(f"{rate:.1%}", label="succeeded, your retry(3)")),
    ])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Exceptions: failing loudly, and precisely

    An exception travels up the call stack until an `except` for its type catches it. Rules
    for data code: **raise specific types with clear messages** (`PriceError(f"not a price:
    {text!r}")`, not a bare `ValueError()`); **catch only what you expect** (`except
    Exception` also swallows your own typos); **never return a made-up value** (0, NaN) for
    bad input, since it flows silently into every average; **clean up in `finally`**.

    Exercise 5, `parse_price`, reads prices such as `$1,234.50` and raises `PriceError` for
    anything else. Below, your function on the text you type.

    /// tip | Try it
    Type `0,06 $`, `-0.13`, `nan`, `1e3` and `12,34`: each should be refused with a message
    showing the text. `float()` alone would read `nan`, `1e3` and `-0.13` as numbers.
    ///
    """)
    return


@app.cell
def _():
    price_text = mo.ui.text(value="$1,234.50", label="Price text")
    price_text
    return (price_text,)


@app.cell
def _(ex, price_text):
    attempt(ex.parse_price, price_text.value).view()
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## A small calculator, without `eval`

    `eval("__import__('os').remove('model.pkl')")` deletes a file: `eval` runs *any* Python.
    Reading text safely means parsing it yourself: **tokenize** (`"2+3*(4-1)"` into `2 + 3 *
    ( 4 - 1 )`, refusing other symbols), then **parse by precedence**, one function per
    level. An *expression* is terms joined by `+`/`-`; a *term* is factors joined by `*`/`/`;
    a *factor* is a number, a `-` before a factor, or a parenthesised expression. Terms are
    read inside expressions, so `*` binds tighter; a `while` loop in each goes left to right.
    Exercise 6, `calculate`, is that parser; below, yours beside Python's own parser (limited
    to numbers and `+ - * /`).

    /// tip | Try it
    `10 - 4 - 3` is 3, not 9; `2 * -3` is -6. `1 / 0` should raise `ZeroDivisionError`;
    `(1 + 2`, `1 2` and `2 ** 3` a `ValueError`.
    ///
    """)
    return


@app.cell
def _():
    expression = mo.ui.text(value="2 + 3 * (4 - 1)", label="Expression", full_width=True)
    expression
    return (expression,)


@app.function
def python_arithmetic(expression: str) -> float:
    """Python's parser as a safe reference: only numbers, + - * /, unary minus, brackets."""

    def value(node: ast.expr) -> float:
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in ARITHMETIC:
            return ARITHMETIC[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
            return sign * value(node.operand)
        raise ValueError(f"not plain arithmetic: {ast.unparse(node)}")

    return value(ast.parse(expression.strip(), mode="eval").body)


@app.cell
def _(ex, expression):
    mo.hstack([
        mo.vstack([mo.md("**Your `calculate`**"), attempt(ex.calculate, expression.value).view()]),
        mo.vstack([mo.md("**Python's parser**"),
                   attempt(python_arithmetic, expression.value).view()]),
    ], widths=[1, 1])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## A data-processing pipeline from generator stages

    Exercise 7, `process_cards`, chains stages, each pulling from the one before:
    `read_rows(file)` -> `clean_rows` (typed records, bad prices skipped) -> a filter (price
    at least `min_price`) -> one loop keeping a count, a total and a maximum per rarity. Each
    row flows through every stage before the next is read, so memory stays constant however
    big the file. Below, your pipeline streams `data/cards.csv`, beside pandas.

    /// tip | Try it
    At $1.00, five cards cost exactly the minimum and must stay in. If your counts are all
    gone, your pipeline reads the file twice: a file reader is empty the second time.
    ///
    """)
    return


@app.cell
def _():
    min_price = mo.ui.slider(0.0, 50.0, step=0.5, value=0.0, show_value=True,
                             label="Minimum price ($)")
    min_price
    return (min_price,)


@app.function
def pandas_summary(cards: pd.DataFrame, min_price: float) -> pd.DataFrame:
    """Count, mean and maximum price per rarity of the cards priced at least `min_price`."""
    kept = cards[cards["market_price"] >= min_price]
    rarity = kept["rarity"].fillna("Unknown")
    return kept.groupby(rarity)["market_price"].agg(
        count="count", mean_price="mean", max_price="max").sort_values("count", ascending=False)


@app.cell
def _(cards, ex, min_price):
    _stream = read_rows(data_dir() / "cards.csv")  # a file reader: it can be read only once
    _yours = attempt(ex.process_cards, _stream, min_price.value).view(lambda summary: (
        pd.DataFrame.from_dict(summary, orient="index").sort_values("count", ascending=False)
        .round(2)))
    mo.hstack([
        mo.vstack([mo.md("**Your `process_cards`**"), _yours]),
        mo.vstack([mo.md("**pandas**"), pandas_summary(cards, min_price.value).round(2)]),
    ], widths=[1, 1])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    pandas is the right tool when the table fits in memory; the generator pipeline is for
    when it does not (logs, a year of listings, a live feed).

    ## Exercises

    Write the functions in `exercises/exercises_10.py` in order, from `log_prices` to
    `process_cards`. The panel runs the same checks as `uv run pytest
    exercises/test_exercises_10.py`, re-runs whenever you save, and gives hints on failures.
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

    1. The comprehension beat the loop, numpy beat both by far, and a function call per item
       cost more than either choice. When would you still write the loop?
    2. A generator can be read only once. What bug does that cause in a pipeline, and which
       test would catch it before production does?
    3. `timed` records failed calls too. How would leaving them out make a slow, failing step
       look healthy on a dashboard?
    4. Loading a model from cloud storage: which exceptions would you retry, which never, and
       what should happen after the last attempt fails?
    5. `parse_price` refuses "0,06" although a person reads it as six cents. When is refusing
       the right call, and who should fix the data?
    """)
    return


if __name__ == "__main__":
    app.run()
