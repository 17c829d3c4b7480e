"""Score a capstone out of 100 against CAPSTONE_RUBRIC.md: `uv run mlcourse rubric`.

The rubric runs the learner's `exercises/exercises_08.py` (or the reference in `solutions/`)
on the course data, trains it into a fresh temporary MLflow store, serves its API through
FastAPI's TestClient, and reads the documents in `capstone/`. Every item of the rubric is an
objective check (see `rubric_code` and `rubric_docs`); every point lost comes with a reason.
A missing, broken or slow piece costs its own points, never the run: each learner call has a
time limit and every check is guarded.

>>> report = score("solutions")  # doctest: +SKIP
>>> report.total, report.band  # doctest: +SKIP
(100.0, 'hire-ready')
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from threadpoolctl import threadpool_limits

from mlcourse.grading import GraderTimeout
from mlcourse.loading import current_target
from mlcourse.paths import project_root
from mlcourse.rubric_context import Context, Item, Verdict, describe_failure

CATEGORIES: dict[str, int] = {  # category -> points, in report order
    "Business analysis": 10,
    "Data engineering": 15,
    "Feature engineering": 15,
    "Model training": 15,
    "Evaluation": 15,
    "Deployment": 15,  # the course outline's weights add up to 95: serving gets the other 5
    "Monitoring": 10,
    "Documentation": 5,
}
BANDS = (
    (90, "hire-ready"),
    (80, "ready for a junior role"),
    (70, "needs practice"),
    (60, "review weak areas"),
    (0, "redo modules"),
)
REPORT_FILE = "capstone_report.json"  # default JSON report, in the project root


def items() -> list[Item]:
    """Every rubric item, grouped by category in report order."""
    from mlcourse import rubric_code, rubric_docs

    listed = rubric_code.ITEMS + rubric_docs.ITEMS
    order = list(CATEGORIES)
    return sorted(listed, key=lambda item: order.index(item.category))


def band(total: float) -> str:
    """The band of a total score: 'hire-ready' from 90 down to 'redo modules' below 60."""
    return next(name for floor, name in BANDS if total >= floor)


@dataclass
class Line:
    """One scored rubric item."""

    category: str
    rule: str
    points: float
    max_points: int
    reason: str = ""
    seconds: float = 0.0  # time the check took, shared steps it ran first included


@dataclass
class Report:
    """A scored capstone: every line, the totals, and the model's measured scores."""

    target: str
    lines: list[Line] = field(default_factory=list)
    measurements: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total(self) -> float:
        """Points awarded, out of 100."""
        return round(sum(line.points for line in self.lines), 1)

    @property
    def band(self) -> str:
        """The band of the total."""
        return band(self.total)

    def category(self, name: str) -> float:
        """Points awarded in one category."""
        return sum(line.points for line in self.lines if line.category == name)

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        """The report back from its JSON form (`as_dict`)."""
        lines = [Line(**item) for item in data["items"]]
        return cls(data["target"], lines, dict(data["measurements"]), float(data["seconds"]))

    def as_dict(self) -> dict:
        """The report as plain data, for JSON."""
        categories = {
            name: {"points": self.category(name), "max": most} for name, most in CATEGORIES.items()
        }
        return {
            "target": self.target,
            "total": self.total,
            "max": sum(CATEGORIES.values()),
            "band": self.band,
            "seconds": round(self.seconds, 1),
            "categories": categories,
            "items": [asdict(line) for line in self.lines],
            "measurements": self.measurements,
        }


def judge(item: Item, ctx: Context) -> Line:
    """Run one item's check; any failure costs the item's points, with the reason."""
    started = time.perf_counter()
    try:
        result = item.check(ctx)
    except (Exception, GraderTimeout, SystemExit) as error:
        result = Verdict(0, describe_failure(error))
    points = min(max(float(result.points), 0.0), float(item.points))
    reason = result.reason if points < item.points else ""
    if points < item.points and not reason:
        reason = "not met"
    seconds = time.perf_counter() - started
    return Line(item.category, item.rule, points, item.points, reason, seconds)


@contextlib.contextmanager
def sandbox(workdir: Path) -> Iterator[None]:
    """Run learner code in `workdir`, quietly, one thread per model, no MLflow telemetry."""
    import sklearn.ensemble  # noqa: F401 (loads OpenMP now, so the thread limit below binds it)

    settings = {"MLFLOW_DISABLE_TELEMETRY": "true", "MLFLOW_LOGGING_LEVEL": "ERROR"}
    saved = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    quiet = io.StringIO()
    mlflow_log = logging.getLogger("mlflow")
    level = mlflow_log.level
    mlflow_log.setLevel(logging.ERROR)
    try:
        with (
            contextlib.chdir(workdir),
            warnings.catch_warnings(),
            contextlib.redirect_stdout(quiet),
            threadpool_limits(limits=1),
        ):
            warnings.simplefilter("ignore")
            yield
    finally:
        mlflow_log.setLevel(level)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def score(target: str | None = None) -> Report:
    """Score the capstone of `target` ("exercises", the default, or "solutions")."""
    chosen = current_target(target)
    report = Report(chosen)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mlcourse-rubric-") as folder:
        workdir = Path(folder)
        with sandbox(workdir):
            ctx = Context(chosen, workdir)
            report.lines = [judge(item, ctx) for item in items()]
        report.measurements = dict(ctx.measurements)
    report.seconds = time.perf_counter() - started
    return report


def format_report(report: Report) -> str:
    """The report as text: a table per category, a reason under every lost point."""
    out = [f"Capstone rubric: {report.target}/exercises_08.py and {report.target}/capstone/"]
    for name, most in CATEGORIES.items():
        out.append(f"\n{name:<58} {report.category(name):>5g} / {most}")
        for line in (x for x in report.lines if x.category == name):
            out.append(f"  [{line.points:g}/{line.max_points}] {line.rule}")
            if line.reason:
                out.append(f"        lost: {line.reason[:400]}")
    if report.measurements:
        shown = ", ".join(f"{k} {v:.3f}" for k, v in report.measurements.items())
        out.append(f"\nHeld-out measurements: {shown}")
    out.append(
        f"\nTotal: {report.total:g} / 100  ->  {report.band} (scored in {report.seconds:.0f} s)"
    )
    return "\n".join(out)


def run(solutions: bool = False, json_path: Path | None = None) -> int:
    """The `mlcourse rubric` command: score, print, write the JSON report; return 0."""
    target = "solutions" if solutions else None
    print(
        f"Scoring the capstone in {current_target(target)}/ (training takes a minute) ...",
        flush=True,
    )
    report = score(target)
    print(format_report(report))
    path = Path(json_path) if json_path else project_root() / REPORT_FILE
    path.write_text(json.dumps(report.as_dict(), indent=1), encoding="utf-8")
    print(f"JSON report: {path}")
    return 0
