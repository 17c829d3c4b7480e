"""Module 10 - Foundations: Python for ML: exercises.

Most ML code is plain Python around a few library calls: a function that cleans a value, a
generator that streams rows, a decorator that times or retries a step, an exception that stops
bad data at the door. These exercises build those pieces on PokeMarket's card data and end with
a small data-processing pipeline made of generator stages.

Write each function body and delete its `raise NotImplementedError` line. Check your work with
`uv run pytest exercises/test_exercises_10.py` or with the check panel at the end of
`notebooks/10_python_for_ml.py`. Keep the names, signatures and constants as they are.

Besides the imports below you will want: `math` (exercise 1), `itertools.islice` (2),
`functools.wraps` and `time.perf_counter` (3 and 4), `re` (5 and 6).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, ParamSpec, TypeVar

T = TypeVar("T")  # any item type
P = ParamSpec("P")  # the parameters of a decorated function
R = TypeVar("R")  # the return type of a decorated function


# Exercise 1: a comprehension ---------------------------------------------------------------


def log_prices(prices: Iterable[float]) -> list[float]:
    """The natural log of every positive price, in order, skipping all other values.

    Card prices are heavy-tailed, so models learn log price. A price of zero, a negative price
    and a missing one (NaN) have no logarithm and are left out.

    Args:
        prices: Prices in dollars: a list, a pandas Series, a generator, any iterable.

    Returns:
        A list of floats: log(price) for each price > 0, in the input's order.

    >>> log_prices([1.0, 0.0, -2.0, float("nan"), 100.0])
    [0.0, 4.605170185988092]
    """
    # TODO: return a list comprehension that takes the log of each price greater than 0.
    raise NotImplementedError


# Exercise 2: a generator -------------------------------------------------------------------


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield lists of `size` consecutive items; the last list may be shorter. Lazily.

    It reads only the items of the batch it is about to yield, so it works on a stream too
    long to hold in memory, even an endless one (rows of a huge file, a live feed).

    Args:
        items: Any iterable: a list, a string, a file, a generator.
        size: Items per batch, at least 1.

    Returns:
        An iterator (a generator) of lists.

    Raises:
        ValueError: if `size` is below 1 (at the latest when the first batch is asked for).

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    # TODO: check `size`, then yield lists of up to `size` items taken from one iterator.
    raise NotImplementedError


# Exercise 3: a decorator -------------------------------------------------------------------


def timed(func: Callable[P, R]) -> Callable[P, R]:
    """Decorate `func` so that the duration of each call is recorded, in seconds.

    The decorated function behaves like `func`: same arguments, same result, same exceptions,
    same `__name__` and docstring. It also has an attribute `durations`: a list with one
    float per call, in call order, including calls that raised.

    Args:
        func: The function to time.

    Returns:
        The decorated function.

    >>> @timed
    ... def add(a, b):
    ...     return a + b
    >>> add(2, 3), len(add.durations)
    (5, 1)
    """
    # TODO: define a wrapper (with functools.wraps) that times each call in try/finally.
    raise NotImplementedError


# Exercise 4: a decorator with arguments ----------------------------------------------------


def retry(
    times: int, exceptions: tuple[type[Exception], ...] = (Exception,)
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Make a decorator that calls a function up to `times` times, until it succeeds.

    For steps that fail now and then for reasons outside the code: a network drive, an API
    that rate-limits. Only the listed exception types are worth another attempt; any other
    exception is a bug and propagates at once.

    Args:
        times: Attempts in total, at least 1 (3 means the first call and up to 2 retries).
        exceptions: The exception types to retry.

    Returns:
        A decorator. The function it decorates returns the first successful result; when all
        `times` attempts fail, it re-raises the last exception. It keeps the decorated
        function's `__name__` and docstring.

    Raises:
        ValueError: if `times` is below 1.

    >>> @retry(3, (ConnectionError,))
    ... def load_prices():
    ...     return "rows"
    >>> load_prices()
    'rows'
    """
    # TODO: check `times`, then return a decorator whose wrapper loops over the attempts.
    raise NotImplementedError


# Exercise 5: exceptions --------------------------------------------------------------------


class PriceError(ValueError):
    """A text that is not a valid price. A ValueError, so `except ValueError` catches it too."""


def parse_price(text: str) -> float:
    """Read a price such as "12.50", "$1,234.50" or " 0.37 " as a float of dollars.

    Accepted: surrounding whitespace, an optional leading "$", digits, an optional decimal
    part, and commas only as thousands separators ("1,234" but not "12,34").

    Args:
        text: The price as text, e.g. a field of a CSV row.

    Returns:
        The price in dollars (0 or more).

    Raises:
        PriceError: for anything else (empty text, words, negative prices, "nan", "inf",
            "1e3", a decimal comma as in "0,06"), with a message that shows the text.

    >>> parse_price("$1,234.50")
    1234.5
    """
    # TODO: match the whole stripped text against a pattern of a price, else raise PriceError.
    raise NotImplementedError


# Exercise 6: a calculator ------------------------------------------------------------------


def calculate(expression: str) -> float:
    """Evaluate arithmetic with + - * /, parentheses and unary minus, without `eval`.

    The usual rules: * and / before + and -, operators of the same rank from left to right,
    parentheses first. Numbers are written like 7, 2.5 or .5; spaces are ignored.

    Args:
        expression: The text to evaluate, e.g. "2 + 3 * (4 - 1)".

    Returns:
        The value as a float.

    Raises:
        ZeroDivisionError: on a division by zero, with a message naming the expression.
        ValueError: on malformed input (empty text, an unknown symbol, a missing number or
            parenthesis, two numbers in a row, ...), with a message saying what was found.

    >>> calculate("2 + 3 * (4 - 1)")
    11.0
    """
    # TODO: split the text into tokens, then parse expression -> term -> factor.
    raise NotImplementedError


# Exercise 7: a data-processing pipeline ----------------------------------------------------


def clean_rows(rows: Iterable[dict[str, str]]) -> Iterator[dict[str, Any]]:
    """Pipeline stage 1: turn text rows into clean card records, one row at a time.

    `rows` hold text, as `csv.DictReader` yields them from `data/cards.csv`. For each row,
    yield a new dict with exactly these four keys:

    - "card_id" and "finish": the text without surrounding whitespace;
    - "rarity": the same, or "Unknown" when it is blank;
    - "market_price": the price read with `parse_price`, as a float.

    A row whose price `parse_price` refuses (a `PriceError`) is skipped: that is bad data we
    expect. Any other problem, such as a missing column, is a bug and must not be hidden: let
    its error (a `KeyError`) propagate. The input rows are never changed.

    Args:
        rows: Any iterable of dicts with at least "card_id", "rarity", "finish" and
            "market_price" (extra keys are ignored).

    Returns:
        A generator of records: it reads one more row only when the next record is asked for.

    >>> row = {"card_id": "base1-4", "rarity": " Rare Holo", "finish": "holofoil",
    ...        "market_price": "$1,234.50"}
    >>> next(clean_rows([row]))
    {'card_id': 'base1-4', 'rarity': 'Rare Holo', 'finish': 'holofoil', 'market_price': 1234.5}
    """
    # TODO: loop over the rows, skip those whose price raises PriceError, yield new dicts.
    raise NotImplementedError


def process_cards(
    rows: Iterable[dict[str, str]], min_price: float = 0.0
) -> dict[str, dict[str, float]]:
    """The whole pipeline: clean the rows, keep prices of at least `min_price`, summarise.

    Compose it from generator stages (clean -> filter -> aggregate) so that rows stream
    through one at a time: `rows` may be a file reader or a generator, which can be read
    only once.

    Args:
        rows: Text rows, as for `clean_rows`.
        min_price: Keep only cards whose market price is at least this, in dollars.

    Returns:
        rarity -> {"count": cards kept, "mean_price": their mean market price,
        "max_price": their highest market price}, for every rarity with at least one card
        kept; {} when no card is kept.

    >>> rows = [{"card_id": "a", "rarity": "Rare", "finish": "normal", "market_price": "2"},
    ...         {"card_id": "b", "rarity": "Rare", "finish": "normal", "market_price": "4"}]
    >>> process_cards(rows)
    {'Rare': {'count': 2, 'mean_price': 3.0, 'max_price': 4.0}}
    """
    # TODO: chain clean_rows, a generator expression that filters, and one loop that aggregates.
    raise NotImplementedError
