"""What grader tests use: a wrapper around the learner's module and friendly checks.

A grader never calls learner code directly. It receives the `ex` fixture, a `LearnerModule`,
and calls `ex.some_function(...)`. The wrapper turns each way a call can go wrong into an
exception the pytest plugin (`mlcourse.grading_plugin`) reports in plain words:

- the stub still raises `NotImplementedError`   -> `NotAttempted`   ("not attempted")
- the learner's code raises anything else         -> `LearnerError`   ("your function raised")
- the result is wrong (an `expect_*` check fails) -> `GradingFailure` ("expected ... got ...")
- the call changes its own arguments in place     -> `GradingFailure`
- the call runs past the test's time limit        -> `GraderTimeout`  ("infinite loop?")
"""

from __future__ import annotations

import contextvars
import copy
import math
import reprlib
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

# The most recent learner call of the running test, shown in every failure message.
LAST_CALL: contextvars.ContextVar[str | None] = contextvars.ContextVar("LAST_CALL", default=None)
# The learner functions a test has called, in order; the first names the exercise.
CALLED: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("CALLED", default=None)

_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = 6
_short.maxdict = 6


class NotAttempted(Exception):
    """The learner's function still raises NotImplementedError."""

    def __init__(self, function: str, raised_in: str | None = None) -> None:
        self.function = function
        self.raised_in = raised_in
        detail = ""
        if raised_in and raised_in != function:
            detail = f" (it calls `{raised_in}`, which is not written yet)"
        super().__init__(f"`{function}` is not attempted yet{detail}.")


class LearnerError(Exception):
    """The learner's function raised an exception of its own."""

    def __init__(self, call: str, exc: BaseException, line: int | None) -> None:
        self.call = call
        self.original = exc
        where = f" at line {line} of your file" if line else ""
        super().__init__(f"Your function raised {type(exc).__name__}{where}: {exc}")


class GradingFailure(AssertionError):
    """A check on the learner's result failed; carries what was expected and what came back."""

    def __init__(self, message: str, expected: Any = None, got: Any = None) -> None:
        self.message = message
        self.expected = expected
        self.got = got
        super().__init__(message)


class GraderTimeout(BaseException):
    """The test ran past its time limit (a BaseException, so `except Exception` can't eat it)."""


def describe(value: Any) -> str:
    """A one-line, bounded description of any value, for messages."""
    if isinstance(value, pd.DataFrame):
        return f"<DataFrame {len(value):,} rows x {value.shape[1]} columns>"
    if isinstance(value, pd.Series):
        return f"<Series {value.name!r}, {len(value):,} values>"
    if isinstance(value, np.ndarray) and value.size > 6:
        return f"<array shape={value.shape} dtype={value.dtype}>"
    if callable(value) and hasattr(value, "__name__"):
        return f"<function {value.__name__}>"
    return _short.repr(value)


def format_call(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """Render a call as the learner would type it, with long values shortened."""
    parts = [describe(a) for a in args] + [f"{k}={describe(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


class LearnerFunction:
    """Calls one learner function and translates everything that can go wrong."""

    def __init__(self, function: Callable[..., Any], path: Path, check_mutation: bool = True):
        self.function = function
        self.name = function.__name__
        self.path = path
        self.check_mutation = check_mutation

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        call = format_call(self.name, args, kwargs)
        LAST_CALL.set(call)
        called = CALLED.get()
        if called is not None and self.name not in called:
            called.append(self.name)
        before = _snapshot(args, kwargs) if self.check_mutation else None
        try:
            result = self.function(*args, **kwargs)
        except NotImplementedError as exc:
            raise NotAttempted(self.name, _raising_function(exc, self.path)) from None
        except Exception as exc:
            raise LearnerError(call, exc, _learner_line(exc, self.path)) from exc
        if before is not None:
            _check_unchanged(self.name, before, args, kwargs)
        return result


class LearnerModule:
    """The learner's exercise module, with every function wrapped in `LearnerFunction`."""

    def __init__(self, module: ModuleType) -> None:
        self._module = module
        self._path = Path(module.__file__ or "")

    def __getattr__(self, name: str) -> Any:
        if not hasattr(self._module, name):
            raise GradingFailure(
                f"{self._path.name} has no `{name}`. Did you rename or delete it? "
                "Exercise names and signatures must stay as given."
            )
        value = getattr(self._module, name)
        if callable(value) and getattr(value, "__module__", None) == self._module.__name__:
            return LearnerFunction(value, self._path)
        return value

    def raw(self, name: str) -> Any:
        """The unwrapped attribute, for graders that need the function object itself."""
        return getattr(self._module, name)


def _raising_function(exc: BaseException, path: Path) -> str | None:
    """Name of the deepest function in the learner's file that the exception passed through."""
    name = None
    tb = exc.__traceback__
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename).resolve() == path.resolve():
            name = tb.tb_frame.f_code.co_name
        tb = tb.tb_next
    return name


def _learner_line(exc: BaseException, path: Path) -> int | None:
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename).resolve() == path.resolve():
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_MUTABLE = (pd.DataFrame, pd.Series, pl.DataFrame, pl.Series, np.ndarray, list, dict, set)


def _snapshot(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    labelled = {f"argument {i + 1}": a for i, a in enumerate(args)} | {
        f"argument `{k}`": v for k, v in kwargs.items()
    }
    return {label: copy.deepcopy(v) for label, v in labelled.items() if isinstance(v, _MUTABLE)}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, pd.DataFrame | pd.Series):
        return isinstance(b, type(a)) and a.equals(b) and list(a.index) == list(b.index)
    if isinstance(a, pl.DataFrame | pl.Series):
        return isinstance(b, type(a)) and a.equals(b)
    if isinstance(a, np.ndarray):
        return a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
    try:
        return bool(a == b)
    except Exception:  # containers of arrays: compare their reprs instead
        return repr(a) == repr(b)


def _check_unchanged(name: str, before: dict[str, Any], args: tuple, kwargs: dict) -> None:
    after = _snapshot(args, kwargs) if before else {}
    for label, old in before.items():
        if not _same(old, after[label]):
            raise GradingFailure(
                f"`{name}` changed its {label} ({describe(old)}) in place. The caller's data "
                "must come back untouched: work on a copy (`df = df.copy()`, `list(items)`)."
            )


def expect(condition: bool, message: str) -> None:
    """Fail with `message` (name the likely mistake) unless `condition` holds."""
    if not condition:
        raise GradingFailure(message)


def expect_type(got: Any, types: type | tuple[type, ...], what: str = "the result") -> None:
    """Fail unless `got` is an instance of `types`, naming both types."""
    if not isinstance(got, types):
        names = " or ".join(t.__name__ for t in (types if isinstance(types, tuple) else (types,)))
        raise GradingFailure(
            f"{what} should be a {names}, but it is a {type(got).__name__}: {describe(got)}",
            expected=names,
            got=describe(got),
        )


def expect_equal(got: Any, expected: Any, what: str = "the result", why: str = "") -> None:
    """Fail unless `got == expected`; `why` names the likely mistake."""
    if not _same(expected, got):
        extra = f" {why}" if why else ""
        raise GradingFailure(
            f"{what} is wrong.{extra}", expected=describe(expected), got=describe(got)
        )


def expect_close(
    got: Any,
    expected: float,
    *,
    rel: float = 1e-6,
    abs_tol: float = 1e-9,
    what: str = "the result",
    why: str = "",
) -> None:
    """Fail unless `got` is a real number within the tolerance of `expected`."""
    if isinstance(got, bool) or not isinstance(got, int | float | np.integer | np.floating):
        expect_type(got, float, what)
    tolerance = max(rel * abs(expected), abs_tol)
    if math.isnan(float(got)) or abs(float(got) - expected) > tolerance:
        extra = f" {why}" if why else ""
        raise GradingFailure(
            f"{what} is off by more than {tolerance:.3g}.{extra}",
            expected=f"{expected:.6g} (± {tolerance:.3g})",
            got=describe(got),
        )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise GraderTimeout in the main thread after `seconds` (no-op where impossible).

    The grading plugin wraps every grader test in it, the capstone rubric every learner call.
    """
    usable = seconds > 0 and hasattr(signal, "setitimer")
    if not usable or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum: int, frame: object) -> None:
        raise GraderTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
