"""Grader validity: every grader passes on the solution, reports 'not attempted' on the
untouched stub, and rejects each plausible wrong answer in `tests/wrong_answers/`."""

from __future__ import annotations

import ast
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import background

from mlcourse.catalog import MODULES
from mlcourse.results import FAILED, NOT_ATTEMPTED, PASSED, TestResult
from mlcourse.runner import run_graders

ROOT = Path(__file__).resolve().parents[2]
WRONG = ROOT / "tests" / "wrong_answers"
MODULE_NUMBERS = [
    m.number for m in MODULES if (ROOT / "exercises" / f"test_exercises_{m.number}.py").is_file()
]
WRONG_ANSWERS = sorted(WRONG.glob("m[0-9][0-9]_*.py"))


BACKGROUND_PRIORITY = 0  # order of the background jobs (tests/conftest.py)


def background_jobs(item: pytest.Item) -> dict:
    """The slow runs `item` needs, started in the background as soon as tests are collected.

    The solutions of every module are graded in one pytest run, and so are the stubs (one
    process start instead of one per module). Both refresh the grader cache, module by
    module, so the notebooks' check panels, run later in this session on the same files,
    read their results instead of grading again.
    """
    params = getattr(item, "callspec", None)
    params = params.params if params else {}
    if item.originalname == "test_graders_pass_on_the_solution":
        return {("graders", "solutions"): lambda: _graded("solutions")}
    if item.originalname == "test_every_grader_reports_not_attempted_on_the_stub":
        return {("graders", "exercises"): lambda: _graded("exercises")}
    if "wrong" in params:
        module = params["wrong"].stem[1:3]
        return {("wrong answers", module): lambda: _wrong_answer_outcomes(module)}
    return {}


def _graded(target: str) -> dict[str, list[TestResult]]:
    """Every module's results on `target`, by module number."""
    results = run_graders(MODULE_NUMBERS, target=target, cache="refresh", timeout=1800)
    by_module: dict[str, list[TestResult]] = {number: [] for number in MODULE_NUMBERS}
    for result in results:
        by_module.setdefault(result.module, []).append(result)
    return by_module


def _base_name(result: TestResult) -> str:
    return result.test.split("[")[0]


def _rejected_by(path: Path) -> list[str]:
    """The REJECTED_BY list a wrong-answer file declares (read without running it)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "REJECTED_BY":
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{path.name} declares no REJECTED_BY list")


def test_every_module_in_the_catalog_has_all_its_parts() -> None:
    for module in MODULES:
        for part in (
            f"exercises/exercises_{module.number}.py",
            f"exercises/test_exercises_{module.number}.py",
            f"solutions/exercises_{module.number}.py",
            f"notebooks/{module.notebook}",
        ):
            assert (ROOT / part).is_file(), f"module {module.number} lacks {part}"


@pytest.mark.parametrize("module", MODULE_NUMBERS)
def test_graders_pass_on_the_solution(module: str) -> None:
    results = background.result(("graders", "solutions"))[module]
    assert results, f"module {module}: no grader test ran"
    wrong = [f"{r.test}: {r.outcome}: {r.message}" for r in results if r.outcome != PASSED]
    assert not wrong, "graders fail on the reference solution:\n" + "\n".join(wrong)


@pytest.mark.parametrize("module", MODULE_NUMBERS)
def test_every_grader_reports_not_attempted_on_the_stub(module: str) -> None:
    results = background.result(("graders", "exercises"))[module]
    assert results, f"module {module}: no grader test ran"
    wrong = [f"{r.test}: {r.outcome}: {r.message}" for r in results if r.outcome != NOT_ATTEMPTED]
    assert not wrong, "on the untouched stubs these did not report 'not attempted':\n" + "\n".join(
        wrong
    )


@pytest.mark.parametrize("module", MODULE_NUMBERS)
def test_each_module_has_wrong_answers_to_reject(module: str) -> None:
    assert any(p.name.startswith(f"m{module}_") for p in WRONG_ANSWERS), (
        f"module {module} has no wrong answers in tests/wrong_answers/"
    )


def _wrong_answer_outcomes(module: str) -> dict[str, dict[str, set[str]]]:
    """Grade every wrong answer of `module` in one pytest run.

    Returns wrong-answer name -> grader test name -> the outcomes of its cases.
    """
    solution = (ROOT / "solutions" / f"exercises_{module}.py").read_text(encoding="utf-8")
    folder = Path(tempfile.mkdtemp(prefix=f"wrong_{module}_"))
    variants, names = {}, set()
    for wrong in WRONG_ANSWERS:
        if wrong.name.startswith(f"m{module}_"):
            path = folder / wrong.name
            path.write_text(f"{solution}\n\n# --- wrong answer under test ---\n{wrong.read_text()}")
            variants[wrong.stem] = (path, _rejected_by(wrong))
            names |= set(_rejected_by(wrong))
    try:
        results = run_graders([module], tests=sorted(names), variants=variants, timeout=1800)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    outcomes: dict[str, dict[str, set[str]]] = {name: {} for name in variants}
    for result in results:
        outcomes[result.variant].setdefault(_base_name(result), set()).add(result.outcome)
    return outcomes


@pytest.mark.parametrize("wrong", WRONG_ANSWERS, ids=[p.stem for p in WRONG_ANSWERS])
def test_graders_reject_the_wrong_answer(wrong: Path) -> None:
    expected = _rejected_by(wrong)
    outcomes = background.result(("wrong answers", wrong.stem[1:3]))[wrong.stem]
    missing = [name for name in expected if name not in outcomes]
    assert not missing, f"{wrong.name}: REJECTED_BY names unknown grader tests {missing}"
    accepted = [name for name in expected if FAILED not in outcomes[name]]
    assert not accepted, f"{wrong.name} was not rejected by {accepted}"


def _grader_tests(module: str) -> set[str]:
    """Names of the test functions in a module's grader file."""
    tree = ast.parse((ROOT / "exercises" / f"test_exercises_{module}.py").read_text("utf-8"))
    return {
        n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")
    }


@pytest.mark.parametrize("module", MODULE_NUMBERS)
def test_every_grader_test_is_failed_by_some_wrong_answer(module: str) -> None:
    covered = set()
    for wrong in WRONG_ANSWERS:
        if wrong.name.startswith(f"m{module}_"):
            covered |= set(_rejected_by(wrong))
    unproven = sorted(_grader_tests(module) - covered)
    assert not unproven, (
        f"module {module}: no wrong answer in tests/wrong_answers/ is expected to fail {unproven}; "
        "add one (and list the test in its REJECTED_BY) so the test is shown able to fail"
    )
