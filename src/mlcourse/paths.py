"""Where the course lives on disk.

Everything that reads a course file asks this module for the path, so the toolkit works the
same from the project root, from `notebooks/`, from a test's temporary directory or from an
installed copy that points at a checkout with `MLCOURSE_ROOT`.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "MLCOURSE_ROOT"


def _looks_like_root(path: Path) -> bool:
    return (path / "pyproject.toml").is_file() and (path / "exercises").is_dir()


def project_root() -> Path:
    """Return the course checkout's root folder.

    Order: the `MLCOURSE_ROOT` environment variable, the checkout this package was installed
    from (editable install), then the current directory and its parents.

    Returns:
        The absolute path of the folder holding `pyproject.toml` and `exercises/`.

    Raises:
        FileNotFoundError: if no such folder can be found.
    """
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env).resolve()
    candidates = [Path(__file__).resolve().parents[2], *Path.cwd().resolve().parents]
    candidates.insert(1, Path.cwd().resolve())
    for candidate in candidates:
        if _looks_like_root(candidate):
            return candidate
    raise FileNotFoundError(
        "Could not find the course folder (one with pyproject.toml and exercises/). "
        f"Run from inside the checkout or set {ROOT_ENV}."
    )


def data_dir() -> Path:
    """Return the folder of committed datasets (`data/`)."""
    return project_root() / "data"


def exercises_dir() -> Path:
    """Return the learner's exercise folder (`exercises/`)."""
    return project_root() / "exercises"


def solutions_dir() -> Path:
    """Return the reference solutions folder (`solutions/`)."""
    return project_root() / "solutions"


def notebooks_dir() -> Path:
    """Return the notebooks folder (`notebooks/`)."""
    return project_root() / "notebooks"
