"""Serving latency: the module 05 API under a real uvicorn server on loopback.

Measured once `solutions/exercises_05.py` defines `create_app(model)`:
- p50 and p99 latency of single `POST /predict` requests, one after another over one
  keep-alive connection, and the throughput that gives;
- throughput with `CLIENTS` clients sending at once;
- the ratio of the API's p50 to the bare `model.predict` call on the same one-row input: what
  HTTP, validation and JSON add.
All of it twice: with the default OpenMP threads and with `OMP_NUM_THREADS=1` (a one-row
prediction gains nothing from threads and loses a lot when the cores are busy).
The request body is built from the app's own OpenAPI schema, filled from a real card.
The server runs as `python -m benchmarks.api PORT` in its own process group.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from benchmarks.harness import Row, child_env, free_port, repeat, serving, skipped

NAME = "API `POST /predict`"
REQUESTS = 500  # timed single requests
WARMUP = 30  # requests before timing starts
CLIENTS = 4  # concurrent clients for the throughput figure
P99_LIMIT = 0.020  # s for a single prediction at the 99th percentile


def build_app() -> tuple[Any, Any, pd.DataFrame]:
    """The reference model, the solution's app around it, and the test cards."""
    from mlcourse.data import load_cards
    from mlcourse.loading import load_exercises
    from mlcourse.models import fit_price_model
    from mlcourse.splits import group_split

    solution = load_exercises("05", target="solutions")
    train, test = group_split(load_cards(), test_size=0.2, seed=42)
    model = fit_price_model(train)
    return model, solution.create_app(model), test


def request_body(app: Any, card: pd.Series) -> dict[str, Any]:
    """A `/predict` body: every field of the request schema that the card has a value for."""
    spec = app.openapi()
    schema = spec["paths"]["/predict"]["post"]["requestBody"]["content"]["application/json"]
    schema = schema["schema"]
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    body = {}
    for field in schema.get("properties", {}):
        if field in card.index and not pd.isna(card[field]):
            value = card[field]
            body[field] = value.isoformat()[:10] if hasattr(value, "isoformat") else value
            body[field] = body[field].item() if hasattr(body[field], "item") else body[field]
    missing = [f for f in schema.get("required", []) if f not in body]
    if missing:
        raise RuntimeError(f"cannot fill the required request fields {missing} from a card")
    return body


def serve(port: int) -> None:
    """Run the solution's app under uvicorn on 127.0.0.1:`port` (the server process)."""
    import uvicorn

    _, app, _ = build_app()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def timed_requests(url: str, body: dict[str, Any], count: int) -> list[float]:
    import httpx

    latencies = []
    with httpx.Client(base_url=url, timeout=10) as client:
        for _ in range(count):
            started = time.perf_counter()
            response = client.post("/predict", json=body)
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise RuntimeError(f"/predict answered {response.status_code}: {response.text}")
    return latencies


def concurrent_throughput(url: str, body: dict[str, Any]) -> float:
    """Requests per second with `CLIENTS` clients each sending REQUESTS / CLIENTS at once."""
    each = REQUESTS // CLIENTS
    threads = [threading.Thread(target=timed_requests, args=(url, body, each))
               for _ in range(CLIENTS)]  # fmt: skip
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return each * CLIENTS / (time.perf_counter() - started)


def run(times: int) -> list[Row]:
    from mlcourse.paths import solutions_dir

    path = solutions_dir() / "exercises_05.py"
    if not path.is_file() or "def create_app" not in path.read_text(encoding="utf-8"):
        return [skipped(NAME, "no create_app in solutions/exercises_05.py")]
    from mlcourse.models import card_features

    model, app, test = build_app()
    body = request_body(app, test.iloc[0])
    features = card_features(test.iloc[[0]])
    rows = []
    for label, threads in (("default threads", None), ("OMP_NUM_THREADS=1", 1)):
        with threadpool_limits(limits=threads, user_api="openmp"):
            bare = float(np.median(repeat(lambda: model.predict(features), REQUESTS)))
        extra = {"OMP_NUM_THREADS": str(threads)} if threads else {}
        env = child_env(MLCOURSE_ROOT=str(path.parents[1]), **extra)
        rows += measure_server(times, env, body, bare, label)
    return rows


def measure_server(
    times: int, env: dict[str, str], body: dict[str, Any], bare: float, label: str
) -> list[Row]:
    """Latency and throughput of one server process started with `env`."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "benchmarks.api", str(port)]
    with tempfile.TemporaryDirectory() as tmp, serving(
        command, Path(__file__).resolve().parents[1], env, f"{url}/health", Path(tmp) / "log"
    ):
        timed_requests(url, body, WARMUP)
        latencies = np.concatenate([timed_requests(url, body, REQUESTS) for _ in range(times)])
        parallel = concurrent_throughput(url, body)
    p50, p99 = np.percentile(latencies, [50, 99])
    n = f"n={len(latencies)}"
    return [
        Row(NAME, f"latency p50, {label}", p50 * 1000, "ms", note=n),
        Row(NAME, f"latency p99, {label}", p99 * 1000, "ms", f"< {P99_LIMIT * 1000:g} ms",
            "meets" if p99 < P99_LIMIT else "misses", n),
        Row(NAME, f"throughput, 1 client, {label}", 1 / latencies.mean(), "req/s"),
        Row(NAME, f"throughput, {CLIENTS} clients, {label}", parallel, "req/s"),
        Row(NAME, f"bare model.predict p50 (1 row), {label}", bare * 1000, "ms"),
        Row(NAME, f"ratio API p50 / bare predict, {label}", p50 / bare, "x"),
    ]  # fmt: skip


if __name__ == "__main__":
    serve(int(sys.argv[1]))
