"""Checks of what a capstone leaves behind when it runs: MLflow runs and a live API.

Shared by the rubric and the module 08 graders. Each function inspects a tracking store or
a FastAPI app and returns what is wrong (an empty list when the check passes).
"""

from __future__ import annotations

import json
import math
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mlcourse.rubric_checks import Problems
from mlcourse.serving import EDGE_CASES, EXAMPLE_CARD, MAX_BATCH

PARENT_TAG = "mlflow.parentRunId"  # the tag MLflow puts on a nested (child) run
MIN_TRIALS = 5  # child runs a tuning search must log


def store_runs(tracking_uri: str, experiment: str | None = None) -> list[Any]:
    """Every run in the tracking store, or in its experiment named `experiment`."""
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=tracking_uri)
    found = client.search_experiments()
    ids = [e.experiment_id for e in found if experiment is None or e.name == experiment]
    return list(client.search_runs(ids, max_results=5_000)) if ids else []


def algorithms(runs: list[Any]) -> set[str]:
    """The model families logged (param `algorithm`), baselines left out."""
    names = {str(r.data.params.get("algorithm", "")).strip() for r in runs}
    return {n for n in names if n and "baseline" not in n.lower()}


def run_content_problems(runs: list[Any]) -> Problems:
    """Every run records params and metrics; some metric is an MAE."""
    if not runs:
        return ["The tracking store has no runs."]
    empty = [
        r.info.run_name or r.info.run_id for r in runs if not r.data.params or not r.data.metrics
    ]
    problems = []
    if empty:
        problems.append(f"{len(empty)} run(s) without params or metrics, e.g. {empty[0]!r}.")
    if not any("mae" in name.lower() for r in runs for name in r.data.metrics):
        problems.append("No run logs an MAE metric (e.g. `cv_mae`).")
    return problems


def tuning_problems(runs: list[Any]) -> Problems:
    """Some parent run has at least MIN_TRIALS child runs with distinct params and a metric."""
    children: dict[str, list[Any]] = {}
    for run in runs:
        parent = run.data.tags.get(PARENT_TAG)
        if parent:
            children.setdefault(parent, []).append(run)
    for trials in children.values():
        settings = {json.dumps(t.data.params, sort_keys=True) for t in trials if t.data.metrics}
        if len(settings) >= MIN_TRIALS:
            return []
    most = max((len(t) for t in children.values()), default=0)
    return [
        f"No tuning search found: log each trial as a child run (`nested=True`) with its "
        f"params and score; at least {MIN_TRIALS} needed, the most found is {most}."
    ]


def logged_model_problems(tracking_uri: str, run_id: Any, columns: list[str]) -> Problems:
    """The final run's model has a signature over the feature columns and pinned requirements."""
    import mlflow

    if not isinstance(run_id, str):
        return ["train_models should return the final run's id under 'run_id'."]
    mlflow.set_tracking_uri(tracking_uri)
    try:
        info = mlflow.models.get_model_info(f"runs:/{run_id}/model")
    except Exception as error:
        return [f"No model logged as 'model' in run {run_id} ({type(error).__name__})."]
    problems = []
    if info.signature is None:
        problems.append("The model has no signature: infer it from the features and predictions.")
    elif not set(columns) <= {s.name for s in info.signature.inputs.inputs}:
        problems.append("The signature's inputs are not the build_features columns.")
    with tempfile.TemporaryDirectory() as folder:
        path = mlflow.artifacts.download_artifacts(
            artifact_uri=f"runs:/{run_id}/model/requirements.txt", dst_path=folder
        )
        lines = Path(path).read_text(encoding="utf-8").split()
    if f"scikit-learn=={version('scikit-learn')}" not in lines:
        problems.append("requirements.txt does not pin scikit-learn: pass pip_requirements.")
    return problems


def reload_problems(tracking_uri: str, run_id: Any, model: Any, X: pd.DataFrame) -> Problems:
    """The logged model loads again and predicts what the returned model predicts."""
    import mlflow

    mlflow.set_tracking_uri(tracking_uri)
    try:
        loaded = mlflow.sklearn.load_model(f"runs:/{run_id}/model")
    except Exception as error:
        return [f"runs:/{run_id}/model does not load ({type(error).__name__}: {str(error)[:200]})."]
    if not np.allclose(loaded.predict(X), model.predict(X), rtol=1e-6, atol=1e-9):
        return ["The logged model predicts differently from the model train_models returns."]
    return []


# --- the API ---------------------------------------------------------------------------------


# Three valid cards for the batch endpoint: the example card and two variations of it.
BATCH_CARDS = [
    EXAMPLE_CARD,
    EXAMPLE_CARD | {"finish": "normal", "rarity": "Rare"},
    EXAMPLE_CARD
    | {
        "name": "Pikachu",
        "number": "58",
        "rarity": "Common",
        "types": "Lightning",
        "subtypes": "Basic",
        "pokedex_number": 25,
        "hp": 40,
        "retreat_cost": 1,
    },
]
SPEED_REQUESTS = 10  # /predict calls that must finish within SPEED_SECONDS in total
SPEED_SECONDS = 30.0  # generous: refitting a model per request takes far longer


def example_features(
    build_features: Callable[[pd.DataFrame], pd.DataFrame], cards: list[dict] | None = None
) -> pd.DataFrame:
    """Features of the course's example card (or of `cards`), as the model would see them."""
    frame = pd.DataFrame(cards or [EXAMPLE_CARD])
    frame["set_release_date"] = pd.to_datetime(frame["set_release_date"])
    return build_features(frame)


def model_prices(model: Any, build_features: Callable[[pd.DataFrame], pd.DataFrame]) -> list:
    """Dollar prices the model gives BATCH_CARDS: what the API should answer."""
    return [float(p) for p in np.exp(model.predict(example_features(build_features, BATCH_CARDS)))]


def batch_problems(client: Any, expected: list[float]) -> Problems:
    """`/predict/batch` prices every card of a batch, in order, as the model does."""
    response = client.post("/predict/batch", json={"cards": BATCH_CARDS})
    if response.status_code != 200:
        return [
            f"POST /predict/batch with {len(BATCH_CARDS)} valid cards answered "
            f"{response.status_code}."
        ]
    try:
        prices = [float(p["price"]) for p in response.json()["predictions"]]
    except (KeyError, TypeError, ValueError):
        return ["The batch answer should be {'predictions': [{'price': ...}, ...]}."]
    close = len(prices) == len(expected) and all(
        math.isclose(p, e, rel_tol=0.02, abs_tol=0.01)
        for p, e in zip(prices, expected, strict=True)
    )
    return (
        []
        if close
        else [
            f"The batch answered {prices}; the model says {expected} (in the "
            "order of the cards, in dollars)."
        ]
    )


def oversized_problems(client: Any) -> Problems:
    """A batch over MAX_BATCH cards gets 413 and a message naming the limit."""
    case = EDGE_CASES["oversized_batch"]
    response = client.post(
        case.path, content=case.body.encode("utf-8"), headers={"content-type": "application/json"}
    )
    if response.status_code != 413 or str(MAX_BATCH) not in response.text:
        return [
            f"{MAX_BATCH + 1} cards answered {response.status_code}; expected 413 with the "
            f"limit ({MAX_BATCH}) in the message."
        ]
    return []


def docs_problems(client: Any) -> Problems:
    """The OpenAPI schema documents both prediction endpoints."""
    response = client.get("/openapi.json")
    paths = response.json().get("paths", {}) if response.status_code == 200 else {}
    missing = [p for p in ("/predict", "/predict/batch") if p not in paths]
    return [f"/openapi.json does not document {missing}."] if missing else []


def speed_problems(client: Any) -> Problems:
    """SPEED_REQUESTS single predictions finish within SPEED_SECONDS in total."""
    started = time.perf_counter()
    for _ in range(SPEED_REQUESTS):
        client.post("/predict", json=EXAMPLE_CARD)
    seconds = time.perf_counter() - started
    if seconds > SPEED_SECONDS:
        return [
            f"{SPEED_REQUESTS} predictions took {seconds:.1f} s: is the model loaded or "
            "fitted per request? Load it once, at start-up."
        ]
    return []


def predict_problems(client: Any, expected_price: float) -> Problems:
    """`/predict` answers the example card with 200 and the model's price in dollars."""
    response = client.post("/predict", json=EXAMPLE_CARD)
    if response.status_code != 200:
        return [f"POST /predict with a valid card answered {response.status_code}."]
    try:
        price = float(response.json()["price"])
    except (KeyError, TypeError, ValueError):
        return ["The /predict answer should be JSON with a numeric 'price'."]
    if not math.isfinite(price) or not math.isclose(
        price, expected_price, rel_tol=0.02, abs_tol=0.01
    ):
        return [
            f"/predict says ${price:.2f}; the model says ${expected_price:.2f} (log prices "
            "must be turned back into dollars with exp)."
        ]
    return []


VALIDATION_CASES = ("extra_field", "missing_field", "wrong_type")


def edge_case_statuses(client: Any) -> dict[str, int]:
    """The status the app answers to each named edge case of `mlcourse.serving.EDGE_CASES`."""
    statuses = {}
    for name, case in EDGE_CASES.items():
        response = client.post(
            case.path,
            content=case.body.encode("utf-8"),
            headers={"content-type": "application/json"},
        )
        statuses[name] = response.status_code
    return statuses


def edge_case_problems(statuses: dict[str, int]) -> dict[str, str]:
    """Edge case -> what is wrong with the app's answer (only the wrong ones).

    A bad request must get a 4xx; the Unicode name is a valid card and gets 200.
    """
    wrong = {}
    for name, status in statuses.items():
        good = EDGE_CASES[name].status == 200
        if good and status != 200:
            wrong[name] = f"`{name}`: {status}, expected 200 (a valid card)"
        elif not good and not 400 <= status < 500:
            wrong[name] = f"`{name}`: {status}, expected a 4xx ({EDGE_CASES[name].why})"
    return wrong
