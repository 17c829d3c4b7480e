"""Load a learner's exercise module or the reference solution, by file path.

This is the only place that decides which code is graded. The target comes from the
`MLCOURSE_TARGET` environment variable (`exercises`, the default, or `solutions`); pytest's
`--solutions` flag sets that variable. Modules are loaded from their file with importlib, so
nothing touches `sys.path` and `exercises/exercises_00.py` can never shadow
`solutions/exercises_00.py`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from mlcourse.paths import environment, project_root

TARGET_ENV = "MLCOURSE_TARGET"
TARGETS = ("exercises", "solutions")


class LearnerImportError(Exception):
    """The learner's exercise file could not be imported (syntax error, bad import, ...)."""


def current_target(target: str | None = None) -> str:
    """Return the grading target: the argument, else `MLCOURSE_TARGET`, else `exercises`.

    Raises:
        ValueError: for a target other than `exercises` or `solutions`.
    """
    chosen = target or environment().get(TARGET_ENV) or "exercises"
    if chosen not in TARGETS:
        raise ValueError(f"{TARGET_ENV} must be one of {TARGETS}, not {chosen!r}")
    return chosen


def module_path(module: str, target: str | None = None) -> Path:
    """Return the file of module `module` ("00".."08") for the target."""
    return project_root() / current_target(target) / f"exercises_{module}.py"


def load_exercises(module: str, target: str | None = None) -> ModuleType:
    """Import `exercises_<module>.py` from the target folder and return it.

    The module is registered in `sys.modules` as `<target>.exercises_<module>`, so marimo's
    module watcher sees it and re-runs the cells that use it when the file changes.

    Args:
        module: Two-digit module number, e.g. "00".
        target: "exercises" or "solutions"; None reads `MLCOURSE_TARGET`.

    Returns:
        The freshly executed module.

    Raises:
        LearnerImportError: if the file is missing or raises while it is imported.

    >>> ex = load_exercises("00", target="solutions")  # doctest: +SKIP
    """
    chosen = current_target(target)
    return load_module_file(module_path(module, chosen), f"{chosen}.exercises_{module}")


def load_module_file(path: Path, name: str) -> ModuleType:
    """Execute the Python file `path` as a fresh module called `name` and return it.

    Raises:
        LearnerImportError: if the file is missing or raises while it is imported.
    """
    if not path.is_file():
        raise LearnerImportError(f"{path} does not exist")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    _register_parent(name, path.parent)
    sys.modules[name] = loaded
    try:
        spec.loader.exec_module(loaded)
    except Exception as exc:  # the learner's file is broken: say where, not a traceback wall
        sys.modules.pop(name, None)
        raise LearnerImportError(describe_import_error(path, exc)) from exc
    return loaded


def _register_parent(name: str, folder: Path) -> None:
    """Give `exercises.exercises_00` a parent package `exercises` that points at `folder`.

    Without it, `importlib.reload` of the module (marimo's autoreloader does this when the
    file is saved) fails with "parent 'exercises' not in sys.modules". An existing module of
    that name is left alone.
    """
    parent, _, _ = name.rpartition(".")
    if not parent:
        return
    if parent not in sys.modules:
        package = ModuleType(parent, "Course files loaded by mlcourse.loading")
        package.__path__ = []
        package.__mlcourse_folders__ = True  # ours: later folders may be added
        sys.modules[parent] = package
    package = sys.modules[parent]
    if getattr(package, "__mlcourse_folders__", False) and str(folder) not in package.__path__:
        package.__path__.append(str(folder))


def describe_import_error(path: Path, exc: BaseException) -> str:
    """Explain in one paragraph why `path` could not be imported."""
    if isinstance(exc, SyntaxError):
        where = f"line {exc.lineno}" if exc.lineno else "an unknown line"
        text = (exc.text or "").strip()
        shown = f"\n    {text}" if text else ""
        return f"{path.name} has a syntax error at {where}: {exc.msg}{shown}"
    line = _innermost_line(exc, path)
    where = f" at line {line}" if line else ""
    return f"{path.name} raised {type(exc).__name__}{where} while being imported: {exc}"


def _innermost_line(exc: BaseException, path: Path) -> int | None:
    """Return the deepest traceback line that lies in `path`, if any."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename).resolve() == path.resolve():
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
