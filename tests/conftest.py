"""Shared fixtures for the project's own tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mlcourse.paths import project_root

ROOT = project_root()


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
