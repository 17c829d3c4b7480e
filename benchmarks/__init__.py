"""The course's performance suite: `uv run python -m benchmarks` (see benchmarks/README.md)."""
