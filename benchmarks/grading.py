"""Notebook run time, full grading time and the in-notebook check time, per module.

- notebooks: `marimo export session` runs a notebook headless in a real kernel, as the
  project's notebook test does; timed against the stubs and against the solutions;
- graders: the README's grading command on the reference solutions,
  `MLCOURSE_TARGET=solutions uv run pytest exercises/`;
- check panel: `mlcourse.runner.run_graders([module])`, the call behind each notebook's
  check panel (a fresh pytest process on one module's graders).

The check panel keeps its results in `.mlcourse/grader-cache/` under a digest of the files
they depend on, so two cases are timed: the first open after a change (cache emptied: the
graders run) and a re-open with nothing changed (results read back).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import (
    ROOT,
    NotAvailable,
    Row,
    child_env,
    repeat,
    seconds_row,
    skipped,
)

NOTEBOOK_LIMIT = 10.0  # s for a notebook to run headless
GRADING_LIMIT = 30.0  # s for every grader on the solutions
CHECK_LIMIT = 3.0  # s for one module's check panel
TARGETS = ("exercises", "solutions")


def notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))


def run_notebook(notebook: Path, target: str) -> None:
    """Run `notebook` headless against `target` in a scratch folder; raise if it fails."""
    with tempfile.TemporaryDirectory(prefix="mlcourse-nb-") as tmp:
        copy = Path(tmp) / notebook.name
        shutil.copy(notebook, copy)
        shutil.copy(ROOT / "pyproject.toml", Path(tmp) / "pyproject.toml")  # marimo settings
        command = [sys.executable, "-m", "marimo", "export", "session", str(copy),
                   "--force-overwrite"]  # fmt: skip
        env = child_env(MLCOURSE_TARGET=target, MLCOURSE_ROOT=str(ROOT))
        done = subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True,
                              timeout=600, check=False)  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"{notebook.name} ({target}) failed:\n{done.stderr[-1500:]}")


def clear_grader_cache() -> None:
    """Forget every cached grader result, so the next check panel grades for real."""
    from mlcourse.runner import CACHE_DIR

    shutil.rmtree(ROOT / CACHE_DIR, ignore_errors=True)


def notebook_rows(times: int) -> list[Row]:
    found = notebooks()
    if not found:
        return [skipped("notebook headless run", "no notebooks/NN_*.py")]
    rows = []
    for notebook in found:
        for target in TARGETS:
            clear_grader_cache()
            first = repeat(lambda n=notebook, t=target: run_notebook(n, t), 1)
            again = repeat(lambda n=notebook, t=target: run_notebook(n, t), times)
            rows.append(seconds_row("notebook headless run",
                                    f"{notebook.stem} ({target}), first open",
                                    first, NOTEBOOK_LIMIT, "the check panel grades"))
            rows.append(seconds_row("notebook headless run", f"{notebook.stem} ({target}), re-open",
                                    again, NOTEBOOK_LIMIT, "check results read from the cache"))
    return rows  # fmt: skip


def grading_rows(times: int) -> list[Row]:
    if not list((ROOT / "exercises").glob("test_exercises_*.py")):
        return [skipped("graders on solutions", "no exercises/test_exercises_NN.py")]
    env = child_env(MLCOURSE_TARGET="solutions")
    outcomes: list[str] = []

    def grade() -> None:
        done = subprocess.run(["uv", "run", "pytest", "exercises/"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=900, check=False)
        lines = done.stdout.strip().splitlines()
        outcomes.append(lines[-1].strip("= ") if lines else f"exit code {done.returncode}")

    samples = repeat(grade, times)
    # A grader failing on a solution is news, but the time is still worth knowing.
    note = "" if all("failed" not in o for o in outcomes) else f"last run: {outcomes[-1]}"
    return [seconds_row("graders on solutions",
                        "`MLCOURSE_TARGET=solutions uv run pytest exercises/`", samples,
                        GRADING_LIMIT, note)]  # fmt: skip


def check_rows(times: int) -> list[Row]:
    try:
        from mlcourse.runner import grader_files, run_graders
    except ImportError as error:
        raise NotAvailable(f"mlcourse.runner ({error})") from error
    modules = [f.stem.removeprefix("test_exercises_") for f in grader_files()]
    if not modules:
        return [skipped("check panel", "no grader files")]
    rows = []
    for module in modules:
        for target in TARGETS:
            graded = repeat(
                lambda m=module, t=target: run_graders([m], target=t, cache="refresh"), times
            )
            cached = repeat(lambda m=module, t=target: run_graders([m], target=t), times)
            rows.append(seconds_row("check panel (`run_graders`)",
                                    f"module {module} ({target}), after a save",
                                    graded, CHECK_LIMIT, "graders run"))
            rows.append(seconds_row("check panel (`run_graders`)",
                                    f"module {module} ({target}), unchanged",
                                    cached, CHECK_LIMIT, "read from the cache"))
    return rows  # fmt: skip
