"""How long the README's first command takes to give the learner a working course.

`uv run marimo edit notebooks/` is timed from launch until marimo answers HTTP 200 (with
`--headless --no-token` and a fixed port added, which change nothing in the set-up work).
- cold: a fresh copy of the checkout with no `.venv`, so uv creates the environment from
  `uv.lock` (its download cache may be warm, as on any second project);
- warm: the same command again, with the environment in place.
The copy holds the files git would give a new clone of the current tree (tracked and new,
minus ignored ones). Also reported: what `uv run` itself adds to a no-op Python command.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from benchmarks.harness import ROOT, Row, child_env, free_port, repeat, seconds_row, serving

NAME = "set-up: `uv run marimo edit notebooks/`"
COLD_LIMIT = 120.0  # s for a first launch, environment included
WARM_LIMIT = 10.0  # s for every launch after that


def checkout_copy(dest: Path) -> Path:
    """Copy the files a fresh clone of the current tree would have into `dest`."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def launch(course: Path, log: Path) -> float:
    """Seconds from running the README's command in `course` to marimo's first HTTP 200."""
    port = free_port()
    command = [
        "uv", "run", "marimo", "edit", "notebooks/", "--headless", "--no-token",
        "--skip-update-check", "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    with serving(command, course, child_env(), f"http://127.0.0.1:{port}/", log) as seconds:
        return seconds


def run(times: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="mlcourse-clone-") as tmp:
        course = checkout_copy(Path(tmp))
        log = Path(tmp) / "marimo.log"
        cold, warm = [], []
        for _ in range(times):
            shutil.rmtree(course / ".venv", ignore_errors=True)
            cold.append(launch(course, log))
            warm.append(launch(course, log))
        env = child_env()
        uv_noop = repeat(
            lambda: subprocess.run(["uv", "run", "python", "-c", "pass"], cwd=course, env=env,
                                   capture_output=True, check=True),
            times * 2,
        )  # fmt: skip
        python_noop = repeat(
            lambda: subprocess.run([str(course / ".venv/bin/python"), "-c", "pass"], check=True),
            times * 2,
        )
    rows = [
        seconds_row(NAME, "cold (no .venv)", cold, COLD_LIMIT),
        seconds_row(NAME, "warm (second launch)", warm, WARM_LIMIT),
        seconds_row("`uv run` overhead", "`uv run python -c pass`", uv_noop),
        seconds_row("`uv run` overhead", "`.venv/bin/python -c pass`", python_noop),
    ]
    ratio = rows[2].value / rows[3].value if rows[3].value else None
    rows.append(Row("`uv run` overhead", "ratio uv run / bare python", ratio, "x",
                    note="uv checks the environment (and recompiles bytecode) on every run"))
    return rows
