"""Run the benchmarks, print each number as it comes, and write benchmarks/RESULTS.md.

    uv run python -m benchmarks                  # everything, 3 repetitions
    uv run python -m benchmarks --repeat 5       # more repetitions, steadier medians
    uv run python -m benchmarks --only model api # some benchmarks; RESULTS.md is left alone

A benchmark whose piece of the course is missing prints "not available yet" and the run goes
on; one that breaks prints its error in the table. Nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import time
import traceback
from collections.abc import Callable

from benchmarks import api, frames, grading, model, setup_time
from benchmarks.harness import NotAvailable, Row, machine, skipped, table, write_results

BENCHMARKS: dict[str, tuple[str, Callable[[int], list[Row]]]] = {
    "setup": ("set-up time of `uv run marimo edit notebooks/`", setup_time.run),
    "notebooks": ("headless run of each notebook", grading.notebook_rows),
    "graders": ("every grader on the solutions", grading.grading_rows),
    "checks": ("check panel per module", grading.check_rows),
    "model": ("reference price model", model.run),
    "capstone": ("capstone train + tune", model.capstone_rows),
    "api": ("API latency and throughput", api.run),
    "frames": ("pandas vs polars", frames.run),
}


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="repetitions of each timing; medians are reported (default 3)")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), metavar="NAME",
                        help=f"run only these benchmarks: {', '.join(BENCHMARKS)}")
    return parser.parse_args()  # fmt: skip


def measure(key: str, times: int) -> list[Row]:
    """The rows of one benchmark; a missing piece or an error becomes a row, not a crash."""
    title, run = BENCHMARKS[key]
    try:
        return run(times)
    except NotAvailable as missing:
        return [skipped(title, str(missing))]
    except Exception as error:  # report and go on with the other benchmarks
        traceback.print_exc()
        first_line = (str(error).splitlines() or [""])[0]
        return [Row(title, "error", None, "", note=f"{type(error).__name__}: {first_line}"[:300])]


def main() -> None:
    options = parse()
    keys = options.only or list(BENCHMARKS)
    info = machine()
    started = time.perf_counter()
    rows: list[Row] = []
    for key in keys:
        print(f"\n== {BENCHMARKS[key][0]} ...", flush=True)
        new = measure(key, options.repeat)
        print(table(new), flush=True)
        rows += new
    seconds = time.perf_counter() - started
    print(f"\n{table(rows)}\n\n{seconds / 60:.1f} min in all.")
    if options.only is None:
        write_results(rows, info, seconds, f"uv run python -m benchmarks --repeat {options.repeat}")
        print("Written to benchmarks/RESULTS.md.")


if __name__ == "__main__":
    main()
