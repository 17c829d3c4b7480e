"""Run grader tests in a fresh Python process and read their results.

The notebook check panel and `mlcourse progress` both come through here, so they run exactly
the tests that `pytest exercises/` runs, with the same plugin, and a learner's infinite loop
or crash can never take the notebook kernel down with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from mlcourse.loading import current_target
from mlcourse.paths import exercises_dir, project_root
from mlcourse.results import TestResult, read_report

RUN_TIMEOUT = 300.0  # seconds for a whole grader run before we give up on it


class GraderRunError(RuntimeError):
    """The grader run itself could not produce results."""


def grader_files(modules: list[str] | None = None) -> list[Path]:
    """The grader files present, optionally only for the given module numbers."""
    files = sorted(exercises_dir().glob("test_exercises_*.py"))
    if modules is not None:
        files = [f for f in files if f.stem.removeprefix("test_exercises_") in modules]
    return files


def run_graders(
    modules: list[str] | None = None,
    target: str | None = None,
    tests: list[str] | None = None,
    variants: dict[str, Path] | None = None,
    timeout: float = RUN_TIMEOUT,
) -> list[TestResult]:
    """Run the graders of `modules` (default: all) against `target`; return every result.

    `tests` keeps only grader tests with these function names (pytest `-k`). `variants`
    (name -> exercise file) grades each of those files instead of the target, in one run.
    `timeout` bounds the whole run, in seconds.

    Raises:
        GraderRunError: if pytest could not run or wrote no report (its output is included).
    """
    files = grader_files(modules)
    if not files:
        return []
    env = os.environ | {
        "MLCOURSE_TARGET": current_target(target),
        "MLCOURSE_ROOT": str(project_root()),
    }
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        if variants:
            listing = Path(tmp) / "variants.json"
            listing.write_text(json.dumps({k: str(v) for k, v in variants.items()}), "utf-8")
            env["MLCOURSE_VARIANTS"] = str(listing)
        command = [
            sys.executable,
            "-m",
            "pytest",
            *map(str, files),
            "-q",
            "--no-header",
            "-p",
            "no:cacheprovider",
            f"--mlcourse-report={report}",
            "--tb=no",  # results come from the JSON report; skip formatting tracebacks
        ]
        if tests:
            command += ["-k", " or ".join(tests)]
        try:
            done = subprocess.run(
                command,
                cwd=project_root(),
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise GraderRunError(f"the graders did not finish within {timeout:g} s") from exc
        if not report.is_file():
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-15:])
            raise GraderRunError(f"pytest exited with code {done.returncode}:\n{tail}")
        return read_report(report)
