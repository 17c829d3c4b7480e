"""Shared fixtures for the project's own tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mlcourse.paths import project_root

ROOT = project_root()


@pytest.fixture
def course_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Build a throwaway course folder and point the toolkit at it (`MLCOURSE_ROOT`).

    The copy has the real `pyproject.toml`, `exercises/conftest.py`, the module's graders and
    hints, and `data/` linked in; the exercise file is whatever source the test passes.
    """

    def build(module: str, exercise_source: str, grader_source: str | None = None) -> Path:
        exercises = tmp_path / "exercises"
        exercises.mkdir(exist_ok=True)
        shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
        shutil.copy(ROOT / "exercises" / "conftest.py", exercises / "conftest.py")
        grader = exercises / f"test_exercises_{module}.py"
        if grader_source is None:
            shutil.copy(ROOT / "exercises" / grader.name, grader)
        else:
            grader.write_text(grader_source, encoding="utf-8")
        hints = ROOT / "exercises" / f"hints_{module}.toml"
        if hints.is_file() and grader_source is None:
            shutil.copy(hints, exercises / hints.name)
        (exercises / f"exercises_{module}.py").write_text(exercise_source, encoding="utf-8")
        if not (tmp_path / "data").exists():
            (tmp_path / "data").symlink_to(ROOT / "data")
        monkeypatch.setenv("MLCOURSE_ROOT", str(tmp_path))
        monkeypatch.setenv("MLCOURSE_TARGET", "exercises")
        return tmp_path

    return build
