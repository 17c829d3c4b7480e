"""Graders for module 10, Foundations: Python for ML.

Run them with `uv run pytest exercises/test_exercises_10.py`. Generators are fed endless
streams that count every item pulled from them; decorators wrap small functions that count
their own calls; the calculator is compared with Python's own arithmetic on random
expressions; the pipeline's summary is compared with pandas on the real cards.
"""

from __future__ import annotations

import ast
import copy
import csv
import inspect
import itertools
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mlcourse.data import load_cards
from mlcourse.grading import (
    LAST_CALL,
    GradingFailure,
    LearnerError,
    LearnerFunction,
    expect,
    expect_close,
    expect_equal,
    expect_type,
)
from mlcourse.paths import data_dir

SEED = 10
RUNAWAY_LIMIT = 10_000  # items an endless stream hands out before it calls the reader runaway
NAP = 0.05  # seconds a timed test function sleeps


# Helpers: calling code the learner's functions return -------------------------------------


def _run(ex, exercise: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call `function`, which runs the learner's code (a decorated function, a generator's
    body), so that an error inside it is reported as theirs, with its line."""
    expect(callable(function), f"`{exercise}` should give back a function, not {function!r}.")

    def call(*inner_args: Any, **inner_kwargs: Any) -> Any:
        return function(*inner_args, **inner_kwargs)

    call.__name__ = getattr(function, "__name__", exercise)
    path = Path(inspect.getfile(ex.raw(exercise)))
    return LearnerFunction(call, path, check_mutation=False)(*args, **kwargs)


def _take(ex, exercise: str, iterator: Any, count: int) -> list[Any]:
    """Up to `count` items of the iterator a learner's function returned."""
    expect(
        isinstance(iterator, Iterable),
        f"`{exercise}` should return an iterator, not {type(iterator).__name__}.",
    )
    shown = LAST_CALL.get()  # keep showing the learner's call, not this helper's

    def next_items() -> list[Any]:
        return list(itertools.islice(iterator, count))

    try:
        return _run(ex, exercise, next_items)
    finally:
        LAST_CALL.set(shown)


class RunawayRead(Exception):
    """An endless stream was read far past what one batch or record needs."""


class EndlessStream:
    """An endless iterator that counts the items pulled and stops a reader that never stops."""

    def __init__(self, make: Callable[[int], Any] = lambda i: i) -> None:
        self.make = make
        self.pulled = 0

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        if self.pulled >= RUNAWAY_LIMIT:
            raise RunawayRead(f"read {RUNAWAY_LIMIT:,} items of an endless stream")
        self.pulled += 1
        return self.make(self.pulled - 1)


@contextmanager
def _lazy(exercise: str) -> Iterator[None]:
    """Turn a runaway read of an endless stream into a failure that says what went wrong."""
    try:
        yield
    except LearnerError as error:
        if not isinstance(error.original, RunawayRead):
            raise
        raise GradingFailure(
            f"`{exercise}` read {RUNAWAY_LIMIT:,} items of an endless stream without giving "
            "anything back. Did you build a list of everything first (`list(items)`, a list "
            "comprehension, `append` then `return`)? Use `yield` so each item is read only "
            "when it is needed."
        ) from None


def _raised(ex, exercise: str, function: Callable[..., Any], *args: Any) -> Any:
    """What the learner's code raised, or GradingFailure if it returned instead."""
    try:
        result = _run(ex, exercise, function, *args)
    except LearnerError as error:
        return error.original
    call = LAST_CALL.get()
    raise GradingFailure(f"{call} returned {result!r} instead of raising an exception.")


# Exercise 1: log_prices --------------------------------------------------------------------


def _expect_floats(got: Any, expected: list[float], what: str, why: str = "") -> None:
    expect_type(got, list, what)
    expect(
        len(got) == len(expected),
        f"{what} has {len(got):,} values instead of {len(expected):,}. {why}".strip(),
    )
    if expected:
        close = np.isclose(np.asarray(got, dtype=float), expected, rtol=1e-12, atol=0.0)
        first = int(np.argmin(close))
        expect(
            bool(close.all()),
            f"{what}[{first}] is {got[first]!r}, expected {expected[first]!r}. {why}".strip(),
        )


@pytest.mark.parametrize(
    ("prices", "expected"),
    [
        ([], []),
        ([1.0], [0.0]),
        ([math.e], [1.0]),
        ([1.0, 10.0, 100.0], [0.0, math.log(10), math.log(100)]),
    ],
)
def test_log_prices_small_cases(ex, prices, expected):
    _expect_floats(
        ex.log_prices(prices),
        expected,
        "log_prices(...)",
        "Use the natural log (`math.log`), not log10: log(e) is 1.",
    )


def test_log_prices_skips_zero_and_negative_prices(ex):
    _expect_floats(
        ex.log_prices([0.0, 2.0, -1.5, 1.0, 0.0]),
        [math.log(2.0), 0.0],
        "log_prices([0.0, 2.0, -1.5, 1.0, 0.0])",
        "Keep only prices greater than 0: zero and negative prices have no logarithm.",
    )


def test_log_prices_skips_missing_prices(ex):
    _expect_floats(
        ex.log_prices([2.0, float("nan"), 1.0]),
        [math.log(2.0), 0.0],
        "log_prices([2.0, nan, 1.0])",
        "A missing price (NaN) has no logarithm either. `nan > 0` is False, so the test "
        "`price > 0` drops it; `if price` does not (NaN counts as true).",
    )


def test_log_prices_returns_a_list_for_any_iterable(ex):
    result = ex.log_prices(price for price in (1.0, 0.0, 4.0))
    expect_type(result, list, "log_prices(a generator)")
    _expect_floats(
        result,
        [0.0, math.log(4.0)],
        "log_prices(a generator)",
        "Loop over `prices` once; don't index it or call len() on it.",
    )


def test_log_prices_match_numpy_on_the_card_prices(ex):
    prices = load_cards()["market_price"]
    _expect_floats(
        ex.log_prices(prices.tolist()),
        np.log(prices.to_numpy()).tolist(),
        "log_prices(the 10,442 card prices)",
        "It should agree with `np.log`.",
    )


# Exercise 2: batched -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "size", "expected"),
    [
        ([], 3, []),
        ([7], 3, [[7]]),
        (range(4), 2, [[0, 1], [2, 3]]),
        (range(5), 2, [[0, 1], [2, 3], [4]]),
        (range(3), 1, [[0], [1], [2]]),
        (range(3), 5, [[0, 1, 2]]),
        ("abcde", 3, [["a", "b", "c"], ["d", "e"]]),
    ],
)
def test_batched_cases(ex, items, size, expected):
    batches = _take(ex, "batched", ex.batched(items, size), 100)
    expect_equal(
        batches,
        expected,
        f"list(batched({items!r}, {size}))",
        "Each batch is a list of `size` items, and the last, shorter batch is kept.",
    )


def test_batched_returns_an_iterator_not_a_list(ex):
    result = ex.batched(range(10), 3)
    expect(
        isinstance(result, Iterator),
        f"batched(range(10), 3) returned a {type(result).__name__}, not an iterator. Write it "
        "as a generator (a function with `yield`) so batches are made one at a time.",
    )


def test_batched_works_on_an_endless_stream(ex):
    stream = EndlessStream()
    with _lazy("batched"):
        batches = _take(ex, "batched", ex.batched(stream, 3), 2)
    expect_equal(batches, [[0, 1, 2], [3, 4, 5]], "the first two batches of an endless stream")


def test_batched_reads_only_what_each_batch_needs(ex):
    stream = EndlessStream()
    with _lazy("batched"):
        batches = ex.batched(stream, 4)
        _take(ex, "batched", batches, 1)
        expect(
            stream.pulled == 4,
            f"batched read {stream.pulled} items to make the first batch of 4. Read exactly "
            "the items of the batch you yield, no more.",
        )
        _take(ex, "batched", batches, 2)
    expect(
        stream.pulled == 12,
        f"after three batches of 4, batched had read {stream.pulled} items instead of 12.",
    )


@pytest.mark.parametrize("size", [0, -1])
def test_batched_refuses_a_size_below_one(ex, size):
    try:
        batches = ex.batched([1, 2, 3], size)
        got = _take(ex, "batched", batches, 5)
    except LearnerError as error:
        expect(
            isinstance(error.original, ValueError),
            f"batched(..., {size}) raised {type(error.original).__name__}; raise ValueError "
            "for a size below 1.",
        )
        return
    raise GradingFailure(
        f"batched([1, 2, 3], {size}) gave {got!r} instead of raising ValueError. A batch "
        "size below 1 is a mistake by the caller: say so."
    )


# Exercise 3: timed -------------------------------------------------------------------------


def _durations(decorated: Any) -> list[Any]:
    durations = getattr(decorated, "durations", None)
    expect(
        durations is not None,
        "The decorated function has no `durations` attribute. Set `wrapper.durations = []` "
        "in `timed`, before returning the wrapper.",
    )
    expect_type(durations, list, "`durations`")
    return durations


def add(a: float, b: float = 0.0) -> float:
    """Add two numbers (a function for decorators to wrap)."""
    return a + b


def test_timed_returns_the_functions_result(ex):
    decorated = ex.timed(add)
    expect_equal(
        _run(ex, "timed", decorated, 2, 3), 5, "timed(add)(2, 3)",
        "The wrapper must return what func returns: `return func(*args, **kwargs)`.",
    )
    expect_equal(
        _run(ex, "timed", decorated, 2, b=5), 7, "timed(add)(2, b=5)",
        "Pass on keyword arguments too: `def wrapper(*args, **kwargs)`.",
    )


def test_timed_records_one_duration_per_call(ex):
    decorated = ex.timed(add)
    for value in range(3):
        _run(ex, "timed", decorated, value)
    durations = _durations(decorated)
    expect(
        len(durations) == 3,
        f"After 3 calls, `durations` is {durations!r}. Append one duration per call to "
        "the same list.",
    )
    expect(
        all(isinstance(d, float) and d >= 0 for d in durations),
        f"Each duration should be a float of seconds, 0 or more, not {durations!r}.",
    )


def nap() -> str:
    """Sleep for NAP seconds."""
    time.sleep(NAP)
    return "rested"


def test_timed_measures_seconds(ex):
    decorated = ex.timed(nap)
    started = time.perf_counter()
    _run(ex, "timed", decorated)
    elapsed = time.perf_counter() - started
    recorded = _durations(decorated)
    expect(len(recorded) == 1, f"After 1 call, `durations` is {recorded!r}.")
    expect(
        0.9 * NAP <= recorded[0] <= elapsed + 1e-3,
        f"A call that sleeps {NAP} s was recorded as {recorded[0]!r}. Record the end time "
        "minus the start time, in seconds (not milliseconds, not a timestamp): "
        "`time.perf_counter() - start`.",
    )


def _expect_same_identity(decorated: Any, original: Callable[..., Any], name: str) -> None:
    expect(
        getattr(decorated, "__name__", None) == original.__name__,
        f"The function {name} returns is called {getattr(decorated, '__name__', None)!r}, not "
        f"{original.__name__!r}. Put `@functools.wraps(func)` on the wrapper.",
    )
    expect(
        getattr(decorated, "__doc__", None) == original.__doc__,
        f"The function {name} returns lost its docstring. `@functools.wraps(func)` copies it.",
    )


def test_timed_keeps_the_name_and_docstring(ex):
    _expect_same_identity(ex.timed(add), add, "timed")


def fail_on_purpose() -> None:
    """Raise a ValueError every time."""
    raise ValueError("a card with no price")


def test_timed_records_a_call_that_raises(ex):
    decorated = ex.timed(fail_on_purpose)
    raised = _raised(ex, "timed", decorated)
    expect(
        isinstance(raised, ValueError) and str(raised) == "a card with no price",
        f"The decorated function raised {raised!r}; let the original exception through "
        "unchanged.",
    )
    durations = _durations(decorated)
    expect(
        len(durations) == 1,
        f"After 1 call that raised, `durations` is {durations!r}. Record the time in a "
        "`finally:` block so failed calls are timed too.",
    )


def test_timed_keeps_each_functions_durations_apart(ex):
    timed_add, timed_fail = ex.timed(add), ex.timed(fail_on_purpose)
    _run(ex, "timed", timed_add, 1)
    _run(ex, "timed", timed_add, 2)
    _raised(ex, "timed", timed_fail)
    counts = len(_durations(timed_add)), len(_durations(timed_fail))
    expect(
        counts == (2, 1),
        f"Two decorated functions, called 2 and 1 times, hold {counts[0]} and {counts[1]} "
        "durations. Each decorated function needs its own list: create it inside `timed`, "
        "not once at module level.",
    )


# Exercise 4: retry -------------------------------------------------------------------------


def flaky(failures: int, error: type[Exception] = ConnectionError):
    """A function that raises `error` on its first `failures` calls, and a list of its calls."""
    calls: list[tuple[Any, ...]] = []

    def load_prices(*args: Any, **kwargs: Any) -> dict[str, Any]:
        """Load today's prices from a source that sometimes fails."""
        calls.append(args)
        if len(calls) <= failures:
            raise error(f"attempt {len(calls)} failed")
        return {"rows": 3, "args": args, "kwargs": kwargs}

    return load_prices, calls


def _retried(ex, times: int, function: Callable[..., Any], *exceptions: type[Exception]):
    decorator = ex.retry(times, exceptions) if exceptions else ex.retry(times)
    return _run(ex, "retry", decorator, function)


def test_retry_returns_the_result_after_failures(ex):
    load, calls = flaky(2)
    result = _run(ex, "retry", _retried(ex, 3, load, ConnectionError), "cards.csv", sep=",")
    expect_equal(
        result,
        {"rows": 3, "args": ("cards.csv",), "kwargs": {"sep": ","}},
        "the result after two failures",
        "Return what the function returns, called with the same arguments.",
    )
    expect(len(calls) == 3, f"The function was called {len(calls)} times instead of 3.")


@pytest.mark.parametrize("times", [1, 3])
def test_retry_gives_up_after_times_attempts(ex, times):
    load, calls = flaky(failures=100)
    raised = _raised(ex, "retry", _retried(ex, times, load, ConnectionError))
    expect(
        len(calls) == times,
        f"retry({times}) called a function that always fails {len(calls)} times. `times` "
        "counts every attempt, the first one included.",
    )
    expect(
        isinstance(raised, ConnectionError) and str(raised) == f"attempt {times} failed",
        f"After {times} failed attempts the caller got {raised!r}. Re-raise the last "
        "exception, unchanged, so the caller sees what went wrong.",
    )


def test_retry_does_not_retry_other_exceptions(ex):
    load, calls = flaky(failures=100, error=KeyError)
    raised = _raised(ex, "retry", _retried(ex, 3, load, ConnectionError))
    expect(
        len(calls) == 1 and isinstance(raised, KeyError),
        f"A KeyError is not in `exceptions`, yet the function was called {len(calls)} times "
        f"and the caller got {raised!r}. Catch only `exceptions`: "
        "`except exceptions:` with the tuple.",
    )


def test_retry_calls_a_working_function_once(ex):
    load, calls = flaky(0)
    result = _run(ex, "retry", _retried(ex, 4, load))
    expect(
        len(calls) == 1,
        f"A function that works was called {len(calls)} times. Return as soon as a call "
        "succeeds.",
    )
    expect_equal(result, {"rows": 3, "args": (), "kwargs": {}}, "the result")


def test_retry_keeps_the_name_and_docstring(ex):
    load, _ = flaky(0)
    _expect_same_identity(_retried(ex, 2, load), load, "retry(2)")


def test_retry_refuses_fewer_than_one_attempt(ex):
    load, _ = flaky(0)
    try:
        result = _run(ex, "retry", _retried(ex, 0, load))
    except LearnerError as error:
        expect(
            isinstance(error.original, ValueError),
            f"retry(0) raised {type(error.original).__name__}; raise ValueError.",
        )
        return
    raise GradingFailure(
        f"retry(0) gave a decorated function that returned {result!r}. Zero attempts is a "
        "mistake by the caller: raise ValueError when `times` is below 1."
    )


# Exercise 5: parse_price -------------------------------------------------------------------

VALID_PRICES = [
    ("0", 0.0),
    ("12", 12.0),
    ("0.37", 0.37),
    (" 4.50 ", 4.5),
    ("$39.41", 39.41),
    ("$9,999.00", 9999.0),
    ("1,234,567.5", 1234567.5),
]
BAD_PRICES = [
    "", "   ", "abc", "12.5.1", "-0.13", "nan", "inf", "1e3", "0,06", "12,34", "$", "0,06 $",
    "USD 0.06", "12 50",
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), VALID_PRICES)
def test_parse_price_reads_valid_prices(ex, text, expected):
    expect_close(
        ex.parse_price(text),
        expected,
        rel=1e-12,
        what=f"parse_price({text!r})",
        why="Strip whitespace, then a leading '$', then the thousands commas.",
    )


def _price_error(ex, text: str) -> Exception:
    try:
        result = ex.parse_price(text)
    except LearnerError as error:
        expect(
            isinstance(error.original, ex.raw("PriceError")),
            f"parse_price({text!r}) raised {type(error.original).__name__}: {error.original}. "
            "Raise PriceError, so callers can catch exactly this kind of bad data.",
        )
        return error.original
    raise GradingFailure(
        f"parse_price({text!r}) returned {result!r} instead of raising PriceError. A made-up "
        "value (0, NaN, a negative price) flows silently into every average downstream."
    )


@pytest.mark.parametrize("text", BAD_PRICES)
def test_parse_price_raises_price_error_on_bad_text(ex, text):
    _price_error(ex, text)


@pytest.mark.parametrize("text", ["abc", "-0.13", "0,06 $"])
def test_parse_price_error_message_shows_the_text(ex, text):
    error = _price_error(ex, text)
    expect(
        text in str(error),
        f"The PriceError for {text!r} says {str(error)!r}. Put the offending text in the "
        "message (e.g. with `{text!r}`) so whoever reads the log can find the row.",
    )


# Exercise 6: calculate ---------------------------------------------------------------------


def _expect_calculates(ex, cases: dict[str, float], why: str) -> None:
    for expression, expected in cases.items():
        expect_close(
            ex.calculate(expression), expected, rel=1e-12, abs_tol=1e-12,
            what=f"calculate({expression!r})", why=why,
        )


def test_calculator_reads_numbers_and_single_operations(ex):
    _expect_calculates(
        ex,
        {"7": 7.0, "2.5": 2.5, " 42 ": 42.0, "1 + 2": 3.0, "7 - 10": -3.0, "3 * 4": 12.0,
         "7 / 2": 3.5, "1.5*4": 6.0},
        "Read whole numbers and decimals; / is true division.",
    )


def test_calculator_multiplies_before_adding(ex):
    _expect_calculates(
        ex,
        {"2 + 3 * 4": 14.0, "2 * 3 + 4": 10.0, "10 - 6 / 2": 7.0, "1 + 2 * 3 - 4 / 2": 5.0},
        "* and / bind tighter than + and -: parse a term (a run of * and /) inside an "
        "expression (a run of + and -).",
    )


def test_calculator_evaluates_left_to_right(ex):
    _expect_calculates(
        ex,
        {"10 - 4 - 3": 3.0, "1 - 2 + 3": 2.0, "2 / 4 / 2": 0.25, "100 / 10 * 2": 20.0},
        "Operators of the same rank apply from left to right: 10 - 4 - 3 is (10 - 4) - 3. "
        "Use a loop that folds each new operand into the value, not recursion on the right.",
    )


def test_calculator_handles_parentheses(ex):
    _expect_calculates(
        ex,
        {"(2 + 3) * 4": 20.0, "((1))": 1.0, "2 * (3 + (4 - 1))": 12.0, "(1 - 2) - (3 - 4)": 0.0},
        "A '(' starts a whole new expression that must end with ')'.",
    )


def test_calculator_handles_negative_numbers(ex):
    _expect_calculates(
        ex,
        {"-3": -3.0, "-3 + 5": 2.0, "2 * -3": -6.0, "-(2 + 3)": -5.0, "--4": 4.0},
        "A '-' where a number should start negates what follows (unary minus).",
    )


def _random_expression(rng: random.Random, depth: int) -> str:
    if depth == 0 or rng.random() < 0.25:
        return rng.choice([str(rng.randint(0, 20)), f"{rng.uniform(0, 10):.2f}"])
    text = f"{_random_expression(rng, depth - 1)} {rng.choice('+-*/')} "
    text += _random_expression(rng, depth - 1)
    if rng.random() < 0.4:
        text = f"({text})"
    return f"-{text}" if rng.random() < 0.1 else text


def _python_value(expression: str) -> float | None:
    # Only ever the grader's own generated arithmetic, never a learner's text.
    try:
        return float(eval(expression, {"__builtins__": {}}, {}))
    except ZeroDivisionError:
        return None


def test_calculator_agrees_with_python_on_random_expressions(ex):
    rng = random.Random(SEED)
    checked = 0
    while checked < 200:
        expression = _random_expression(rng, depth=3)
        expected = _python_value(expression)
        if expected is None:
            continue
        expect_close(
            ex.calculate(expression), expected, rel=1e-9, abs_tol=1e-9,
            what=f"calculate({expression!r})",
            why="Python's own arithmetic gives the expected value.",
        )
        checked += 1


@pytest.mark.parametrize("expression", ["1 / 0", "5 / (2 - 2)", "0 / 0"])
def test_calculator_reports_division_by_zero(ex, expression):
    try:
        result = ex.calculate(expression)
    except LearnerError as error:
        expect(
            isinstance(error.original, ZeroDivisionError),
            f"calculate({expression!r}) raised {type(error.original).__name__}: "
            f"{error.original}. Raise ZeroDivisionError, which says exactly what went wrong.",
        )
        return
    raise GradingFailure(
        f"calculate({expression!r}) returned {result!r} instead of raising "
        "ZeroDivisionError. An infinite or NaN result poisons every later step."
    )


@pytest.mark.parametrize(
    "expression",
    ["", "   ", "1 +", "* 2", "(1 + 2", "1 + 2)", "1 2", "()", "2 (3)", "1..2", "2 ** 3",
     "3 $ 4", "two + 2", "__import__('os')"],
)
def test_calculator_rejects_malformed_input(ex, expression):
    try:
        result = ex.calculate(expression)
    except LearnerError as error:
        expect(
            isinstance(error.original, ValueError),
            f"calculate({expression!r}) raised {type(error.original).__name__}: "
            f"{error.original}. Malformed input should raise ValueError.",
        )
        expect(
            str(error.original).strip() != "",
            f"calculate({expression!r}) raised a ValueError with no message; say what was "
            "found where.",
        )
        return
    raise GradingFailure(
        f"calculate({expression!r}) returned {result!r} instead of raising ValueError. "
        "Check that every token was used and every '(' was closed."
    )


def _runs_code(call: ast.Call) -> str | None:
    """The name of a call that runs text as code: eval, exec, compile, pd.eval, ..."""
    func = call.func
    if isinstance(func, ast.Name) and func.id in {"eval", "exec", "compile"}:
        return func.id
    if isinstance(func, ast.Attribute) and func.attr in {"eval", "exec"}:
        return func.attr
    return None


def test_calculator_does_not_call_eval(ex):
    ex.calculate("1 + 1")
    source = Path(inspect.getfile(ex.raw("calculate"))).read_text(encoding="utf-8")
    calls = (n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call))
    found = sorted({name for name in map(_runs_code, calls) if name})
    expect(
        not found,
        f"Your exercise file calls {', '.join(found)}. The calculator must parse the text "
        "itself: `eval` would run any code a user types, such as \"__import__('os')\".",
    )


# Exercise 7: clean_rows and process_cards --------------------------------------------------


def row(card_id: str, rarity: str, price: str, finish: str = "normal", **extra: str):
    """A text row like those `csv.DictReader` yields."""
    return {"card_id": card_id, "rarity": rarity, "finish": finish, "market_price": price,
            **extra}


@pytest.fixture(scope="module")
def card_rows() -> tuple[dict[str, str], ...]:
    with (data_dir() / "cards.csv").open(newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def _fresh(rows: Iterable[dict[str, str]]) -> tuple[dict[str, str], ...]:
    # Copies, since a learner's code may change rows; a tuple, which the grading wrapper does
    # not deep-copy to watch for changes (clean_rows has its own test for that).
    return tuple(dict(r) for r in rows)


def test_clean_rows_cleans_text_and_prices(ex):
    rows = [
        row(" base1-4 ", " Rare Holo ", "$1,234.50", finish=" holofoil", name="Charizard"),
        row("base1-100", "", "0.41"),
        row("sv3pt5-1", "Common", " 0.12 "),
    ]
    expect_equal(
        _take(ex, "clean_rows", ex.clean_rows(rows), 10),
        [
            {"card_id": "base1-4", "rarity": "Rare Holo", "finish": "holofoil",
             "market_price": 1234.5},
            {"card_id": "base1-100", "rarity": "Unknown", "finish": "normal",
             "market_price": 0.41},
            {"card_id": "sv3pt5-1", "rarity": "Common", "finish": "normal",
             "market_price": 0.12},
        ],
        "list(clean_rows(rows))",
        "Yield new dicts with exactly the four keys; strip the text, a blank rarity becomes "
        "'Unknown', and read the price with parse_price.",
    )


def test_clean_rows_skips_unreadable_prices(ex):
    rows = [row("a", "Rare", ""), row("b", "Rare", "n/a"), row("c", "Rare", "12.50"),
            row("d", "Rare", "-1")]
    records = _take(ex, "clean_rows", ex.clean_rows(rows), 10)
    ids = [r.get("card_id") if isinstance(r, dict) else r for r in records]
    expect(
        ids == ["c"],
        f"From prices '', 'n/a', '12.50' and '-1', clean_rows kept the cards {ids}, not only "
        "'c'. Skip a row when parse_price raises PriceError (`continue`).",
    )


def test_clean_rows_does_not_hide_a_missing_column(ex):
    rows = [{"card_id": "a", "rarity": "Rare", "finish": "normal", "price": "1.00"}]
    try:
        records = _take(ex, "clean_rows", ex.clean_rows(rows), 10)
    except LearnerError as error:
        expect(
            isinstance(error.original, KeyError),
            f"For rows without a market_price column, clean_rows raised "
            f"{type(error.original).__name__}; let the KeyError through.",
        )
        return
    raise GradingFailure(
        f"Rows without a market_price column gave {records!r} instead of a KeyError. Catch "
        "only PriceError: a broad `except Exception` (or `row.get`) turns a broken file "
        "into an empty but 'successful' result."
    )


def test_clean_rows_is_lazy(ex):
    stream = EndlessStream(lambda i: row(f"card-{i}", "Common", "0.10"))
    with _lazy("clean_rows"):
        records = ex.clean_rows(stream)
        first = _take(ex, "clean_rows", records, 1)
        expect(
            stream.pulled == 1,
            f"clean_rows read {stream.pulled} rows to give its first record; read one row "
            "at a time.",
        )
        _take(ex, "clean_rows", records, 4)
    expect(stream.pulled == 5, f"After 5 records, clean_rows had read {stream.pulled} rows.")
    expect(len(first) == 1 and isinstance(first[0], dict), f"The first record is {first!r}.")
    expect_equal(first[0].get("card_id"), "card-0", "the first record's card_id")


def test_clean_rows_leaves_the_input_rows_unchanged(ex):
    rows = [row(" base1-4 ", " Rare Holo ", "$66.69"), row("base1-100", "", "0.41")]
    before = copy.deepcopy(rows)
    _take(ex, "clean_rows", ex.clean_rows(rows), 10)
    expect(
        rows == before,
        f"After clean_rows the input rows are {rows!r}. Build a new dict for each record "
        "instead of changing the row you were given.",
    )


def _expect_summary(got: Any, expected: dict[str, dict[str, float]], what: str) -> None:
    expect_type(got, dict, what)
    missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
    expect(not missing and not extra,
           f"{what} has rarities {extra} it should not have and lacks {missing}.")
    for rarity, stats in expected.items():
        summary = got[rarity]
        expect(isinstance(summary, dict) and set(summary) == set(stats),
               f"{what}[{rarity!r}] should be a dict with keys {sorted(stats)}, not {summary!r}.")
        expect_equal(summary["count"], stats["count"], f"{what}[{rarity!r}]['count']")
        for key in ("mean_price", "max_price"):
            expect_close(summary[key], stats[key], rel=1e-9, what=f"{what}[{rarity!r}][{key!r}]")


def _pandas_summary(min_price: float) -> dict[str, dict[str, float]]:
    cards = load_cards()
    kept = cards[cards["market_price"] >= min_price]
    stats = kept.groupby(kept["rarity"].fillna("Unknown"))["market_price"].agg(
        ["count", "mean", "max"]
    )
    return {
        str(rarity): {"count": int(r["count"]), "mean_price": r["mean"], "max_price": r["max"]}
        for rarity, r in stats.iterrows()
    }


SMALL_TABLES = {
    "no rows": ([], {}),
    "one row": ([row("a", "Common", "0.50")], {"Common": (1, 0.5, 0.5)}),
    "mixed rows": (
        [row("a", "Common", "0.10"), row("b", "Common", "0.20"), row("c", "Rare", "$3.00"),
         row("d", "Common", "0.90"), row("e", "Rare", "n/a"), row("f", " ", "2.00")],
        {"Common": (3, 0.4, 0.9), "Rare": (1, 3.0, 3.0), "Unknown": (1, 2.0, 2.0)},
    ),
}


@pytest.mark.parametrize("table", list(SMALL_TABLES))
def test_process_cards_small_tables(ex, table):
    rows, expected = SMALL_TABLES[table]
    _expect_summary(
        ex.process_cards([dict(r) for r in rows]),
        {k: {"count": n, "mean_price": m, "max_price": x} for k, (n, m, x) in expected.items()},
        f"process_cards({table})",
    )


def test_process_cards_matches_pandas_on_the_cards(ex, card_rows):
    _expect_summary(
        ex.process_cards(_fresh(card_rows)),
        _pandas_summary(0.0),
        "process_cards(the rows of data/cards.csv)",
    )


def test_process_cards_keeps_prices_at_or_above_min_price(ex, card_rows):
    expected = _pandas_summary(1.0)
    got = ex.process_cards(_fresh(card_rows), min_price=1.0)
    kept = sum(s.get("count", 0) for s in got.values()) if isinstance(got, dict) else None
    expect(
        kept == sum(s["count"] for s in expected.values()),
        f"With min_price=1.0, process_cards kept {kept} cards instead of "
        f"{sum(s['count'] for s in expected.values()):,}. Keep prices *at least* min_price: "
        "five cards cost exactly $1.00.",
    )
    _expect_summary(got, expected, "process_cards(the rows of data/cards.csv, min_price=1.0)")


def test_process_cards_reads_its_input_once(ex, card_rows):
    one_pass = (r for r in _fresh(card_rows))  # like a file reader: a second pass is empty
    got = ex.process_cards(one_pass)
    expected = _pandas_summary(0.0)
    counted = sum(s.get("count", 0) for s in got.values()) if isinstance(got, dict) else got
    expect(
        counted == sum(s["count"] for s in expected.values()),
        f"Given the rows as a generator, process_cards counted {counted!r} cards instead "
        "of 10,442. A generator can be read only once: chain the stages so each row passes "
        "through them in a single loop.",
    )
    _expect_summary(got, expected, "process_cards(a generator of the rows of data/cards.csv)")

