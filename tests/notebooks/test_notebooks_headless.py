"""Every notebook runs headless with no cell error, against the stubs and the solutions.

`marimo export session` runs the notebook in a real kernel and writes each cell's outputs as
JSON. The exit code alone is not trusted: every cell must have an output that is not an error,
nothing may print a traceback, and the check panel must report what the target implies.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import background

from mlcourse.paths import environment

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))
CELL_DECORATOR = re.compile(r"^@app\.(cell|function)\b", re.MULTILINE)
PANEL = re.compile(r"Module (\d\d): (\d+)/(\d+) passed, (\d+) not attempted, (\d+) failed")


def run_session(notebook: Path, target: str, workdir: Path) -> list[dict]:
    """Run `notebook` headless against `target`; return the cells of its session snapshot."""
    copy = workdir / notebook.name
    shutil.copy(notebook, copy)
    shutil.copy(ROOT / "pyproject.toml", workdir / "pyproject.toml")  # same marimo settings
    env = environment() | {"MLCOURSE_TARGET": target, "MLCOURSE_ROOT": str(ROOT)}
    marimo = [sys.executable, "-m", "marimo", "export", "session", str(copy), "--force-overwrite"]
    done = subprocess.run(
        marimo, cwd=workdir, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    snapshot = workdir / "__marimo__" / "session" / f"{notebook.name}.json"
    assert snapshot.is_file(), f"no session snapshot:\n{done.stdout}\n{done.stderr}"
    cells = json.loads(snapshot.read_text(encoding="utf-8"))["cells"]
    assert done.returncode == 0, f"marimo export failed:\n{done.stdout}\n{done.stderr}"
    return cells


def _session_in_scratch_folder(notebook: Path, target: str) -> list[dict]:
    workdir = Path(tempfile.mkdtemp(prefix=f"nb_{notebook.stem}_{target}_"))
    try:
        return run_session(notebook, target, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


BACKGROUND_PRIORITY = 2  # order of the background jobs (tests/conftest.py)


def background_jobs(item: pytest.Item) -> dict:
    """Each notebook export runs in the background from collection on (see tests/conftest)."""
    notebook, target = item.callspec.params["notebook"], item.callspec.params["target"]
    key = ("notebook", notebook.stem, target)
    return {key: lambda: _session_in_scratch_folder(notebook, target)}


def _text(cell: dict) -> str:
    return json.dumps(cell["outputs"])


@pytest.mark.parametrize("target", ["exercises", "solutions"])
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_notebook_runs_with_no_cell_error(notebook: Path, target: str) -> None:
    cells = background.result(("notebook", notebook.stem, target))
    declared = len(CELL_DECORATOR.findall(notebook.read_text(encoding="utf-8")))
    assert len(cells) >= declared, f"{len(cells)} cells ran, {declared} declared"
    for cell in cells:
        errors = [o for o in cell["outputs"] if o.get("type") == "error"]
        assert not errors, f"cell {cell['id']} failed: {errors}"
        console = json.dumps(cell.get("console", []))
        assert "Traceback" not in console, f"cell {cell['id']} printed a traceback"
    panels = [m for cell in cells for m in PANEL.finditer(_text(cell))]
    assert panels, "the notebook shows no check panel"
    _, passed, total, not_attempted, failed = map(int, panels[-1].groups())
    if target == "solutions":
        assert (passed, failed) == (total, 0), "the panel should show every check passing"
    else:
        assert (not_attempted, passed, failed) == (total, 0, 0), "stubs show 'not attempted'"
    if target == "exercises":
        assert any("not attempted yet" in _text(c) for c in cells[1:]), (
            "the notebook should show the learner's unfinished work as 'not attempted yet'"
        )
