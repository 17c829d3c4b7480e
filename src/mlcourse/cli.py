"""The `mlcourse` command: progress through the course (more subcommands join as modules land)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mlcourse.catalog import MODULES, TRACKS
from mlcourse.loading import TARGETS, current_target
from mlcourse.results import next_exercise, progress_bar, summarize
from mlcourse.runner import GraderRunError, grader_files, run_graders


def progress(target: str | None, modules: list[str] | None) -> int:
    """Print every module's grader status with a bar and the next exercise; return 0."""
    present = {f.stem.removeprefix("test_exercises_") for f in grader_files()}
    wanted = [m for m in MODULES if m.number in present and (not modules or m.number in modules)]
    print(f"Grading {current_target(target)}/ ...", flush=True)
    try:
        results = run_graders([m.number for m in wanted], target)
    except GraderRunError as error:
        print(f"Could not run the graders: {error}", file=sys.stderr)
        return 2
    summaries = summarize(results)
    passed = sum(s.passed for s in summaries.values())
    total = sum(s.total for s in summaries.values())
    for track, heading in TRACKS.items():
        shown = [m for m in wanted if m.track == track and m.number in summaries]
        if shown:
            print(f"\n{heading}")
        for module in shown:
            summary = summaries[module.number]
            bar = progress_bar(summary.passed, summary.total)
            title = module.title.removeprefix("Foundations: ")
            title = title[:1].upper() + title[1:]
            print(
                f"{module.number}  {title:<42} {bar}  {summary.passed:>3}/{summary.total:<3}"
                f" ({summary.not_attempted} not attempted, {summary.failed} failed)"
            )
    print(f"\nCourse  {progress_bar(passed, total, width=40)}  {passed}/{total} checks pass")
    upcoming = next_exercise(results)
    if upcoming is None:
        print("Everything passes. Next: the capstone rubric, if you have not run it.")
    else:
        module = next(m for m in wanted if m.number == upcoming.module)
        print(
            f"Next: `{upcoming.exercise}` ({upcoming.outcome}) in "
            f"exercises/exercises_{upcoming.module}.py; notebook: notebooks/{module.notebook}"
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, every option with help text."""
    parser = argparse.ArgumentParser(prog="mlcourse", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("progress", help="show every module's grader status")
    show.add_argument("modules", nargs="*", help="module numbers to show, e.g. 00 03 (default all)")
    show.add_argument(
        "--target",
        choices=TARGETS,
        default=None,
        help="grade exercises/ (default) or the reference solutions/",
    )
    serve = commands.add_parser(
        "serve", help="serve the reference price model over HTTP (docs at /docs)"
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="interface to listen on; 0.0.0.0 for every interface"
    )
    serve.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    serve.add_argument(
        "--workers", type=int, default=1, help="worker processes, one model copy each (default 1)"
    )
    rubric = commands.add_parser(
        "rubric", help="score your capstone out of 100 against CAPSTONE_RUBRIC.md"
    )
    rubric.add_argument(
        "--solutions",
        action="store_true",
        help="score the reference capstone in solutions/ instead of your exercises/",
    )
    rubric.add_argument(
        "--json",
        type=Path,
        default=None,
        metavar="PATH",
        help="where to write the JSON report (default capstone_report.json in the project root)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `mlcourse` console script."""
    args = build_parser().parse_args(argv)
    if args.command == "progress":
        return progress(args.target, args.modules or None)
    if args.command == "serve":
        from mlcourse.serving import serve  # imported here: FastAPI is slow to import

        serve(args.host, args.port, args.workers)
        return 0
    if args.command == "rubric":
        from mlcourse.rubric import run  # imported here: the rubric pulls in MLflow and FastAPI

        return run(args.solutions, args.json)
    return 2  # pragma: no cover - argparse rejects unknown commands first


if __name__ == "__main__":
    raise SystemExit(main())
