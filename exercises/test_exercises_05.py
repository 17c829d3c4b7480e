"""Graders for module 05, deployment and inference.

Run them with `uv run pytest exercises/test_exercises_05.py`. Your app is driven in-process
with FastAPI's TestClient and a stand-in model whose prices are easy to work out by hand (and
which counts its calls). Your load test runs against the course's reference app on a real
uvicorn server on 127.0.0.1 that counts what it receives. The statistics are checked against
scipy.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import json
import math
import pickle
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from scipy import stats
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from mlcourse.grading import (
    GradingFailure,
    LearnerError,
    LearnerFunction,
    expect,
    expect_close,
    expect_type,
)
from mlcourse.serving import EDGE_CASES, EXAMPLE_CARD, MAX_BATCH, running_server
from mlcourse.serving import create_app as reference_app

JSON = {"content-type": "application/json"}


class FakePriceModel:
    """A stand-in price model: a card is worth hp / 10 dollars (hp 50 when missing), times 1
    for the normal finish, 2 for reverse holofoil and 3 for holofoil. Like the real model it
    returns log prices; it counts its calls and the rows it priced."""

    FACTOR = {"normal": 1.0, "reverse_holofoil": 2.0, "holofoil": 3.0}

    def __init__(self) -> None:
        self.calls = 0
        self.rows = 0

    def predict(self, X: Any) -> np.ndarray:  # noqa: N803 (scikit-learn's name)
        self.calls += 1
        self.rows += len(X)
        hp = X["hp"].astype(float).fillna(50.0).to_numpy()
        factor = X["finish"].astype(str).map(self.FACTOR).fillna(1.0).to_numpy(float)
        return np.log(hp / 10 * factor)


def card(**changes: Any) -> dict[str, Any]:
    """The example card (Base Set Alakazam, holofoil, hp 80) with some fields changed."""
    return {**EXAMPLE_CARD, **changes}


def fake_price(body: dict[str, Any]) -> float:
    hp = body.get("hp") or 50
    return hp / 10 * FakePriceModel.FACTOR[body["finish"]]


# Exercise 1: save and load with an integrity check --------------------------------------------


@pytest.fixture(scope="module")
def fitted() -> tuple[Any, np.ndarray]:
    rng = np.random.default_rng(5)
    X = rng.normal(size=(80, 4))
    y = X @ np.array([1.5, -2.0, 0.5, 3.0]) + rng.normal(0, 0.1, size=80)
    return make_pipeline(StandardScaler(), Ridge(alpha=1.0)).fit(X, y), X


class RunsCodeOnLoad:
    """Pickles into a file that, when unpickled, writes `marker`: what an attacker's would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return (Path.write_text, (self.marker, "code inside the model file ran"))


def _expect_refusal(ex, path: Path, digest: str, what: str) -> None:
    try:
        ex.load_model(path, digest)
    except LearnerError as error:
        original = error.original
        expect(
            isinstance(original, ValueError),
            f"load_model refused {what}, good, but with {type(original).__name__}. Raise "
            "ModelIntegrityError (a ValueError) so callers can tell a bad checksum apart.",
        )
        text = str(original).lower()
        expect(
            any(word in text for word in ("sha256", "sha-256", "checksum", "hash")),
            f"load_model refused {what}, but its message ({original}) does not say why. Say "
            "that the checksum does not match, and show both.",
        )
        return
    raise GradingFailure(f"load_model loaded {what} instead of refusing it.")


def test_save_returns_the_sha256_of_the_file(ex, fitted, tmp_path):
    model, _ = fitted
    path = tmp_path / "model.joblib"
    digest = ex.save_model(model, path)
    expect(path.is_file(), "save_model(model, path) wrote no file at `path`.")
    expect_type(digest, str, "save_model's return value")
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    expect(
        digest.lower() == expected,
        f"save_model returned {digest!r}, which is not the SHA-256 of the file it wrote "
        f"({expected}). Hash the file's bytes after writing them (`hashlib.sha256(data)"
        ".hexdigest()`), not the object or a separate pickle of it.",
    )


@pytest.mark.exercise("load_model")
def test_model_round_trips_through_save_and_load(ex, fitted, tmp_path):
    model, X = fitted
    path = tmp_path / "model.joblib"
    digest = ex.save_model(model, path)
    for where, checksum in ((path, digest), (str(path), digest.upper())):
        loaded = ex.load_model(where, checksum)
        expect(
            hasattr(loaded, "predict") and np.allclose(loaded.predict(X), model.predict(X)),
            f"load_model({where!r}, ...) did not give back a model that predicts like the one "
            "saved. (The path may come as a str, the checksum in upper case.)",
        )


@pytest.mark.exercise("load_model")
@pytest.mark.parametrize("position", ["first", "middle", "last"])
def test_load_refuses_a_file_with_one_byte_changed(ex, fitted, tmp_path, position):
    model, _ = fitted
    path = tmp_path / "model.joblib"
    digest = ex.save_model(model, path)
    data = bytearray(path.read_bytes())
    index = {"first": 0, "middle": len(data) // 2, "last": len(data) - 1}[position]
    data[index] ^= 0xFF
    path.write_bytes(bytes(data))
    _expect_refusal(ex, path, digest, f"a file whose {position} byte was changed")


def test_load_never_unpickles_a_file_that_fails_the_checksum(ex, tmp_path):
    marker = tmp_path / "code_ran.txt"
    path = tmp_path / "model.joblib"
    path.write_bytes(pickle.dumps(RunsCodeOnLoad(marker)))
    expected = hashlib.sha256(b"the bytes of the model that was really saved").hexdigest()
    with suppress(LearnerError):
        ex.load_model(path, expected)
    expect(
        not marker.exists(),
        "load_model unpickled a file whose checksum is wrong, and the code inside it ran. "
        "Read the bytes, compare their SHA-256 with the expected one, and only then load.",
    )
    _expect_refusal(ex, path, expected, "a file with the wrong checksum")


# Exercise 2: the app --------------------------------------------------------------------------


@contextmanager
def serving(ex, model: Any) -> Iterator[TestClient]:
    """Your app for `model`, started (lifespan) inside a TestClient that reports 500s."""
    app = ex.create_app(model)
    expect(isinstance(app, FastAPI), f"create_app should return the FastAPI app, not {app!r}.")
    client = TestClient(app, raise_server_exceptions=False)
    try:
        client.__enter__()
    except Exception as exc:
        raise GradingFailure(f"Your app failed to start: {type(exc).__name__}: {exc}") from exc
    try:
        yield client
    finally:
        client.__exit__(None, None, None)


def post_json(client: TestClient, path: str, body: Any):
    return client.post(path, content=json.dumps(body).encode("utf-8"), headers=JSON)


def _ok(response, what: str) -> Any:
    expect(
        response.status_code == 200,
        f"{what} answered {response.status_code}: {response.text[:300]}",
    )
    return response.json()


def test_health_says_ok(ex):
    with serving(ex, FakePriceModel()) as client:
        body = _ok(client.get("/health"), "GET /health")
    expect(
        isinstance(body, dict) and body.get("status") == "ok",
        f'GET /health should answer {{"status": "ok"}}, not {body!r}.',
    )


def test_predict_returns_the_model_price_in_dollars(ex):
    with serving(ex, FakePriceModel()) as client:
        body = _ok(post_json(client, "/predict", EXAMPLE_CARD), "POST /predict (a valid card)")
    expect(isinstance(body, dict) and "price" in body, f"No `price` in the answer: {body!r}")
    price = body["price"]
    why = ""
    if isinstance(price, int | float) and math.isclose(price, math.log(24.0), rel_tol=1e-6):
        why = "That is the log price: `predict_price` turns the model's output into dollars."
    expect_close(price, 24.0, rel=1e-6, what="the price of the example card", why=why)
    expect(body.get("name") == "Alakazam", f"The answer should repeat the name: {body!r}")


def test_batch_prices_every_card_in_order(ex):
    cards = [
        card(name="First", hp=60, finish="normal"),
        card(name="Second", hp=120, finish="holofoil"),
        card(name="Third", hp=None, finish="reverse_holofoil"),
    ]
    with serving(ex, FakePriceModel()) as client:
        body = _ok(post_json(client, "/predict/batch", {"cards": cards}), "A batch of 3 cards")
    predictions = body.get("predictions") if isinstance(body, dict) else None
    expect(
        isinstance(predictions, list) and len(predictions) == 3,
        f'A batch of 3 should answer {{"predictions": [3 results]}}, not {body!r}.',
    )
    for sent, got in zip(cards, predictions, strict=True):
        expect(got.get("name") == sent["name"], f"Results out of order: {predictions!r}")
        expect_close(got.get("price"), fake_price(sent), rel=1e-6, what=f"{sent['name']}'s price")


def test_batch_calls_the_model_once(ex):
    model = FakePriceModel()
    cards = [card(name=f"Card {i}", hp=10 * (i + 1)) for i in range(10)]
    with serving(ex, model) as client:
        before = model.calls
        _ok(post_json(client, "/predict/batch", {"cards": cards}), "A batch of 10 cards")
        calls = model.calls - before
    expect(
        calls == 1,
        f"The model was called {calls} times for a batch of 10 cards. Put all the cards in "
        "one table and call `predict_price` once: that is what makes batches cheap.",
    )


def test_batch_of_exactly_the_limit_is_accepted(ex):
    with serving(ex, FakePriceModel()) as client:
        response = post_json(client, "/predict/batch", {"cards": [EXAMPLE_CARD] * MAX_BATCH})
    body = _ok(response, f"A batch of exactly MAX_BATCH ({MAX_BATCH}) cards")
    expect(
        len(body.get("predictions", [])) == MAX_BATCH,
        f"A batch of {MAX_BATCH} cards should get {MAX_BATCH} predictions.",
    )


def test_app_loads_the_model_once_at_start_up(ex):
    model = FakePriceModel()
    loads: list[int] = []

    def load_model() -> FakePriceModel:
        loads.append(1)
        return model

    app = ex.create_app(load_model)
    expect(
        not loads,
        "create_app called the loader itself. Call it at start-up, in the app's lifespan, "
        "so importing or building the app stays cheap.",
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        expect(len(loads) == 1, f"After start-up the loader ran {len(loads)} times, not once.")
        for _ in range(3):
            _ok(post_json(client, "/predict", EXAMPLE_CARD), "POST /predict (model from a loader)")
    expect(
        len(loads) == 1,
        f"The loader ran {len(loads)} times for 3 requests: load the model once in the "
        "lifespan, keep it (`app.state.model`) and reuse it.",
    )


# What a wrong status most likely means, per edge case.
LIKELY_MISTAKE: dict[tuple[str, int], str] = {
    ("nan_or_infinity", 500): "FastAPI's default 422 handler repeats the bad value back, and "
    "JSON cannot carry NaN or Infinity, so the error response itself crashes. Register your "
    "own RequestValidationError handler that leaves the value (`input`) out.",
    ("nan_or_infinity", 200): "NaN reached the model. Use int fields, or floats with "
    "`allow_inf_nan=False` and bounds.",
    ("extra_field", 200): "Pydantic ignores unknown fields unless `model_config = ConfigDict("
    'extra="forbid")`.',
    ("oversized_batch", 422): "Too many valid cards is not invalid data: check "
    "`len(batch.cards) > MAX_BATCH` in the endpoint and raise HTTPException(413).",
    ("oversized_batch", 200): f"Nothing limits the batch size; refuse more than {MAX_BATCH}.",
    ("empty_batch", 200): "An empty list passes unless `cards` has `Field(min_length=1)`.",
    ("huge_string", 200): "Limit the name with `Field(max_length=MAX_NAME_LENGTH)`.",
    ("unknown_category", 200): "Declare finish as `Literal[FINISHES]` so other values fail.",
    ("negative_or_absurd", 200): "Give hp and retreat_cost bounds: `Field(ge=..., le=...)`.",
    ("missing_field", 200): "A required field has a default: `finish` must have none.",
    ("unicode_name", 422): "A real name was refused: no ASCII pattern or check on `name`.",
}


def _readable(response) -> str:
    try:
        return json.dumps(response.json(), ensure_ascii=False)
    except ValueError:
        return response.text


@pytest.mark.exercise("CardRequest")
@pytest.mark.parametrize("name", list(EDGE_CASES))
def test_edge_case_gets_the_right_status(ex, name):
    case = EDGE_CASES[name]
    with serving(ex, FakePriceModel()) as client:
        response = client.post(case.path, content=case.body.encode("utf-8"), headers=JSON)
    status = response.status_code
    if status >= 500:
        why = "Your app crashed (a 500): a bad request must get a 4xx that says what is wrong."
    else:
        why = f"The contract says {case.status}: {case.why}"
    likely = LIKELY_MISTAKE.get((name, status), "")
    expect(
        status == case.status,
        f"Edge case `{name}` ({case.path}) got {status}, not {case.status}. {why} {likely}",
    )
    text = _readable(response)
    missing = [m for m in case.mentions if m not in text]
    expect(
        not missing,
        f"Edge case `{name}`: the answer should name {', '.join(missing)}, but it says: "
        f"{text[:300]}",
    )


GARBAGE: list[tuple[str, bytes]] = [
    ("/predict", b""),
    ("/predict", b"{"),
    ("/predict", b"null"),
    ("/predict", b"[1, 2, 3]"),
    ("/predict", b'"one Alakazam please"'),
    ("/predict", b"\xff\xfe\x00"),
    ("/predict", b'{"hp": 1e999}'),
    ("/predict", json.dumps(card(hp=-math.inf, name=None)).encode()),
    ("/predict/batch", b'{"cards": "all of them"}'),
    ("/predict/batch", b'{"cards": [null, 7]}'),
    (
        "/predict/batch",
        json.dumps({"cards": [EXAMPLE_CARD, card(pokedex_number=math.nan)]}).encode(),
    ),
]


def test_garbage_bodies_never_get_a_server_error(ex):
    with serving(ex, FakePriceModel()) as client:
        crashes = [
            f"{path} {body[:40]!r} -> {response.status_code}"
            for path, body in GARBAGE
            if (response := client.post(path, content=body, headers=JSON)).status_code >= 500
        ]
    expect(
        not crashes,
        "These requests crashed your app (5xx) instead of getting a 4xx:\n  "
        + "\n  ".join(crashes),
    )


# Exercise 3: the cache ----------------------------------------------------------------------


def _cached(ex, model: FakePriceModel, maxsize: int) -> LearnerFunction:
    price = ex.cached_predictor(model, maxsize=maxsize)
    expect(callable(price), f"cached_predictor should return a function, not {price!r}.")

    def the_cached_function(body: dict[str, Any]) -> Any:
        return price(body)

    return LearnerFunction(the_cached_function, Path(inspect.getfile(ex.raw("cached_predictor"))))


def test_cache_prices_a_card_like_the_model(ex):
    price = _cached(ex, FakePriceModel(), maxsize=8)
    for body in (card(), card(hp=120, finish="normal")):
        expect_close(
            price(body),
            fake_price(body),
            rel=1e-6,
            what="the cached function's price",
            why="It should return the price in dollars, as `predict_price` gives it.",
        )


def test_cache_calls_the_model_once_for_repeats(ex):
    model = FakePriceModel()
    price = _cached(ex, model, maxsize=8)
    body = card()
    for _ in range(5):
        price(body)
    expect(model.calls == 1, f"5 requests for one card called the model {model.calls} times.")


def test_cache_hits_for_an_equal_request(ex):
    model = FakePriceModel()
    price = _cached(ex, model, maxsize=8)
    first = card()  # kept alive, so the second dict cannot reuse its memory (and its id)
    price(first)
    same = dict(reversed(list(card().items())))  # a new dict: same content, other key order
    price(same)
    expect(
        model.calls == 1,
        "An equal card in a new dict called the model again. Every request is a new object, "
        "so a key made from id() or the dict's order never hits: key on the content.",
    )


def test_cache_tells_different_cards_apart(ex):
    model = FakePriceModel()
    price = _cached(ex, model, maxsize=8)
    normal, holo = price(card(finish="normal")), price(card(finish="holofoil"))
    expect(
        model.calls == 2 and not math.isclose(normal, holo),
        "Two cards that differ only in finish got the same cached price. The key must use "
        "every field, not just the name.",
    )


def test_cache_forgets_the_least_recently_used_card(ex):
    model = FakePriceModel()
    price = _cached(ex, model, maxsize=2)
    a, b, c = card(hp=60), card(hp=70), card(hp=90)
    for body in (a, b, a, c, a, b):  # c pushes out b (a was used more recently); b misses
        price(body)
    hints = {3: "Nothing was forgotten: keep at most `maxsize` cards.",
             5: "The oldest *stored* card was forgotten (a queue); forget the least recently "
                "*used* one, so a popular card stays."}  # fmt: skip
    expect(
        model.calls == 4,
        f"With maxsize=2 the requests a, b, a, c, a, b should call the model 4 times, not "
        f"{model.calls}. {hints.get(model.calls, '')}",
    )


# Exercise 4: the load test --------------------------------------------------------------------


class Recorder:
    """ASGI middleware around the reference app: counts the requests the server receives,
    the most it handles at once, and can make each one take `delay` seconds."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.reset()

    def reset(self, delay: float = 0.0) -> None:
        self.delay, self.received, self.in_flight, self.peak = delay, 0, 0, 0

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.received += 1
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        finished = False

        async def send_and_count(message: dict) -> None:
            nonlocal finished
            # The request stops counting as in flight just before its last byte goes out.
            last = message["type"] == "http.response.body" and not message.get("more_body")
            if last and not finished:
                finished = True
                self.in_flight -= 1
            await send(message)

        try:
            await asyncio.sleep(self.delay)
            await self.app(scope, receive, send_and_count)
        finally:
            if not finished:
                self.in_flight -= 1


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[Recorder, str]]:
    recorder = Recorder(reference_app(FakePriceModel()))
    with running_server(recorder) as url:  # 127.0.0.1, a free port, stopped afterwards
        yield recorder, url


def run_load_test(ex, server, n: int, concurrency: int, delay: float = 0.0, payload=None):
    recorder, url = server
    recorder.reset(delay)
    started = time.perf_counter()
    report = ex.load_test(f"{url}/predict", payload or card(), n, concurrency)
    return report, time.perf_counter() - started, recorder


KEYS = ("p50_ms", "p95_ms", "p99_ms", "throughput_rps", "errors")


def _numbers(report: Any) -> dict[str, float]:
    expect_type(report, dict, "load_test's report")
    missing = [k for k in KEYS if k not in report]
    expect(not missing, f"load_test's report lacks {missing}; it has {sorted(report)}.")
    for key in KEYS:
        value = report[key]
        expect(
            isinstance(value, int | float | np.number) and math.isfinite(value),
            f"report[{key!r}] should be a finite number, not {value!r}.",
        )
    return {key: float(report[key]) for key in KEYS}


@pytest.mark.time_limit(20)
def test_load_test_reports_latency_percentiles_and_throughput(ex, server):
    report, _, _ = run_load_test(ex, server, n=20, concurrency=4)
    got = _numbers(report)
    expect(
        0 < got["p50_ms"] <= got["p95_ms"] <= got["p99_ms"],
        f"Percentiles must be positive and ordered p50 <= p95 <= p99: {report}",
    )
    expect(got["throughput_rps"] > 0, f"Throughput must be positive: {report}")
    expect(got["errors"] == 0, f"Valid requests to a healthy server were counted as errors: "
                               f"{report}")  # fmt: skip


@pytest.mark.time_limit(20)
def test_load_test_sends_exactly_n_requests(ex, server):
    _, _, recorder = run_load_test(ex, server, n=37, concurrency=5)
    expect(
        recorder.received == 37,
        f"load_test(..., n_requests=37, concurrency=5) sent {recorder.received} requests to "
        "the server, not 37.",
    )


@pytest.mark.time_limit(20)
def test_load_test_reports_milliseconds(ex, server):
    report, _, _ = run_load_test(ex, server, n=6, concurrency=1, delay=0.05)
    p50 = _numbers(report)["p50_ms"]
    expect(
        50 <= p50 < 5_000,
        f"Every request took at least 50 ms, yet p50_ms is {p50:.4g}."
        + (" That looks like seconds: multiply by 1000." if p50 < 1 else ""),
    )


@pytest.mark.time_limit(20)
def test_load_test_keeps_concurrency_requests_in_flight(ex, server):
    _, _, recorder = run_load_test(ex, server, n=16, concurrency=4, delay=0.1)
    expect(
        recorder.peak <= 4,
        f"With concurrency=4 the server had {recorder.peak} requests at once: keep at most "
        "`concurrency` in flight (a pool of that many workers).",
    )
    expect(
        recorder.peak >= 2,
        "With concurrency=4 the requests still arrived one at a time: send them from "
        "`concurrency` threads (or tasks) at once.",
    )


@pytest.mark.time_limit(20)
def test_load_test_throughput_is_requests_over_wall_time(ex, server):
    report, elapsed, _ = run_load_test(ex, server, n=16, concurrency=8, delay=0.1)
    got = _numbers(report)["throughput_rps"]
    outside = 16 / elapsed  # the rate the grader saw, set-up included: a lower bound
    fastest = 16 / (2 * 0.1)  # 8 at a time, 100 ms each: no run can beat this
    expect(
        0.8 * outside <= got <= 1.2 * fastest,
        f"throughput_rps is {got:.1f}, but 16 requests finished in {elapsed:.2f} s "
        f"({outside:.1f} per second). Divide the number of requests by the wall-clock time "
        "of the whole run, not by the sum of latencies (1000 / mean latency ignores that "
        "requests run in parallel).",
    )


@pytest.mark.time_limit(20)
def test_load_test_counts_failed_requests(ex, server):
    report, _, _ = run_load_test(ex, server, n=10, concurrency=2, payload={"name": "no card"})
    errors = _numbers(report)["errors"]
    expect(
        errors == 10,
        f"All 10 requests got 422 (the payload is not a card), but errors is {errors:g}. "
        "Count every response that is not 2xx (`response.is_success`).",
    )


# Exercise 5: A/B testing ------------------------------------------------------------------------


def power_at(n: int, p1: float, effect: float, alpha: float) -> float:
    """Power of the two-sided pooled z-test with n per arm (normal approximation)."""
    p2 = p1 + effect
    pooled = (p1 + p2) / 2
    se_null = math.sqrt(2 * pooled * (1 - pooled) / n)
    se_alt = math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n)
    return float(stats.norm.cdf((abs(effect) - stats.norm.ppf(1 - alpha / 2) * se_null) / se_alt))


def smallest_n(p1: float, effect: float, alpha: float, power: float) -> int:
    """The smallest n per arm whose power reaches `power`, by bisection on power_at."""
    low, high = 1, 2
    while power_at(high, p1, effect, alpha) < power:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (
            (low, middle) if power_at(middle, p1, effect, alpha) >= power else (middle, high)
        )
    return high


# (baseline rate, minimum effect, alpha, power), from the smallest sample to the largest.
SAMPLE_SIZE_CASES = [
    (0.50, 0.10, 0.05, 0.80),
    (0.50, 0.10, 0.01, 0.80),
    (0.30, 0.05, 0.05, 0.90),
    (0.10, 0.02, 0.05, 0.80),
    (0.10, -0.02, 0.05, 0.80),
    (0.05, 0.01, 0.05, 0.80),
    (0.02, 0.005, 0.05, 0.80),
]


def _sample_size_mistakes(p1: float, effect: float, alpha: float, power: float) -> dict:
    z = stats.norm.ppf
    spread = math.sqrt(p1 * (1 - p1) + (p1 + effect) * (1 - p1 - effect))
    return {
        "the power term is missing (that design detects the effect only half the time)":
            (z(1 - alpha / 2) * spread / effect) ** 2,
        "alpha was not halved: the test is two-sided, use z(1 - alpha/2)":
            ((z(1 - alpha) + z(power)) * spread / effect) ** 2,
        "the effect was read as relative; minimum_effect is absolute (0.02 = 10% -> 12%)":
            ((z(1 - alpha / 2) + z(power)) * spread / (effect * p1)) ** 2,
    }  # fmt: skip


@pytest.mark.parametrize(("baseline", "effect", "alpha", "power"), SAMPLE_SIZE_CASES)
def test_sample_size_matches_the_power_calculation(ex, baseline, effect, alpha, power):
    n = ex.ab_sample_size(baseline, effect, alpha, power)
    expect(
        isinstance(n, int | np.integer) and not isinstance(n, bool),
        f"ab_sample_size should return a whole number of visitors (int), not {n!r}.",
    )
    expected = smallest_n(baseline, effect, alpha, power)
    why = next(
        (text for text, wrong in _sample_size_mistakes(baseline, effect, alpha, power).items()
         if abs(n - wrong) <= 0.02 * wrong + 1),
        "",
    )  # fmt: skip
    expect_close(
        int(n), expected, rel=0.02, abs_tol=1.0,
        what=f"ab_sample_size({baseline}, {effect}, alpha={alpha}, power={power})", why=why,
    )  # fmt: skip


def test_sample_size_reaches_the_power_in_simulation(ex):
    baseline, effect = 0.10, 0.03
    n = int(ex.ab_sample_size(baseline, effect, 0.05, 0.80))
    expect(10 < n < 100_000, f"ab_sample_size(0.10, 0.03) = {n} is not a plausible size.")
    rng = np.random.default_rng(7)
    a = rng.binomial(n, baseline, size=4000) / n
    b = rng.binomial(n, baseline + effect, size=4000) / n
    pooled = (a + b) / 2
    z = (b - a) / np.sqrt(pooled * (1 - pooled) * 2 / n)
    detected = float(np.mean(np.abs(z) > stats.norm.ppf(0.975)))
    expect(
        0.76 <= detected <= 0.86,
        f"4,000 simulated experiments with {n} visitors per arm detected a real 10% -> 13% "
        f"change {detected:.0%} of the time; the design promised 80%.",
    )


# (conversions A, visitors A, conversions B, visitors B, alpha)
SIGNIFICANCE_CASES = [
    (50, 1000, 50, 1000, 0.05),  # identical: z = 0, p = 1
    (100, 1000, 130, 1000, 0.05),  # B better, significant at 5%
    (100, 1000, 130, 1000, 0.01),  # the same data, not significant at 1%
    (300, 2000, 240, 2000, 0.05),  # B worse: still a finding
    (412, 5210, 455, 5190, 0.05),  # unequal arms, not significant
]


@pytest.mark.parametrize(("ca", "na", "cb", "nb", "alpha"), SIGNIFICANCE_CASES)
def test_significance_matches_the_chi_square_test(ex, ca, na, cb, nb, alpha):
    result = ex.ab_significance(ca, na, cb, nb, alpha)
    expect_type(result, dict, "ab_significance's result")
    keys = ("rate_a", "rate_b", "difference", "z", "p_value", "significant")
    missing = [k for k in keys if k not in result]
    expect(not missing, f"ab_significance's result lacks {missing}.")
    table = np.array([[ca, na - ca], [cb, nb - cb]])
    chi2, p_value, _, _ = stats.chi2_contingency(table, correction=False)
    expect_close(result["rate_a"], ca / na, rel=1e-9, what="rate_a")
    expect_close(
        result["difference"],
        cb / nb - ca / na,
        rel=1e-9,
        abs_tol=1e-12,
        what="difference",
        why="It is rate_b - rate_a (negative when B is worse).",
    )
    sign = np.sign(cb / nb - ca / na)
    expect_close(
        result["z"],
        sign * math.sqrt(chi2),
        rel=1e-6,
        abs_tol=1e-9,
        what="z",
        why="Use the pooled rate in the standard error; z > 0 when B converts more.",
    )
    why = "That is the one-sided p-value: double it." if math.isclose(
        result["p_value"], p_value / 2, rel_tol=1e-6) else ""  # fmt: skip
    expect_close(result["p_value"], p_value, rel=1e-6, abs_tol=1e-12, what="p_value", why=why)
    flag = result["significant"]
    expect(
        isinstance(flag, bool | np.bool_) and bool(flag) == (p_value < alpha),
        f"significant should be {p_value < alpha} (p = {p_value:.4f}, alpha = {alpha}), "
        f"not {flag!r}.",
    )
