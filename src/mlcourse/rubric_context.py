"""What every rubric item works with: the learner's module, shared results, time limits.

A rubric `Item` is a category, a number of points, the objective rule that awards them, and
a check. A check receives the `Context` and returns a `Verdict`: the points awarded and, for
each point lost, the reason. Expensive shared steps (training, predictions) run once through
`Context.memo`; a failure is remembered too, so every item that needs a broken step loses
its points with the same reason instead of running the step again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlcourse.grading import (
    GraderTimeout,
    GradingFailure,
    LearnerError,
    LearnerModule,
    NotAttempted,
    time_limit,
)
from mlcourse.loading import LearnerImportError, load_exercises
from mlcourse.paths import project_root

MODULE = "08"
CALL_LIMIT = 60.0  # seconds any one call of the learner's code may take
TRAIN_LIMIT = 600.0  # seconds for train_models: four model families, tuning, MLflow


@dataclass
class Verdict:
    """The outcome of one rubric item: points awarded and why any were lost."""

    points: float
    reason: str = ""


@dataclass(frozen=True)
class Item:
    """One line of the rubric."""

    category: str
    points: int
    rule: str  # the objective check, worded as in CAPSTONE_RUBRIC.md
    check: Callable[[Context], Verdict]


def verdict(points: float, problems: list[str] | dict[str, str]) -> Verdict:
    """`points` when there are no problems, else 0 with the problems as the reason."""
    listed = list(problems.values()) if isinstance(problems, dict) else problems
    return Verdict(points) if not listed else Verdict(0, "; ".join(listed))


def scaled(points: int, passed: int, total: int, problems: list[str], floor: int) -> Verdict:
    """Partial credit: full points for all `total`, one point less per miss down to `floor`.

    `floor` is how many must pass for the first point, e.g. 3 of 5 for 1 of 3 points.
    """
    awarded = max(0, min(points, points - (total - passed))) if passed >= floor else 0
    return Verdict(awarded, "; ".join(problems))


class RubricError(Exception):
    """A step the rubric needs could not run; the message says why, in plain words."""


def describe_failure(error: BaseException, limit: float | None = None) -> str:
    """One line on why a step failed, for the report."""
    if isinstance(error, NotAttempted):
        return str(error).rstrip(".")
    if isinstance(error, GraderTimeout):
        return f"did not finish within {error.args[0]:g} s (an endless loop, or far too slow?)"
    if isinstance(error, LearnerError):
        return f"{error.call.split('(')[0]}: {error}"
    if isinstance(error, GradingFailure | RubricError):
        return str(error)
    return f"the check could not run ({type(error).__name__}: {error})"


class Context:
    """The learner's capstone, where to find it, and the results items share."""

    def __init__(self, target: str, workdir: Path) -> None:
        self.target = target
        self.root = project_root()
        self.docs = self.root / target / "capstone"
        self.source = self.root / target / f"exercises_{MODULE}.py"
        self.workdir = workdir
        self.tracking_uri = f"sqlite:///{workdir / 'mlflow.db'}"
        self.measurements: dict[str, float] = {}
        self._memo: dict[str, tuple[bool, Any]] = {}
        try:
            self.module: LearnerModule | None = LearnerModule(load_exercises(MODULE, target))
            self.import_error = ""
        except LearnerImportError as error:
            self.module, self.import_error = None, str(error)

    def call(self, name: str, *args: Any, limit: float = CALL_LIMIT, **kwargs: Any) -> Any:
        """Call the learner's function `name` under a time limit."""
        if self.module is None:
            raise RubricError(f"exercises_{MODULE}.py could not be imported: {self.import_error}")
        function = getattr(self.module, name)
        with time_limit(limit):
            return function(*args, **kwargs)

    def function(self, name: str) -> Callable[..., Any]:
        """The learner's function `name`, wrapped like `call` (for checks that call it)."""
        return lambda *args, **kwargs: self.call(name, *args, **kwargs)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()` once per rubric run; a failure is remembered and raised again."""
        if key not in self._memo:
            try:
                self._memo[key] = (True, compute())
            except Exception as error:  # remembered: every dependent item reports it
                self._memo[key] = (False, RubricError(describe_failure(error)))
            except GraderTimeout as error:
                self._memo[key] = (False, RubricError(describe_failure(error)))
        ok, value = self._memo[key]
        if not ok:
            raise value
        return value
