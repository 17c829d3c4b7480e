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
import threading
from pathlib import Path

from mlcourse.loading import current_target, module_path
from mlcourse.paths import data_dir, environment, exercises_dir, project_root
from mlcourse.results import TestResult, read_report, write_report

RUN_TIMEOUT = 300.0  # seconds for a whole grader run before we give up on it
CACHE_DIR = Path(".mlcourse") / "grader-cache"  # inside the course folder; git-ignored


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


def _shared_digest(target: str, tests: list[str] | None) -> bytes:
    """The part of every cache key that is the same for all modules of one run.

    The Python version, target and test filter; the grading plugin and the whole `mlcourse`
    package; the lock file; the data files (names and sizes).
    """
    digest = hashlib.sha256(repr((sys.version, target, sorted(tests or []))).encode())
    inputs = [
        exercises_dir() / "conftest.py",
        project_root() / "uv.lock",
        *sorted(Path(__file__).parent.rglob("*.py")),
    ]
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"<absent>")
    for path in sorted(data_dir().glob("*.csv")):
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return digest.digest()


def _fingerprint(grader: Path, target: str, shared: bytes) -> str:
    """The cache key of one module's results: `shared` plus its graders, graded file and hints.

    Editing any of them, or a learner saving their exercise file, gives a new key.
    """
    number = grader.stem.removeprefix("test_exercises_")
    digest = hashlib.sha256(shared)
    for path in (grader, module_path(number, target), exercises_dir() / f"hints_{number}.toml"):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"<absent>")
    return digest.hexdigest()[:32]


def _cache_folder() -> Path:
    folder = project_root() / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
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

    Results are kept in `.mlcourse/grader-cache/`, one entry per module under a digest of
    every file they depend on (`_shared_digest`, `_fingerprint`), so re-opening a notebook
    whose exercise file has not changed shows its checks at once. `cache="use"` reads and
    writes that cache, `"refresh"` always runs the graders and writes the result, `"off"`
    neither. Runs with `variants` are never cached.

    Raises:
        GraderRunError: if pytest could not run or wrote no report (its output is included).
    """
    files = grader_files(modules)
    if not files:
        return GraderResults([])
    if cache == "off" or variants:
        return _graded(files, target, tests, variants, timeout)
    chosen = current_target(target)
    # One cache entry per module, so a run over several modules fills each module's entry.
    shared = _shared_digest(chosen, tests)
    entries = {f: _cache_folder() / f"{_fingerprint(f, chosen, shared)}.json" for f in files}
    by_module: dict[Path, list[TestResult]] = {}
    if cache == "use":
        for file, entry in entries.items():
            try:
                by_module[file] = read_report(entry)
            except FileNotFoundError:
                continue
            except (OSError, ValueError, KeyError, TypeError):
                entry.unlink(missing_ok=True)  # unreadable: grade that module again
    missing = [f for f in files if f not in by_module]
    fresh = _graded(missing, chosen, tests, None, timeout) if missing else []
    for file in missing:
        number = file.stem.removeprefix("test_exercises_")
        by_module[file] = [r for r in fresh if r.module == number]
        partial = entries[file].with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        write_report(by_module[file], partial)
        os.replace(partial, entries[file])  # atomic: a concurrent reader sees all or nothing
    results = [r for f in files for r in by_module[f]]
    return GraderResults(results, from_cache=not missing)


def _graded(
    files: list[Path],
    target: str | None,
    tests: list[str] | None,
    variants: dict[str, Path | tuple[Path, list[str]]] | None,
    timeout: float,
) -> GraderResults:
    results_file = _run(files, target, tests, variants, timeout)
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
        # The graders need only the course's own plugin (exercises/conftest.py); skipping the
        # third-party ones installed for the project's tests saves over a second per run.
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
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
