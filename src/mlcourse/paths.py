"""Where the course lives on disk.

Everything that reads a course file asks this module for the path, so the toolkit works the
same from the project root, from `notebooks/`, from a test's temporary directory or from an
installed copy that points at a checkout with `MLCOURSE_ROOT`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

ROOT_ENV = "MLCOURSE_ROOT"
# A course folder and environment fixed for one thread (see `pinned`), or None.
_PINNED: ContextVar[tuple[Path, dict[str, str]] | None] = ContextVar("pinned", default=None)


@contextmanager
def pinned(root: Path, environ: Mapping[str, str]) -> Iterator[None]:
    """Fix the course folder and the environment for code run inside this block.

    Only the current thread (or task) sees it: `project_root()` returns `root` and
    `environment()` returns `environ`, whatever another thread does to `os.environ` meanwhile.
    The project's tests use it to grade in background threads while other tests point
    `MLCOURSE_ROOT` at throwaway course copies.
    """
    token = _PINNED.set((Path(root).resolve(), dict(environ)))
    try:
        yield
    finally:
        _PINNED.reset(token)


def environment() -> dict[str, str]:
    """The environment variables the toolkit reads and hands to the processes it starts."""
    fixed = _PINNED.get()
    return dict(fixed[1]) if fixed else dict(os.environ)


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
    fixed = _PINNED.get()
    if fixed:
        return fixed[0]
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
