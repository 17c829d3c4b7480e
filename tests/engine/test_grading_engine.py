"""Golden tests of the grading engine on deliberately broken learner code.

Each case must give one short, clear message, and the other tests of the file must still run.
The learner module here is a tiny stand-in with one function per way of going wrong.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build_course

from mlcourse.results import FAILED, NOT_ATTEMPTED, PASSED
from mlcourse.runner import run_graders

LEARNER = """
def good(x: float) -> float:
    return 2 * x

def stub(x: float) -> float:
    raise NotImplementedError

def loops(x: float) -> float:
    while True:
        x += 1

def crashes(x: float) -> float:
    return x / 0

def floods(x: float) -> float:
    for i in range(100_000):
        print("debug line", i)
    return -1.0

def mutates(items: list[int]) -> int:
    items.sort()
    return items[0]

def wrong_type(x: float) -> float:
    return str(2 * x)
"""

GRADER = """
import pytest
from mlcourse.grading import expect_close, expect_equal

def test_good(ex):
    expect_close(ex.good(2.0), 4.0)

def test_stub(ex):
    expect_close(ex.stub(2.0), 4.0)

@pytest.mark.time_limit(1)
def test_loops(ex):
    expect_close(ex.loops(2.0), 4.0)

def test_crashes(ex):
    expect_close(ex.crashes(2.0), 4.0)

def test_floods(ex):
    expect_close(ex.floods(2.0), 4.0)

def test_mutates(ex):
    expect_equal(ex.mutates([3, 1, 2]), 1)

def test_wrong_type(ex):
    expect_close(ex.wrong_type(2.0), 4.0)

def test_grader_bug(ex):
    {}["missing"]
"""

HINTS = (
    '[crashes]\nhints = ["Look at the divisor.", "Division by zero raises ZeroDivisionError."]\n'
)


def _results(course_copy, learner: str = LEARNER) -> dict[str, tuple[str, str]]:
    root = course_copy("00", learner, GRADER)
    (root / "exercises" / "hints_00.toml").write_text(HINTS, encoding="utf-8")
    return {r.test: (r.outcome, r.message) for r in run_graders(["00"])}


def _pytest_output(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "exercises/"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """The outcome and message of each golden case, graded once for the whole file."""
    root = build_course(tmp_path_factory.mktemp("course"), "00", LEARNER, GRADER)
    (root / "exercises" / "hints_00.toml").write_text(HINTS, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLCOURSE_ROOT", str(root))
        patch.setenv("MLCOURSE_TARGET", "exercises")
        return {r.test: (r.outcome, r.message) for r in run_graders(["00"])}


@pytest.mark.parametrize(
    ("test", "outcome", "phrase"),
    [
        ("test_good", PASSED, ""),
        ("test_stub", NOT_ATTEMPTED, "`stub` is not attempted yet"),
        ("test_loops", FAILED, "did not finish within 1 s"),
        ("test_crashes", FAILED, "Your function raised ZeroDivisionError at line 13"),
        ("test_floods", FAILED, "is off by more than"),
        ("test_mutates", FAILED, "changed its argument 1 ([3, 1, 2]) in place"),
        ("test_wrong_type", FAILED, "should be a float, but it is a str"),
        ("test_grader_bug", FAILED, "bug in the course, not in your work"),
    ],
)
def test_each_way_of_going_wrong_gets_its_own_message(outcomes, test, outcome, phrase) -> None:
    got_outcome, message = outcomes[test]
    assert got_outcome == outcome, f"{test}: {got_outcome}: {message}"
    assert phrase in message
    assert len(message.splitlines()) <= 6, f"message is not one short screen:\n{message}"


def test_failure_message_names_the_call_expected_and_got(outcomes) -> None:
    _, message = outcomes["test_wrong_type"]
    assert "Called:   wrong_type(2.0)" in message
    assert "Got:      '4.0'" in message


def test_a_syntax_error_fails_every_test_with_the_line(course_copy) -> None:
    broken = LEARNER.replace("def good(x: float) -> float:", "def good(x: float) -> float")
    results = _results(course_copy, broken)
    assert {outcome for outcome, _ in results.values()} == {FAILED}
    assert all("syntax error at line 2" in message for _, message in results.values())


def test_a_failing_import_is_reported_not_crashed(course_copy) -> None:
    results = _results(course_copy, "import no_such_package_here\n" + LEARNER)
    assert {outcome for outcome, _ in results.values()} == {FAILED}
    _, message = results["test_good"]
    assert "raised ModuleNotFoundError at line 1 while being imported" in message


def test_terminal_output_is_one_screen_per_failure_with_a_module_summary(course_copy) -> None:
    root = course_copy("00", LEARNER, GRADER)
    (root / "exercises" / "hints_00.toml").write_text(HINTS, encoding="utf-8")
    done = _pytest_output(root)
    out = done.stdout
    assert done.returncode == 1
    assert "Module 00: 1/8 passed, 1 not attempted, 6 failed" in out
    assert "more lines not shown" in out, "a flood of printed output must be cut short"
    assert len(out.splitlines()) < 150, "the whole report should fit a few screens"
    assert "Hint 1:   Look at the divisor." in out
    assert "Traceback" not in out
    assert "Next: `stub`" in out


def test_solutions_flag_switches_the_target(course_copy) -> None:
    root = course_copy(
        "00",
        "def good(x):\n    raise NotImplementedError\n",
        "def test_good(ex):\n    assert ex.good(1) == 2\n",
    )
    (root / "solutions").mkdir()
    (root / "solutions" / "exercises_00.py").write_text("def good(x):\n    return 2 * x\n")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "exercises/", "--solutions"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    assert "Module 00: 1/1 passed" in done.stdout
