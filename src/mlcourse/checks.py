"""What notebooks use to show a learner's own work: results of single calls and a check panel.

This is the only toolkit module that imports marimo.

- `watch_exercises("00")` is a reactive handle on the graded file (marimo's `mo.watch.file`):
  every cell that uses it re-runs when the learner saves the file.
- `exercise_module("00", watched)` loads the graded module (the target of `MLCOURSE_TARGET`);
  when the learner's file does not import, it returns a stand-in whose functions say so.
- `attempt(function, *args)` calls one exercise function and returns an `Attempt`, whose
  `.view()` shows the value, "not attempted yet", or the error, without stopping the notebook.
- `check_panel(ex)` runs the module's grader tests (the same ones as `pytest exercises/`)
  in a separate process and shows one callout per exercise, with hints.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import marimo as mo

from mlcourse.catalog import get_module
from mlcourse.loading import LearnerImportError, current_target, load_exercises, module_path
from mlcourse.results import FAILED, NOT_ATTEMPTED, PASSED, TestResult, summarize
from mlcourse.runner import GraderRunError, run_graders

_KIND = {PASSED: "success", NOT_ATTEMPTED: "warn", FAILED: "danger"}
_ICON = {PASSED: "passed", NOT_ATTEMPTED: "not attempted yet", FAILED: "failed"}


class BrokenModule:
    """Stands in for an exercise module that failed to import; every function re-raises."""

    def __init__(self, module: str, error: LearnerImportError) -> None:
        self.module = module
        self.error = error

    def __getattr__(self, name: str) -> Callable[..., Any]:
        def _broken(*args: Any, **kwargs: Any) -> Any:
            raise self.error

        _broken.__name__ = name
        return _broken


def watch_exercises(module: str) -> Any:
    """A reactive handle on `exercises_<module>.py` of the current target.

    Cells that reference it re-run whenever the file is saved, so a notebook shows the
    learner's latest code without a restart.
    """
    return mo.watch.file(module_path(module))


def exercise_module(module: str, watched: object = None) -> ModuleType | BrokenModule:
    """Load `exercises_<module>.py` of the current target afresh, never raising.

    Args:
        module: Two-digit module number, e.g. "00".
        watched: The handle from `watch_exercises`; passing it makes the calling cell re-run
            (and so reload the file) each time the learner saves.

    Returns:
        The module, or a `BrokenModule` whose functions raise the import error.
    """
    del watched  # only its presence in the cell matters: marimo re-runs the cell on a save
    try:
        return load_exercises(module)
    except LearnerImportError as error:
        return BrokenModule(module, error)


def module_number(ex: ModuleType | BrokenModule | str) -> str:
    """'00' for the exercise module of module 00 (loaded, broken, or given as text)."""
    if isinstance(ex, str):
        return ex
    if isinstance(ex, BrokenModule):
        return ex.module
    return ex.__name__.rsplit("_", 1)[-1]


@dataclass
class Attempt:
    """The outcome of calling one exercise function from a notebook."""

    name: str
    status: str  # PASSED here means "returned a value", not "correct"
    value: Any = None
    message: str = ""

    @property
    def ok(self) -> bool:
        """True when the function returned a value."""
        return self.status == PASSED

    def view(self, show: Callable[[Any], object] | None = None) -> object:
        """The value (through `show`, if given) or a callout saying why there is none."""
        if self.ok:
            if show is None:
                return self.value
            try:
                return show(self.value)
            except Exception as exc:  # e.g. formatting a str as a percentage
                return mo.callout(
                    mo.md(
                        f"`{self.name}` returned `{self.value!r}`, which could not be shown "
                        f"({type(exc).__name__}: {exc}). Check the type it returns."
                    ),
                    kind="danger",
                )
        if self.status == NOT_ATTEMPTED:
            return mo.callout(
                mo.md(
                    f"`{self.name}` is **not attempted yet**. Write it in your exercise "
                    "file; this cell re-runs when you save."
                ),
                kind="warn",
            )
        return mo.callout(
            mo.md(f"`{self.name}` raised an error:\n\n```\n{self.message}\n```"), kind="danger"
        )


def attempt(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Attempt:
    """Call a learner's function and capture the outcome instead of raising."""
    name = getattr(function, "__name__", "function")
    try:
        return Attempt(name, PASSED, function(*args, **kwargs))
    except NotImplementedError:
        return Attempt(name, NOT_ATTEMPTED)
    except Exception as exc:  # a learner's bug must not stop the notebook
        return Attempt(name, FAILED, message=f"{type(exc).__name__}: {exc}")


def _exercise_card(exercise: str, results: list[TestResult]) -> object:
    outcomes = {r.outcome for r in results}
    status = (
        FAILED if FAILED in outcomes else NOT_ATTEMPTED if NOT_ATTEMPTED in outcomes else PASSED
    )
    passed = sum(r.outcome == PASSED for r in results)
    parts: list[object] = [
        mo.md(f"**`{exercise}`**: {_ICON[status]} ({passed}/{len(results)} checks)")
    ]
    for failed in (r for r in results if r.outcome == FAILED):
        parts.append(mo.md(f"```\n{failed.message}\n```"))
        if failed.hints:
            hints = "\n".join(f"{i}. {h}" for i, h in enumerate(failed.hints, start=1))
            parts.append(mo.accordion({f"Hints ({len(failed.hints)})": mo.md(hints)}))
    return mo.callout(mo.vstack(parts), kind=_KIND[status])


def check_panel(ex: ModuleType | BrokenModule | str) -> object:
    """Run the graders of `ex`'s module and show one callout per exercise.

    Pass the module from `exercise_module` (not just its number) so the panel's cell re-runs
    whenever that module is reloaded.
    """
    module = module_number(ex)
    started = time.perf_counter()
    try:
        results = run_graders([module])
    except GraderRunError as error:
        return mo.callout(mo.md(f"The checks could not run:\n\n```\n{error}\n```"), kind="danger")
    seconds = time.perf_counter() - started
    when = (
        "unchanged since it was last graded"
        if results.from_cache
        else f"graded in {seconds:.1f} s"
    )
    by_exercise: dict[str, list[TestResult]] = {}
    for result in results:
        by_exercise.setdefault(result.exercise, []).append(result)
    summary = summarize(results).get(module)
    title = get_module(module).title
    headline = summary.line() if summary else f"Module {module}: no grader tests found"
    header = mo.md(
        f"### Your checks: {title}\n{headline} "
        f"(`{current_target()}/` {when}; same tests as "
        f"`uv run pytest exercises/test_exercises_{module}.py`)"
    )
    return mo.vstack([header, *(_exercise_card(n, rs) for n, rs in by_exercise.items())])
