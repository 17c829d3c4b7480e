"""Module 10 - Foundations: Python for ML: exercises.

Most ML code is plain Python around a few library calls: a function that cleans a value, a
generator that streams rows, a decorator that times or retries a step, an exception that stops
bad data at the door. These exercises build those pieces on PokeMarket's card data and end with
a small data-processing pipeline made of generator stages.

This is the reference solution: every body is written, with comments on why. Grade it with
`uv run pytest --solutions exercises/test_exercises_10.py` or with the check panel at the end of
`notebooks/10_python_for_ml.py`. Keep the names, signatures and constants as they are.

Besides the imports below you will want: `math` (exercise 1), `itertools.islice` (2),
`functools.wraps` and `time.perf_counter` (3 and 4), `re` (5 and 6).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import time
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
    # NaN > 0 is False, so one comparison drops zeros, negatives and missing prices alike.
    return [math.log(price) for price in prices if price > 0]


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
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size}")
    iterator = iter(items)  # one iterator, so each islice continues where the last one stopped
    while batch := list(itertools.islice(iterator, size)):
        yield batch


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

    @functools.wraps(func)  # copies __name__ and __doc__: logs, help() and tracebacks stay right
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        start = time.perf_counter()  # monotonic and precise; time.time() can jump
        try:
            return func(*args, **kwargs)
        finally:
            # `finally` runs whether func returned or raised, so failed calls are timed too.
            wrapper.durations.append(time.perf_counter() - start)  # type: ignore[attr-defined]

    wrapper.durations = []  # type: ignore[attr-defined]  # one list per decorated function
    return wrapper


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
    if times < 1:
        raise ValueError(f"times must be at least 1, not {times}")

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for _ in range(times - 1):
                try:
                    return func(*args, **kwargs)
                except exceptions:
                    continue  # a transient failure: try again
            return func(*args, **kwargs)  # the last attempt: its exception reaches the caller

        return wrapper

    return decorator


# Exercise 5: exceptions --------------------------------------------------------------------


class PriceError(ValueError):
    """A text that is not a valid price. A ValueError, so `except ValueError` catches it too."""


# Digits with commas only between groups of three, then an optional decimal part.
_PRICE = re.compile(r"\$?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")


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
    # A whitelist of what a price looks like; float() alone would accept "nan", "-1", "1e3".
    match = _PRICE.fullmatch(text.strip())
    if match is None:
        raise PriceError(f"not a price: {text!r} (expected digits such as '12.50' or '$1,234')")
    return float(match.group().lstrip("$").replace(",", ""))


# Exercise 6: a calculator ------------------------------------------------------------------

_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+|\S")  # a number, or any other single symbol
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_SYMBOLS = frozenset("+-*/()")


def _tokenize(expression: str) -> list[str]:
    """Split arithmetic text into numbers and symbols; refuse anything else."""
    tokens = _TOKEN.findall(expression)
    for token in tokens:
        if token not in _SYMBOLS and not _NUMBER.fullmatch(token):
            raise ValueError(f"unexpected {token!r} in {expression!r}: only numbers, + - * / ( )")
    return tokens


class _Parser:
    """Recursive descent: one method per grammar rule, from the loosest operators to the tightest.

        expression := term (("+" | "-") term)*
        term       := factor (("*" | "/") factor)*
        factor     := ("+" | "-") factor | number | "(" expression ")"

    Because `term` is parsed inside `expression`, * and / bind tighter than + and -; the
    `while` loops apply operators of the same rank from left to right.
    """

    def __init__(self, expression: str) -> None:
        self.text = expression
        self.tokens = _tokenize(expression)
        self.position = 0

    def peek(self) -> str | None:
        """The next token, or None at the end, without consuming it."""
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str | None:
        """The next token, or None at the end, consumed."""
        token = self.peek()
        self.position += 1
        return token

    def expression(self) -> float:
        value = self.term()
        while self.peek() in ("+", "-"):
            operator, right = self.take(), self.term()
            value = value + right if operator == "+" else value - right
        return value

    def term(self) -> float:
        value = self.factor()
        while self.peek() in ("*", "/"):
            operator, right = self.take(), self.factor()
            if operator == "*":
                value *= right
            elif right == 0:
                raise ZeroDivisionError(f"division by zero in {self.text!r}")
            else:
                value /= right
        return value

    def factor(self) -> float:
        token = self.take()
        if token in ("+", "-"):
            value = self.factor()
            return -value if token == "-" else value
        if token == "(":
            value = self.expression()
            if self.take() != ")":
                raise ValueError(f"a '(' is never closed in {self.text!r}")
            return value
        if token is not None and _NUMBER.fullmatch(token):
            return float(token)
        found = "the end" if token is None else repr(token)
        raise ValueError(f"expected a number or '(' but found {found} in {self.text!r}")


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
    parser = _Parser(expression)
    value = parser.expression()
    if parser.peek() is not None:  # e.g. "1 2" or "1 + 2)": the grammar ended before the text
        raise ValueError(f"unexpected {parser.peek()!r} in {expression!r}")
    return value


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
    for row in rows:
        try:
            price = parse_price(row["market_price"])
        except PriceError:  # only the error we expect; a KeyError still stops the pipeline
            continue
        yield {  # a new dict: the caller's row stays as it was
            "card_id": row["card_id"].strip(),
            "rarity": row["rarity"].strip() or "Unknown",
            "finish": row["finish"].strip(),
            "market_price": price,
        }


def _summarise_by_rarity(cards: Iterable[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Stage 3: one pass, three running numbers per rarity (memory grows with rarities only)."""
    counts: dict[str, int] = {}
    totals: dict[str, float] = {}
    highest: dict[str, float] = {}
    for card in cards:
        rarity, price = card["rarity"], card["market_price"]
        counts[rarity] = counts.get(rarity, 0) + 1
        totals[rarity] = totals.get(rarity, 0.0) + price
        highest[rarity] = max(highest.get(rarity, price), price)
    return {
        rarity: {"count": n, "mean_price": totals[rarity] / n, "max_price": highest[rarity]}
        for rarity, n in counts.items()
    }


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
    cards = clean_rows(rows)  # stage 1: text -> typed records (lazy)
    kept = (card for card in cards if card["market_price"] >= min_price)  # stage 2 (lazy)
    return _summarise_by_rarity(kept)  # stage 3 pulls every row through the stages, once
