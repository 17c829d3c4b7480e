"""Grader results as data: what the plugin records, the panel shows and `progress` sums up."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mlcourse.paths import exercises_dir

PASSED, NOT_ATTEMPTED, FAILED = "passed", "not attempted", "failed"


@dataclass
class TestResult:
    """The outcome of one grader test."""

    __test__ = False  # a data class, not a test case for pytest to collect
    module: str
    test: str
    exercise: str
    outcome: str  # PASSED, NOT_ATTEMPTED or FAILED
    message: str = ""
    hints: list[str] = field(default_factory=list)
    seconds: float = 0.0
    variant: str = ""  # which file was graded, when several are (see MLCOURSE_VARIANTS)


@dataclass
class ModuleSummary:
    """Counts of outcomes for one module."""

    module: str
    passed: int = 0
    not_attempted: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        """Number of grader tests run."""
        return self.passed + self.not_attempted + self.failed

    def line(self) -> str:
        """One line such as 'Module 00: 4/6 passed, 2 not attempted, 0 failed'."""
        return (
            f"Module {self.module}: {self.passed}/{self.total} passed, "
            f"{self.not_attempted} not attempted, {self.failed} failed"
        )


def load_hints(module: str) -> dict[str, list[str]]:
    """Read `exercises/hints_<module>.toml`: exercise name -> hints, general to specific."""
    path = exercises_dir() / f"hints_{module}.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {name: list(entry.get("hints", [])) for name, entry in data.items()}


def summarize(results: Iterable[TestResult]) -> dict[str, ModuleSummary]:
    """Group results by module, in module order."""
    summaries: dict[str, ModuleSummary] = {}
    for result in sorted(results, key=lambda r: r.module):
        summary = summaries.setdefault(result.module, ModuleSummary(result.module))
        if result.outcome == PASSED:
            summary.passed += 1
        elif result.outcome == NOT_ATTEMPTED:
            summary.not_attempted += 1
        else:
            summary.failed += 1
    return summaries


def next_exercise(results: Iterable[TestResult]) -> TestResult | None:
    """The first exercise, in course order, with a test that did not pass."""
    for result in results:
        if result.outcome != PASSED:
            return result
    return None


def progress_bar(done: int, total: int, width: int = 20) -> str:
    """A text bar such as '[########------------]  40%'."""
    share = done / total if total else 0.0
    filled = round(share * width)
    return f"[{'#' * filled}{'-' * (width - filled)}] {share:4.0%}"


def write_report(results: Iterable[TestResult], path: Path) -> None:
    """Write results as JSON (a list of objects) for the panel and `progress`."""
    path.write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")


def read_report(path: Path) -> list[TestResult]:
    """Read a report written by `write_report`."""
    return [TestResult(**row) for row in json.loads(path.read_text(encoding="utf-8"))]
