"""Decides by the file's extension alone, ignoring the folders: a `.py` file inside `.venv/`, a
YAML file inside `mlruns/` and any CSV under `data/raw/` all get committed."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

from pathlib import PurePosixPath

REJECTED_BY = [
    "test_should_commit_leaves_out_environments_and_caches",
    "test_should_commit_leaves_out_large_and_generated_data",
    "test_should_commit_leaves_out_models_and_experiment_stores",
]


def should_commit(path: str) -> bool:
    name = path.rstrip("/").rsplit("/", 1)[-1]
    if name == ".env" or name.startswith(".env."):
        return name in ENV_TEMPLATES
    suffix = PurePosixPath(name).suffix.lower()
    return suffix not in (*SECRET_FILES, *MODEL_FILES, *BINARY_DATA, ".pyc")
