"""Shared fixtures for the project's own tests."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from mlcourse.paths import pinned, project_root

ROOT = project_root()
WORKERS_ENV = "MLCOURSE_TEST_WORKERS"  # background processes at once (default: CPU count)


class Background:
    """Slow subprocess runs (grader runs, notebook exports) started right after collection.

    Test modules declare them with a function `background_jobs(item) -> {key: job}`; every
    selected test's jobs are queued once, in collection order, and run `workers` at a time
    while the other tests go on. A test then waits for its result with `result(key)`. The
    work is the same as running each job inside its test; only the waiting overlaps.
    """

    def __init__(self) -> None:
        self._jobs: dict[Hashable, Future[Any]] = {}
        self._pool: ThreadPoolExecutor | None = None
        self.seconds: dict[Hashable, float] = {}  # wall time of each finished job

    def start(self, jobs: dict[Hashable, Callable[[], Any]]) -> None:
        workers = int(os.environ.get(WORKERS_ENV) or os.cpu_count() or 1)
        self._pool = ThreadPoolExecutor(max(1, workers), thread_name_prefix="background")
        # Tests in the main thread point MLCOURSE_ROOT at throwaway courses; the jobs keep
        # the course and the environment of this moment.
        root, environ = project_root(), dict(os.environ)

        def run(key: Hashable, job: Callable[[], Any]) -> Any:
            started = time.perf_counter()
            try:
                with pinned(root, environ):
                    return job()
            finally:
                self.seconds[key] = time.perf_counter() - started

        for key, job in jobs.items():
            self._jobs[key] = self._pool.submit(run, key, job)

    def result(self, key: Hashable) -> Any:
        """The job's return value (waiting for it), or the exception it raised."""
        if key not in self._jobs:
            raise KeyError(f"no background job {key!r} was queued for the selected tests")
        return self._jobs[key].result()

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


background = Background()


def pytest_collection_finish(session: pytest.Session) -> None:
    jobs: dict[Hashable, tuple[int, Callable[[], Any]]] = {}
    for item in session.items:
        module = getattr(item, "module", None)
        declare = getattr(module, "background_jobs", None)
        if declare is not None:
            # Lower first: the grader runs fill the cache the notebooks' panels then read.
            priority = getattr(module, "BACKGROUND_PRIORITY", 5)
            for key, job in declare(item).items():
                jobs.setdefault(key, (priority, job))
    if jobs and not session.config.option.collectonly:
        ordered = sorted(jobs.items(), key=lambda entry: entry[1][0])  # stable within a level
        background.start({key: job for key, (_, job) in ordered})


def pytest_sessionfinish(session: pytest.Session) -> None:
    background.stop()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    slowest = sorted(background.seconds.items(), key=lambda item: -item[1])[:8]
    if slowest:
        terminalreporter.section("slowest background jobs")
        for key, seconds in slowest:
            terminalreporter.write_line(f"{seconds:7.1f} s  {' / '.join(map(str, key))}")


def build_course(
    dest: Path, module: str, exercise_source: str, grader_source: str | None = None
) -> Path:
    """Build a throwaway course folder in `dest` and return it.

    The copy has the real `pyproject.toml`, `exercises/conftest.py`, the module's graders and
    hints (or `grader_source` instead), `data/` linked in, and `exercise_source` as the
    learner's exercise file.
    """
    exercises = dest / "exercises"
    exercises.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    shutil.copy(ROOT / "exercises" / "conftest.py", exercises / "conftest.py")
    grader = exercises / f"test_exercises_{module}.py"
    if grader_source is None:
        shutil.copy(ROOT / "exercises" / grader.name, grader)
        hints = ROOT / "exercises" / f"hints_{module}.toml"
        if hints.is_file():
            shutil.copy(hints, exercises / hints.name)
    else:
        grader.write_text(grader_source, encoding="utf-8")
    (exercises / f"exercises_{module}.py").write_text(exercise_source, encoding="utf-8")
    if not (dest / "data").exists():
        (dest / "data").symlink_to(ROOT / "data")
    return dest


@pytest.fixture
def course_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """A `build_course` in `tmp_path` that the toolkit then uses (`MLCOURSE_ROOT`)."""

    def build(module: str, exercise_source: str, grader_source: str | None = None) -> Path:
        root = build_course(tmp_path, module, exercise_source, grader_source)
        monkeypatch.setenv("MLCOURSE_ROOT", str(root))
        monkeypatch.setenv("MLCOURSE_TARGET", "exercises")
        return root

    return build
