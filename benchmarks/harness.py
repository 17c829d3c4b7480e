"""What every benchmark shares: result rows, repeated timing, servers on loopback, the report."""

from __future__ import annotations

import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS_FILE = Path(__file__).resolve().parent / "RESULTS.md"
SERVER_LIMIT = 300.0  # s a server may take to answer before the measurement gives up
# Variables a benchmark's child process must not inherit from the `uv run` that started us.
INHERITED = ("VIRTUAL_ENV", "MLCOURSE_ROOT", "MLCOURSE_TARGET", "PYTHONPATH")


class NotAvailable(Exception):
    """The piece of the course this benchmark measures does not exist (yet)."""


@dataclass
class Row:
    """One reported number: a median, its unit, the target it is held to and how it did."""

    benchmark: str
    measure: str
    value: float | None
    unit: str
    target: str = ""  # e.g. "< 10 s"; empty when the number is context, not a goal
    verdict: str = ""  # "meets", "misses" or empty
    note: str = ""  # repetitions and spread, or why there is no number

    def shown(self) -> str:
        """The value with its unit, as the table prints it."""
        if self.value is None:
            return "-"
        value, unit = self.value, self.unit
        if unit == "s" and abs(value) < 1:
            value, unit = value * 1000, "ms"
        number = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
        return f"{number} {unit}".strip()


def repeat(function: Callable[[], object], times: int) -> list[float]:
    """Wall-clock seconds of `times` calls of `function`."""
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def spread(samples: list[float], unit: str = "s") -> str:
    """'n=5, 1.20-1.45 s': how many samples and their range."""
    return f"n={len(samples)}, {min(samples):.3g}-{max(samples):.3g} {unit}"


def seconds_row(
    benchmark: str, measure: str, samples: list[float], limit: float | None = None, note: str = ""
) -> Row:
    """A row for the median of `samples` (seconds), held to `< limit` when given."""
    value = statistics.median(samples)
    target = f"< {limit:g} s" if limit is not None else ""
    verdict = "" if limit is None else ("meets" if value < limit else "misses")
    notes = "; ".join(part for part in (spread(samples), note) if part)
    return Row(benchmark, measure, value, "s", target, verdict, notes)


def skipped(benchmark: str, reason: str) -> Row:
    """The row of a benchmark whose piece of the course is not there yet."""
    return Row(benchmark, "-", None, "", note=f"not available yet: {reason}")


def child_env(**extra: str) -> dict[str, str]:
    """This process's environment without what `uv run` set for *this* project, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k not in INHERITED}
    return env | {"MLFLOW_DISABLE_TELEMETRY": "true"} | extra


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    """True when `url` answers HTTP 200."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def serving(
    command: list[str], cwd: Path, env: dict[str, str], url: str, log: Path
) -> Iterator[float]:
    """Start `command` in its own process group; yield the seconds until `url` answered 200.

    The server is stopped (SIGTERM to the group, SIGKILL if it lingers) however the block ends.
    """
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        while not answers(url):
            if server.poll() is not None:
                raise RuntimeError(f"{command[:4]} exited early:\n{log.read_text()[-2000:]}")
            if time.perf_counter() - started > SERVER_LIMIT:
                raise RuntimeError(f"{url} did not answer within {SERVER_LIMIT:g} s")
            time.sleep(0.05)
        yield time.perf_counter() - started
    finally:
        stop(server)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop `process` and everything in its process group."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown",
    )  # fmt: skip
    memory_kb = next(
        (int(line.split()[1]) for line in _read("/proc/meminfo").splitlines()
         if line.startswith("MemTotal")),
        0,
    )  # fmt: skip
    uv = shutil.which("uv")
    uv_version = subprocess.run([uv, "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "system": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": f"{memory_kb / 2**20:.1f} GiB",
        "python": sys.version.split()[0],
        "uv": uv_version if uv else "not found",
        "load average (1 min) at start": f"{os.getloadavg()[0]:.2f}",
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| benchmark | measure | median | target | verdict | notes |",
        "| --- | --- | ---: | --- | --- | --- |",
    ]
    for row in rows:
        cells = [row.benchmark, row.measure, row.shown(), row.target, row.verdict, row.note]
        cells = [" ".join(cell.split()).replace("|", "/") for cell in cells]  # one line each
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_results(rows: list[Row], info: dict[str, str], seconds: float, command: str) -> None:
    """Replace `benchmarks/RESULTS.md` with this run's numbers."""
    info = info | {"load average (1 min) at end": f"{os.getloadavg()[0]:.2f}"}
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine_lines = "\n".join(f"- {key}: {value}" for key, value in info.items())
    RESULTS_FILE.write_text(
        f"# Benchmark results\n\n"
        f"Last run: {when}, `{command}`, {seconds / 60:.1f} min in all.\n"
        "Each number is a median over the repetitions in its notes. Timings are wall-clock on a\n"
        "shared machine: compare them with each other and with their targets, not to the\n"
        "millisecond. Nothing here fails a build.\n\n"
        f"## Machine\n\n{machine_lines}\n\n## Numbers\n\n{table(rows)}\n",
        encoding="utf-8",
    )
