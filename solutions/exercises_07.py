"""Module 07 - Team collaboration and code review: reference solutions.

You have joined PokeMarket's pricing team. Your first week: decide what belongs in the
repository, review three pull requests that a teammate opened, describe your own change so a
reviewer can trust it, write the checklist the team reviews with, and build a small tool that
finds the public functions nobody documented.

These are the exercise stubs with their bodies written and the three pull requests fixed;
each fix starts with the review comment that explains it. Grade them with
`uv run pytest exercises/test_exercises_07.py --solutions`.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath
from typing import Any, Literal

import numpy as np
import pandas as pd
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold, cross_val_score
from sklearn.preprocessing import StandardScaler

from mlcourse.quality import RARITIES
from mlcourse.schemas import FINISHES, SNAPSHOT_DATE

# Exercise 1: what goes into git ----------------------------------------------------------

TABLE_DATA = (".csv", ".tsv", ".jsonl", ".xlsx")  # tables: committed only when small, by rule
# Data formats, archives, databases and logs: large or binary, never committed.
BINARY_DATA = (
    ".parquet", ".feather", ".arrow", ".npy", ".npz", ".zip", ".gz", ".tar", ".db", ".sqlite",
    ".log",
)  # fmt: skip
# Serialized models: they belong in a model registry.
MODEL_FILES = (
    ".pkl", ".pickle", ".joblib", ".skops", ".pt", ".pth", ".onnx", ".h5", ".ckpt",
    ".safetensors",
)  # fmt: skip
# Folders that tools create and rebuild: environments and caches.
ENVIRONMENT_FOLDERS = (
    ".venv", "venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache",
    ".ipynb_checkpoints", "__marimo__", "node_modules",
)  # fmt: skip
TRACKING_STORES = ("mlruns", "mlartifacts", "wandb")  # folders of experiment-tracking runs
SECRET_FILES = (".pem", ".key")  # private keys and certificates
ENV_TEMPLATES = (".env.example", ".env.template", ".env.sample")  # names only, no values


def should_commit(path: str) -> bool:
    """Whether a file or folder of an ML project belongs in its git repository.

    PokeMarket's rules, checked in this order (the first that applies decides):

    1. Secrets never: a file named `.env` or `.env.<anything>`, except the templates in
       `ENV_TEMPLATES`, which are committed; files ending in one of `SECRET_FILES`.
    2. Environments and caches never: anything inside a folder named in
       `ENVIRONMENT_FOLDERS`; `*.pyc` files; `.DS_Store`.
    3. Experiment tracking never: `mlflow.db`, anything inside a folder in `TRACKING_STORES`.
    4. Model binaries never: files ending in one of `MODEL_FILES` (they go to the registry).
    5. Data: files ending in one of `BINARY_DATA` never; tables (`TABLE_DATA`) only inside
       `data/reference/` or `tests/`; inside `data/`, only `*.md` documentation, `*.dvc`
       pointer files and what is in `data/reference/`.
    6. Everything else is committed: source, notebooks, tests, configs, lock files, docs, CI.

    Args:
        path: Relative to the repository's root, with `/` between folders, as `git status`
            prints it; a trailing `/` marks a folder. Extensions match in any case.

    Returns:
        True to commit it, False to keep it out of git.

    >>> should_commit("mlflow.db"), should_commit("uv.lock")
    (False, True)
    """
    is_folder = path.endswith("/")
    parts = [part for part in path.split("/") if part]
    name = parts[-1]
    folders = parts if is_folder else parts[:-1]  # the folders the path is inside (or is)
    suffix = PurePosixPath(name).suffix.lower()
    # 1. A pushed secret stays in git history for ever: it has to be rotated, not deleted.
    if name == ".env" or name.startswith(".env."):
        return name in ENV_TEMPLATES
    if suffix in SECRET_FILES:
        return False
    # 2. Rebuilt from the lock file or by running the code, machine-specific, often huge.
    if any(part in ENVIRONMENT_FOLDERS for part in parts) or suffix == ".pyc":
        return False
    if name == ".DS_Store":
        return False
    # 3. Binary stores of everyone's runs: git can't merge them; share a tracking server.
    if name == "mlflow.db" or any(part in TRACKING_STORES for part in parts):
        return False
    # 4. Large binaries that belong in a model registry; a pickle is code that runs on load.
    if suffix in MODEL_FILES or suffix in BINARY_DATA:
        return False
    # 5. Tables are versioned by pointer files and storage, except small reviewed ones.
    in_reference = folders[:2] == ["data", "reference"]
    if suffix in TABLE_DATA:
        return in_reference or folders[:1] == ["tests"]
    if folders[:1] == ["data"]:
        return in_reference or (not is_folder and suffix in (".md", ".dvc"))
    return True


# Exercise 2: review three pull requests ---------------------------------------------------
#
# Each pull request below is code a teammate wants to merge. It runs, its author's numbers
# look great, and each one has a problem that will hurt PokeMarket in production. Read the
# code, find what is wrong, and fix it in place: same name, same signature, same return type.
# The docstring says what the function must do once it is right.

# ==========================================================================================
# Pull request #41 "Set-level price features", by Sam. Review it and fix it in place.
# ==========================================================================================

FEATURE_COLUMNS = ["set_price_level", "hp_scaled", "age_scaled"]


def add_price_features(
    train: pd.DataFrame, test: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Model inputs for the training cards and for cards the model will price later.

    The test cards stand for new listings: whatever the features know about them must be
    something a seller has when listing a card (its set, hp, release date), never a price.

    Args:
        train: Rows shaped like `mlcourse.data.load_cards()`, with their `market_price`.
        test: Rows of the same shape; their price columns may be missing entirely.

    Returns:
        `(train_features, test_features)`, each with one row per input row, the input's
        index and exactly the columns `FEATURE_COLUMNS`:
        - `set_price_level`: the mean of log(market_price) over the *training* cards of the
          card's set; a set with no training cards gets the mean over all training cards;
        - `hp_scaled`, `age_scaled`: hp (missing = 0) and the set's age in years on
          `SNAPSHOT_DATE` (days / 365.25), standardised with a `StandardScaler` fitted on
          the training cards.

    >>> train_x, test_x = add_price_features(train, test)  # doctest: +SKIP
    >>> list(test_x.columns)  # doctest: +SKIP
    ['set_price_level', 'hp_scaled', 'age_scaled']
    """
    # Review: the PR fitted the set means and the scaler on train + test, so the test cards'
    # own prices became their features (and moved the training features too), and
    # `last_price` is a price nobody has when a card is listed. Learn everything from the
    # training rows, then apply it unchanged to both sides.
    log_price = np.log(train["market_price"])
    set_level = log_price.groupby(train["set_id"]).mean()
    scaler = StandardScaler().fit(_numeric_inputs(train))

    def features(cards: pd.DataFrame) -> pd.DataFrame:
        scaled = scaler.transform(_numeric_inputs(cards))
        # A set without training cards (a new release) gets the training cards' mean.
        level = cards["set_id"].map(set_level).astype(float).fillna(log_price.mean())
        return pd.DataFrame(
            {"set_price_level": level, "hp_scaled": scaled[:, 0], "age_scaled": scaled[:, 1]},
            index=cards.index,
        )

    return features(train), features(test)


def _numeric_inputs(cards: pd.DataFrame) -> pd.DataFrame:
    """hp (missing = 0) and the set's age in years: the two columns the scaler standardises."""
    return pd.DataFrame({
        "hp": cards["hp"].fillna(0).astype(float),
        "age": (SNAPSHOT_DATE - cards["set_release_date"]).dt.days / 365.25,
    }, index=cards.index)


# ==========================================================================================
# Pull request #42 "Tune Ridge: MAE 0.29!", by Alex. Review it and fix it in place.
# ==========================================================================================

ALPHAS = (0.01, 0.1, 1.0, 10.0, 100.0, 1000.0)  # Ridge regularisation strengths to try
CV_FOLDS = 5


def ridge(alpha: float) -> Ridge:
    """A fresh, unfitted Ridge regression with regularisation strength `alpha`."""
    return Ridge(alpha=alpha)


def tune_and_report(
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_test: np.ndarray,
    y_test: np.ndarray,
    make_model: Callable[[float], Any] = ridge,
    alphas: Sequence[float] = ALPHAS,
    seed: int = 0,
) -> dict[str, float]:
    """Choose a regularisation strength and report how the model will do on new cards.

    The test set is the team's estimate of the future: it may be used once, to score the
    final model, and never to choose anything.

    Args:
        X_train, y_train: Training features and log prices.
        X_test, y_test: Held-out test features and log prices.
        make_model: Builds an unfitted model from an alpha; build every model with it.
        alphas: The values to choose from.
        seed: Seeds the cross-validation folds.

    Returns:
        A dict with three floats:
        - "alpha": the value with the lowest mean absolute error in `CV_FOLDS`-fold
          cross-validation on the training rows, with folds from
          `KFold(CV_FOLDS, shuffle=True, random_state=seed)` (the first on a tie);
        - "cv_mae": that lowest mean cross-validated MAE;
        - "test_mae": the MAE on the test set of a model with that alpha, fitted on all
          training rows.

    >>> tune_and_report(X_train, y_train, X_test, y_test)  # doctest: +SKIP
    {'alpha': 10.0, 'cv_mae': 0.41, 'test_mae': 0.43}
    """
    # Review: the PR scored every alpha on the test set and reported the best of those
    # scores. Choosing on a set makes its score optimistic, so that "test MAE" was really a
    # flattering validation score. Choose by cross-validation on the training rows, refit
    # on all of them, and touch the test set once, at the very end.
    folds = KFold(CV_FOLDS, shuffle=True, random_state=seed)
    cv_maes = [
        -cross_val_score(
            make_model(alpha), X_train, y_train, cv=folds, scoring="neg_mean_absolute_error"
        ).mean()
        for alpha in alphas
    ]
    best = int(np.argmin(cv_maes))  # argmin picks the first of equal values
    final = make_model(alphas[best]).fit(X_train, y_train)
    test_mae = mean_absolute_error(y_test, final.predict(X_test))
    return {"alpha": float(alphas[best]), "cv_mae": float(cv_maes[best]),
            "test_mae": float(test_mae)}


# ==========================================================================================
# Pull request #43 "Quote endpoint for the bulk-order page", by Kim. Review and fix in place.
# ==========================================================================================

MAX_QUANTITY = 100  # copies per quote; larger orders go through the sales team
MAX_CARD_ID_LENGTH = 40  # characters; real card ids have at most 16


class QuoteRequest(BaseModel):
    """The body of `POST /quote`: every field required and checked, nothing else allowed."""

    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not ignored

    card_id: str = Field(min_length=1, max_length=MAX_CARD_ID_LENGTH)
    rarity: Literal[RARITIES]
    finish: Literal[FINISHES]
    quantity: int = Field(ge=1, le=MAX_QUANTITY)


def create_quote_app(unit_price: Callable[[str, str], float]) -> FastAPI:
    """A web app that quotes the price of several copies of one card.

    `POST /quote` takes a JSON object with exactly these fields:
    - `card_id`: text, 1 to `MAX_CARD_ID_LENGTH` characters;
    - `rarity`: one of `RARITIES`; `finish`: one of `FINISHES`;
    - `quantity`: a whole number from 1 to `MAX_QUANTITY`.
    It answers 200 with `{"card_id": ..., "unit_price": unit_price(rarity, finish),
    "total": unit price x quantity, rounded to cents}`. Any other request body gets a 4xx
    status whose JSON says what is wrong, and no request ever gets a 500.

    Args:
        unit_price: The pricing model: (rarity, finish) -> dollars for one copy. It raises
            on a rarity or finish it does not know.

    Returns:
        The FastAPI app.

    >>> client.post("/quote", json={"card_id": "base1-4", "rarity": "Rare Holo",
    ...     "finish": "holofoil", "quantity": 2}).json()  # doctest: +SKIP
    {'card_id': 'base1-4', 'unit_price': 310.0, 'total': 620.0}
    """
    # Review: with `body: dict` nothing is checked, so a missing field or an unknown rarity
    # raises KeyError deep inside (a 500), and a negative quantity quotes a negative total
    # (a 200). A pydantic model turns every bad body into a 422 that names the field.
    app = FastAPI(title="PokeMarket quotes")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        # FastAPI's own handler repeats the bad value back; NaN or Infinity can't be written
        # as JSON, so that answer would itself crash. Say where and what, not the value.
        problems = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in error.errors()]
        return JSONResponse(status_code=422, content={"detail": problems})

    @app.post("/quote")
    def quote(body: QuoteRequest) -> dict[str, Any]:
        price = unit_price(body.rarity, body.finish)
        total = round(price * body.quantity, 2)
        return {"card_id": body.card_id, "unit_price": price, "total": total}

    return app


# Exercise 3: describe your change ---------------------------------------------------------


def pr_description(
    title: str,
    why: str,
    metrics_before: dict[str, float],
    metrics_after: dict[str, float],
    commands: list[str],
    changed_files: list[str],
) -> str:
    """The Markdown description of a pull request, as a reviewer needs it.

    It has these sections, each a Markdown heading (`## ...`), in this order: Summary,
    Motivation, Changes, How tested, Metrics, Risks and rollback, Checklist. A reviewer
    should find in it:
    - under Motivation, `why`;
    - under Changes, every file in `changed_files`;
    - under How tested, every command in `commands`, as code (in backticks or a code block);
    - under Metrics, one line per metric (a table row, say) with its name, its value
      before and its value after, each to at least two decimals;
    - under Risks and rollback, what could go wrong and how to undo the change;
    - under Checklist, at least three task-list items (`- [x] ...` or `- [ ] ...`).

    Args:
        title: The pull request's title, e.g. "Fit set-level features on training rows only".
        why: Why the change is needed, in a sentence or two.
        metrics_before: Metric name -> value on the main branch.
        metrics_after: Metric name -> value with this change (same names).
        commands: The commands you ran to test the change.
        changed_files: The files the change touches.

    Returns:
        The description as one Markdown string.

    >>> print(pr_description("Fix", "The features leak.", {"MAE": 0.29}, {"MAE": 0.41},
    ...                      ["uv run pytest"], ["src/features.py"]))  # doctest: +SKIP
    # Fix
    ## Summary
    ...
    """
    rows = [
        f"| {name} | {metrics_before[name]:.4f} | {metrics_after[name]:.4f} "
        f"| {metrics_after[name] - metrics_before[name]:+.4f} |"
        for name in metrics_after
    ]
    sections = {
        "Summary": f"{title}. Metrics on the held-out test set are in the table below.",
        "Motivation": why,
        "Changes": "\n".join(f"- `{path}`" for path in changed_files),
        "How tested": "```bash\n" + "\n".join(commands) + "\n```",
        "Metrics": "\n".join(["| metric | before | after | change |", "| --- | --- | --- | --- |",
                              *rows]),
        "Risks and rollback": (
            "Numbers that change are expected to change: anything that compared against the "
            "old ones (dashboards, alerts) needs its thresholds checked. To roll back, revert "
            "this pull request (`git revert`) and redeploy the previous model version from "
            "the registry; no data migration is involved."
        ),
        "Checklist": "\n".join([
            "- [x] Tests added or updated, and passing",
            "- [x] Metrics computed on the held-out test set, once",
            "- [x] No data, model files or secrets in the diff",
            "- [ ] Model card and README updated after merge",
        ]),
    }
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in sections.items())
    return f"# {title}\n\n{body}\n"


# Exercise 4: the review checklist ----------------------------------------------------------


def review_checklist() -> dict[str, list[str]]:
    """The checklist PokeMarket's team goes through on every ML pull request.

    Group the checks by category (say "Data", "Training and evaluation", "Code", "Security",
    "Documentation"). Each check is one specific sentence a reviewer can answer with yes or
    no, such as "Is every scaler and encoder fitted on the training rows only?". Between them
    the checks cover data leakage, reproducibility (seeds, pinned versions), tests, data
    validation, metrics on the right split, secrets, documentation, and large files (data,
    models, tracking stores) kept out of git.

    Returns:
        Category name -> its checks, in the order a reviewer goes through them.

    >>> review_checklist()["Security"]  # doctest: +SKIP
    ['Are secrets read from the environment, with no key, password or token in the diff?']
    """
    # Each check names something a reviewer can verify in the diff or by running it.
    return {
        "Data": [
            "Is every scaler, encoder and imputer fitted on the training rows only (no leakage)?",
            "Are features limited to what is known at prediction time (no listing or later "
            "prices)?",
            "Does the pipeline validate its input data against a schema (types, ranges, "
            "missing values) before using it?",
        ],
        "Training and evaluation": [
            "Are the reported metrics computed once on the held-out test set, after every "
            "choice was made on training or cross-validation folds?",
            "Is there a baseline to compare against, with the same split and metric?",
            "Is every source of randomness seeded (random_state, the split) so a rerun gives "
            "the same numbers?",
        ],
        "Code": [
            "Do new tests cover the change, and does `uv run pytest` pass?",
            "Are dependency versions pinned in the lock file (uv.lock) when they change?",
            "Does the API answer bad input with a 4xx and a message, never a 500?",
        ],
        "Security and repository": [
            "Are secrets read from the environment, with no key, password or token in the diff?",
            "Are data files, model binaries and mlflow.db kept out of the commit (.gitignore)?",
        ],
        "Documentation": [
            "Do new public functions have docstrings, and are the README and model card "
            "updated?",
            "Does the PR description say how it was tested and show metrics before and after?",
        ],
    }


# Exercise 5: find the undocumented functions ----------------------------------------------


def undocumented_public_functions(source: str) -> list[str]:
    """The public functions and methods in Python source code that have no docstring.

    The rules:
    - Functions (`def` and `async def`) written directly in the module count, reported by
      name ("fit_model"). Functions nested inside other functions don't count.
    - Methods written directly in a class that is itself written directly in the module
      count, reported as "Class.method", unless the class's name starts with `_`.
    - A name starting with `_` is private and doesn't count; that includes `__init__` and
      the other double-underscore methods.
    - A property counts like any method; its `@<name>.setter` and `@<name>.deleter`
      methods don't, since the getter's docstring documents them.
    - A docstring is a string literal as the first statement of the body; an empty or
      whitespace-only one counts as missing.

    Args:
        source: The text of a Python module.

    Returns:
        The names, in the order they appear in the source.

    Raises:
        SyntaxError: if `source` is not valid Python.

    >>> undocumented_public_functions("def f():\\n    pass\\n")
    ['f']
    """
    found = []
    # Only the module's own body and its classes' bodies: `ast.walk` would also reach
    # functions nested inside functions, which are implementation details.
    for node in ast.parse(source).body:
        if _is_function(node) and _lacks_docstring(node):
            found.append(node.name)
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            found += [
                f"{node.name}.{item.name}"
                for item in node.body
                if _is_function(item) and not _is_accessor(item) and _lacks_docstring(item)
            ]
    return found  # `body` lists statements in source order, so no sorting is needed


def _is_function(node: ast.AST) -> bool:
    return isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)


def _lacks_docstring(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A public function whose docstring is missing, empty or only whitespace."""
    return not node.name.startswith("_") and not (ast.get_docstring(node) or "").strip()


def _is_accessor(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A property's `@<name>.setter` or `@<name>.deleter` method."""
    return any(
        isinstance(d, ast.Attribute) and d.attr in ("setter", "deleter")
        for d in node.decorator_list
    )
