"""Run grader tests in a fresh Python process and read their results.

The notebook check panel and `mlcourse progress` both come through here, so they run exactly
the tests that `pytest exercises/` runs, with the same plugin, and a learner's infinite loop
or crash can never take the notebook kernel down with it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mlcourse.loading import current_target, module_path
from mlcourse.paths import data_dir, environment, exercises_dir, project_root
from mlcourse.results import TestResult, read_report

RUN_TIMEOUT = 300.0  # seconds for a whole grader run before we give up on it
CACHE_DIR = Path(".mlcourse") / "grader-cache"  # inside the course folder; git-ignores itself


class GraderRunError(RuntimeError):
    """The grader run itself could not produce results."""


class GraderResults(list[TestResult]):
    """The results of a grader run; `from_cache` tells whether they were read from the cache."""

    def __init__(self, results: list[TestResult], from_cache: bool = False) -> None:
        super().__init__(results)
        self.from_cache = from_cache


def grader_files(modules: list[str] | None = None) -> list[Path]:
    """The grader files present, optionally only for the given module numbers."""
    files = sorted(exercises_dir().glob("test_exercises_*.py"))
    if modules is not None:
        files = [f for f in files if f.stem.removeprefix("test_exercises_") in modules]
    return files


def _fingerprint(files: list[Path], target: str, tests: list[str] | None) -> str:
    """A digest of everything a grader run's results depend on.

    The graders, the graded exercise files, hints, the grading plugin and the whole `mlcourse`
    package, the data files (names and sizes), the lock file and the Python version. Editing
    any of them, or a learner saving their exercise file, gives a new digest.
    """
    digest = hashlib.sha256(repr((sys.version, target, sorted(tests or []))).encode())
    numbers = [f.stem.removeprefix("test_exercises_") for f in files]
    package = sorted(Path(__file__).parent.rglob("*.py"))
    inputs = [
        *files,
        *(module_path(n, target) for n in numbers),
        *(exercises_dir() / f"hints_{n}.toml" for n in numbers),
        exercises_dir() / "conftest.py",
        project_root() / "uv.lock",
        *package,
    ]
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"<absent>")
    for path in sorted(data_dir().glob("*.csv")):
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return digest.hexdigest()[:32]


def _cache_folder() -> Path:
    folder = project_root() / CACHE_DIR
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        # The cache is a by-product: keep it out of git without touching .gitignore.
        (folder.parent / ".gitignore").write_text("*\n", encoding="utf-8")
    return folder


def run_graders(
    modules: list[str] | None = None,
    target: str | None = None,
    tests: list[str] | None = None,
    variants: dict[str, Path | tuple[Path, list[str]]] | None = None,
    timeout: float = RUN_TIMEOUT,
    cache: str = "use",
) -> GraderResults:
    """Run the graders of `modules` (default: all) against `target`; return every result.

    `tests` keeps only grader tests with these function names (pytest `-k`). `variants`
    (name -> exercise file, or name -> (exercise file, test names)) grades each of those files
    instead of the target, in one run, on every test or on its own test names.
    `timeout` bounds the whole run, in seconds.

    Results are kept in `.mlcourse/grader-cache/` under a digest of every file they depend on
    (see `_fingerprint`), so re-opening a notebook whose exercise file has not changed shows
    its checks at once. `cache="use"` reads and writes that cache, `"refresh"` always runs
    the graders and writes the result, `"off"` neither. Runs with `variants` are never cached.

    Raises:
        GraderRunError: if pytest could not run or wrote no report (its output is included).
    """
    files = grader_files(modules)
    if not files:
        return GraderResults([])
    cached = None
    if cache != "off" and not variants:
        key = _fingerprint(files, current_target(target), tests)
        cached = _cache_folder() / f"{key}.json"
        if cache == "use" and cached.is_file():
            try:
                return GraderResults(read_report(cached), from_cache=True)
            except (OSError, ValueError, KeyError, TypeError):
                cached.unlink(missing_ok=True)  # unreadable: run the graders again
    results_file = _run(files, target, tests, variants, timeout)
    if cached is not None:
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(results_file, partial)
        os.replace(partial, cached)  # atomic: a concurrent reader sees all of it or nothing
    try:
        return GraderResults(read_report(results_file))
    finally:
        shutil.rmtree(results_file.parent, ignore_errors=True)


def _run(
    files: list[Path],
    target: str | None,
    tests: list[str] | None,
    variants: dict[str, Path | tuple[Path, list[str]]] | None,
    timeout: float,
) -> Path:
    """Run pytest on `files` in a fresh process; return the path of its JSON report."""
    env = environment() | {
        "MLCOURSE_TARGET": current_target(target),
        "MLCOURSE_ROOT": str(project_root()),
    }
    tmp = tempfile.mkdtemp(prefix="mlcourse-grading-")
    try:
        report = Path(tmp) / "report.json"
        if variants:
            listing = Path(tmp) / "variants.json"
            specs = {
                name: {"file": str(v[0]), "tests": sorted(v[1])} if isinstance(v, tuple) else str(v)
                for name, v in variants.items()
            }
            listing.write_text(json.dumps(specs), "utf-8")
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
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return report
