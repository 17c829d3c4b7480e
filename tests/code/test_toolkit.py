"""Unit tests of the toolkit's loader, results model and command line."""

from __future__ import annotations

import sys

import pytest

from mlcourse import cli
from mlcourse.loading import LearnerImportError, current_target, load_exercises
from mlcourse.results import TestResult, next_exercise, progress_bar, summarize


def test_target_defaults_to_exercises_and_rejects_unknown_values(monkeypatch) -> None:
    monkeypatch.delenv("MLCOURSE_TARGET", raising=False)
    assert current_target() == "exercises"
    monkeypatch.setenv("MLCOURSE_TARGET", "solutions")
    assert current_target() == "solutions"
    with pytest.raises(ValueError, match="must be one of"):
        current_target("answers")


def test_loader_keeps_targets_apart_and_leaves_sys_path_alone(course_copy) -> None:
    root = course_copy("00", "VALUE = 'stub'\n", "def test_x(ex):\n    pass\n")
    (root / "solutions").mkdir()
    (root / "solutions" / "exercises_00.py").write_text("VALUE = 'solution'\n")
    path_before = list(sys.path)
    assert load_exercises("00", "exercises").VALUE == "stub"
    assert load_exercises("00", "solutions").VALUE == "solution"
    assert sys.path == path_before


def test_loader_reports_a_missing_file_clearly(course_copy) -> None:
    course_copy("00", "", "def test_x(ex):\n    pass\n")
    with pytest.raises(LearnerImportError, match="does not exist"):
        load_exercises("00", "solutions")


@pytest.mark.parametrize(
    ("done", "total", "bar"),
    [(0, 0, "[----]   0%"), (0, 4, "[----]   0%"), (1, 4, "[#---]  25%"), (4, 4, "[####] 100%")],
)
def test_progress_bar_fills_in_proportion(done: int, total: int, bar: str) -> None:
    assert progress_bar(done, total, width=4) == bar


def test_summary_counts_outcomes_and_finds_the_next_exercise() -> None:
    results = [
        TestResult("00", "t1", "a", "passed"),
        TestResult("00", "t2", "b", "failed"),
        TestResult("00", "t3", "c", "not attempted"),
    ]
    summary = summarize(results)["00"]
    assert summary.line() == "Module 00: 1/3 passed, 1 not attempted, 1 failed"
    upcoming = next_exercise(results)
    assert upcoming is not None and upcoming.exercise == "b"


def test_progress_command_shows_bars_and_the_next_exercise(capsys) -> None:
    assert cli.main(["progress", "00"]) == 0
    out = capsys.readouterr().out
    assert "ML in business context" in out and "[" in out
    assert "Next: `" in out and "exercises/exercises_00.py" in out


def test_progress_command_reports_full_marks_on_the_solutions(capsys) -> None:
    assert cli.main(["progress", "--target", "solutions", "00"]) == 0
    out = capsys.readouterr().out
    assert "100%" in out and "Everything passes" in out


def test_progress_command_groups_modules_by_track(capsys) -> None:
    assert cli.main(["progress", "00", "10"]) == 0
    out = capsys.readouterr().out
    core, foundations = out.index("Core modules"), out.index("Foundations and deep dives")
    assert core < out.index("ML in business context") < foundations < out.index("Python for ML")


def test_every_module_belongs_to_a_known_track() -> None:
    from mlcourse.catalog import MODULES, TRACKS

    assert {m.track for m in MODULES} <= set(TRACKS)
    assert [m.number for m in MODULES] == sorted(m.number for m in MODULES)
