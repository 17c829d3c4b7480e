"""The pytest plugin behind `pytest exercises/`: three outcomes, time limits, a summary.

`exercises/conftest.py` imports everything from here. For every grader test the plugin
- loads the target's exercise module once per file (the `ex` fixture),
- stops a test that runs past its time limit (`--time-limit`, or `@pytest.mark.time_limit`),
- turns the test's exception into one short message (see `mlcourse.grading`),
- prints "Module 00: 4/6 passed, 2 not attempted, 0 failed" and the next exercise to do,
- writes the results as JSON with `--mlcourse-report PATH` (used by the notebook panel).

For the course's own tests, `MLCOURSE_VARIANTS` may name a JSON file mapping variant names to
exercise files, or to `{"file": ..., "tests": [...]}`: every grader test (or only the named
ones, by function name) then runs once per file, all in one process.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from mlcourse.catalog import get_module
from mlcourse.grading import (
    CALLED,
    LAST_CALL,
    GraderTimeout,
    GradingFailure,
    LearnerError,
    LearnerModule,
    NotAttempted,
    time_limit,
)
from mlcourse.loading import (
    TARGET_ENV,
    LearnerImportError,
    current_target,
    load_exercises,
    load_module_file,
)
from mlcourse.results import (
    FAILED,
    NOT_ATTEMPTED,
    PASSED,
    TestResult,
    load_hints,
    next_exercise,
    progress_bar,
    summarize,
    write_report,
)

DEFAULT_TIME_LIMIT = 10.0  # seconds per grader test
MAX_CAPTURED_LINES = 15  # of a learner's printed output shown under a failure
RESULTS = pytest.StashKey[list[TestResult]]()
_GRADER_FILE = re.compile(r"test_exercises_(\d\d)\.py$")


def module_number(path: Path) -> str | None:
    """'00' for `.../test_exercises_00.py`; None for any other file."""
    match = _GRADER_FILE.search(str(path))
    return match.group(1) if match else None


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mlcourse", "course grading")
    group.addoption(
        "--solutions",
        action="store_true",
        help="grade the reference solutions in solutions/ instead of your exercises/",
    )
    group.addoption(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        help=f"seconds each grader test may run (default {DEFAULT_TIME_LIMIT:g})",
    )
    group.addoption(
        "--mlcourse-report",
        default=None,
        metavar="PATH",
        help="also write every grader result as JSON to PATH",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("solutions"):
        os.environ[TARGET_ENV] = "solutions"
    if config.option.tbstyle == "auto":
        # Every grader failure is replaced by a short message, so pytest's own rich traceback
        # (which re-parses source files for each frame) would be built only to be discarded.
        config.option.tbstyle = "native"
    config.addinivalue_line("markers", "time_limit(seconds): this grader test's time limit")
    config.addinivalue_line("markers", "exercise(name): the exercise this grader test checks")
    config.stash[RESULTS] = []


def pytest_report_header(config: pytest.Config) -> str:
    return f"mlcourse: grading {current_target()}/ (switch with --solutions or {TARGET_ENV})"


VARIANTS_ENV = "MLCOURSE_VARIANTS"


def _variant_specs() -> dict[str, dict]:
    """Variant name -> {"file", "tests"}, from the JSON file `MLCOURSE_VARIANTS` names (if any).

    "tests" is None when every grader test runs on the variant.
    """
    path = os.environ.get(VARIANTS_ENV)
    listing = json.loads(Path(path).read_text(encoding="utf-8")) if path else {}
    return {
        name: spec if isinstance(spec, dict) else {"file": spec, "tests": None}
        for name, spec in listing.items()
    }


def _variants() -> dict[str, str]:
    """Variant name -> exercise file."""
    return {name: spec["file"] for name, spec in _variant_specs().items()}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    variants = _variants()
    if variants and "ex" in metafunc.fixturenames:
        metafunc.parametrize("ex", sorted(variants), indirect=True, scope="module")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With variants that name their tests, run each variant only on those tests."""
    specs = _variant_specs()
    if not any(spec["tests"] is not None for spec in specs.values()):
        return
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        spec = specs.get(str(callspec.params.get("ex", ""))) if callspec else None
        wanted = None if spec is None else spec["tests"]
        name = getattr(item, "originalname", item.name)
        (keep if wanted is None or name in wanted else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="module")
def ex(request: pytest.FixtureRequest) -> LearnerModule:
    """The graded exercise module of this grader file, wrapped for friendly failures."""
    number = module_number(request.path)
    if number is None:
        raise RuntimeError(f"{request.path.name} is not named test_exercises_NN.py")
    variant = getattr(request, "param", None)
    if variant is not None:
        return LearnerModule(load_module_file(Path(_variants()[variant]), f"variant.{variant}"))
    return LearnerModule(load_exercises(number))


def _limit(item: pytest.Item) -> float:
    marker = item.get_closest_marker("time_limit")
    return float(marker.args[0]) if marker else float(item.config.getoption("time_limit"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    CALLED.set([])
    LAST_CALL.set(None)
    with time_limit(_limit(item)):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    with time_limit(_limit(item)):
        return (yield)


def _exercise_name(item: pytest.Item) -> str:
    marker = item.get_closest_marker("exercise")
    if marker:
        return str(marker.args[0])
    called = CALLED.get() or []
    return called[0] if called else item.name.split("[")[0].removeprefix("test_")


def explain(exc: BaseException, limit: float) -> tuple[str, str]:
    """Map a grader test's exception to (outcome, message): headline first, then details."""
    call = LAST_CALL.get()
    called = [f"Called:   {call}"] if call else []
    if isinstance(exc, NotAttempted):
        return NOT_ATTEMPTED, (
            f"{exc} Write its body in your exercise file and delete the "
            "`raise NotImplementedError` line."
        )
    if isinstance(exc, LearnerImportError):
        return FAILED, f"Could not import your exercise file: {exc}"
    if isinstance(exc, GraderTimeout):
        headline = (
            f"Time out: the test did not finish within {limit:g} s. "
            "Is there a loop that never ends, or work repeated inside a loop?"
        )
        return FAILED, "\n".join([headline, *called])
    if isinstance(exc, LearnerError):
        return FAILED, "\n".join([str(exc), *called])
    if isinstance(exc, GradingFailure):
        lines = [exc.message, *called]
        if exc.expected is not None or exc.got is not None:
            lines += [f"Expected: {exc.expected}", f"Got:      {exc.got}"]
        return FAILED, "\n".join(lines)
    if isinstance(exc, AssertionError):
        first = str(exc).splitlines()[0] if str(exc) else "a check on your result failed"
        return FAILED, "\n".join([first, *called])
    if not CALLED.get():
        return FAILED, (
            f"The grader itself failed before calling your code ({type(exc).__name__}: {exc}). "
            "This is a bug in the course, not in your work: please report it."
        )
    headline = (
        f"The grader could not check your result ({type(exc).__name__}: {exc}). "
        "This usually means the result has the wrong type or shape."
    )
    return FAILED, "\n".join([headline, *called])


def _trim(text: str) -> str:
    lines = text.splitlines()
    if len(lines) <= MAX_CAPTURED_LINES:
        return text
    hidden = len(lines) - MAX_CAPTURED_LINES
    return "\n".join([*lines[:MAX_CAPTURED_LINES], f"... ({hidden:,} more lines not shown)"])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report: pytest.TestReport = yield
    number = module_number(item.path)
    if number is None or report.skipped or (report.when != "call" and report.passed):
        return report
    result = TestResult(number, item.name, _exercise_name(item), PASSED, seconds=report.duration)
    callspec = getattr(item, "callspec", None)
    result.variant = str(callspec.params.get("ex", "")) if callspec else ""
    if call.excinfo is not None:
        result.outcome, result.message = explain(call.excinfo.value, _limit(item))
        if result.outcome == FAILED:
            result.hints = load_hints(number).get(result.exercise, [])
        report.outcome = "failed"
        report.longrepr = _longrepr(result)
        report.sections = [(title, _trim(text)) for title, text in report.sections]
    report.mlcourse_outcome = result.outcome  # type: ignore[attr-defined]
    item.config.stash[RESULTS].append(result)
    return report


def _longrepr(result: TestResult) -> str:
    hints = [f"Hint {i}:   {hint}" for i, hint in enumerate(result.hints, start=1)]
    return "\n".join([result.message, *hints])


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    outcome = getattr(report, "mlcourse_outcome", None)
    if outcome == NOT_ATTEMPTED:
        return "not attempted", "n", ("NOT ATTEMPTED", {"yellow": True})
    if outcome == FAILED:
        return "failed", "F", ("FAILED", {"red": True})
    return None


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    results = config.stash.get(RESULTS, [])
    if not results:
        return
    write = terminalreporter.write_line
    terminalreporter.section(f"mlcourse: your progress ({current_target()}/)", sep="=")
    for summary in summarize(results).values():
        write(
            f"{progress_bar(summary.passed, summary.total)}  {summary.line()}"
            f"  - {get_module(summary.module).title}"
        )
    upcoming = next_exercise(results)
    if upcoming is None:
        write("Every exercise graded here passes. Well done.")
        return
    write(
        f"Next: `{upcoming.exercise}` in exercises/exercises_{upcoming.module}.py "
        f"({upcoming.outcome}). The notebook's check panel shows the same results."
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    path = session.config.getoption("mlcourse_report")
    if path:
        write_report(session.config.stash.get(RESULTS, []), Path(path))
