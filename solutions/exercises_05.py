"""Module 05 - Deployment and inference: exercises.

PokeMarket's price model works in a notebook. To help sellers it has to leave the notebook:
saved to a file nobody can swap for a malicious one, served over HTTP to the listing page,
robust to every malformed request a client can send, fast under load, and tested against the
page without it. These exercises build each piece.

This is the reference solution: every body is written, with comments on why, and the two
request models declare their fields. Grade it with
`uv run pytest --solutions exercises/test_exercises_05.py` or with the check panel at the end
of `notebooks/05_deployment.py`. Keep the names, signatures and constants as they are.

Besides the imports below you will want: `hashlib`, `io` and `joblib` (exercise 1); from
`fastapi` `HTTPException` and `Request`, `fastapi.exceptions.RequestValidationError`,
`fastapi.responses.JSONResponse` and `contextlib.asynccontextmanager` (2); `json` and
`functools.lru_cache` (3); `httpx`, `time`, `concurrent.futures.ThreadPoolExecutor` and `numpy`
(4); `math` and `scipy.stats.norm` (5).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import httpx
import joblib
import numpy as np
import pandas as pd
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from scipy.stats import norm

from mlcourse.models import predict_price

# The API's contract: the same limits as the course's reference app (`mlcourse.serving`).
from mlcourse.quality import HP_RANGE, RARITIES  # noqa: F401
from mlcourse.schemas import FINISHES, SUPERTYPES  # noqa: F401
from mlcourse.serving import MAX_BATCH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH  # noqa: F401

FIRST_RELEASE = date(1996, 1, 1)  # the card game launched in Japan in 1996
LAST_RELEASE = date(2030, 12, 31)  # a later release date is a typo, not a new set


# Exercise 1: save and load a model, with an integrity check --------------------------------


class ModelIntegrityError(ValueError):
    """A model file's checksum is not the expected one: the file must not be loaded."""


def save_model(model: Any, path: str | Path) -> str:
    """Save `model` to `path` and return the SHA-256 checksum of the file written.

    Store the checksum somewhere the model file's writer cannot change (the model registry,
    the deployment config): `load_model` compares against it before loading anything.

    Args:
        model: Any fitted model, e.g. a scikit-learn Pipeline.
        path: The file to write (joblib format; parent folders must exist).

    Returns:
        The file's SHA-256 as 64 lowercase hex characters.

    >>> digest = save_model(model, "model.joblib")  # doctest: +SKIP
    >>> len(digest)  # doctest: +SKIP
    64
    """
    path = Path(path)
    joblib.dump(model, path)
    # Hash the bytes on disk, not the object: the file is what gets copied and loaded.
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_model(path: str | Path, expected_sha256: str) -> Any:
    """Load a model saved by `save_model`, but only if the file's checksum is `expected_sha256`.

    A joblib or pickle file is a program: loading it can call any function, so a tampered
    file runs the attacker's code with your permissions. The checksum must be checked on the
    bytes *before* anything unpickles them.

    Args:
        path: The model file.
        expected_sha256: The checksum `save_model` returned (hex, either case).

    Returns:
        The model.

    Raises:
        ModelIntegrityError: if the file's SHA-256 is not `expected_sha256`; the message says
            so and shows both checksums. Nothing is unpickled in that case.

    >>> model = load_model("model.joblib", digest)  # doctest: +SKIP
    """
    data = Path(path).read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256.strip().lower():
        raise ModelIntegrityError(
            f"{path}: sha256 checksum mismatch (expected {expected_sha256}, file has {actual}). "
            "The file changed since it was saved; refusing to load it."
        )
    # Unpickle the bytes that were checked, not the file again: it could change in between.
    return joblib.load(io.BytesIO(data))


# Exercise 2: the request model and the app --------------------------------------------------


class CardRequest(BaseModel):
    """One card to price: what a seller knows when listing it.

    Field names and meanings are those of `mlcourse.data.load_cards()`, so a table of
    requests goes straight into `mlcourse.models.predict_price`:

    | field | type | rule |
    | --- | --- | --- |
    | name | str | required, 1 to MAX_NAME_LENGTH characters, any script |
    | set_id | str | required, lowercase letters and digits (`base1`), at most 20 |
    | number | str | required, letters and digits (`1`, `TG05`), at most 10 |
    | set_release_date | date | required, FIRST_RELEASE to LAST_RELEASE |
    | series | str | required, 1 to MAX_TEXT_LENGTH characters |
    | rarity | str or None | one of RARITIES, default None |
    | supertype | str | required, one of SUPERTYPES |
    | subtypes, types | str or None | "|"-joined text, at most MAX_TEXT_LENGTH, default None |
    | hp | int or None | HP_RANGE[0] to HP_RANGE[1] (inclusive), default None |
    | retreat_cost | int | 0 to 5, default 0 |
    | pokedex_number | int or None | 1 to 1025, default None |
    | finish | str | required, one of FINISHES |

    Any other field is an error, not silently dropped.
    """

    # forbid: a typo ("finsh") or a field that should not be here ("market_price") is an
    # error the client hears about, instead of a default the model quietly prices.
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    set_id: str = Field(pattern=r"^[a-z0-9]+$", max_length=20)
    number: str = Field(pattern=r"^[A-Za-z0-9]+$", max_length=10)
    set_release_date: date = Field(ge=FIRST_RELEASE, le=LAST_RELEASE)
    series: str = Field(min_length=1, max_length=MAX_TEXT_LENGTH)
    # Literal turns the vocabularies into checks and into the OpenAPI docs' allowed values.
    rarity: Literal[RARITIES] | None = None  # type: ignore[valid-type]
    supertype: Literal[SUPERTYPES]  # type: ignore[valid-type]
    subtypes: str | None = Field(None, max_length=MAX_TEXT_LENGTH)
    types: str | None = Field(None, max_length=MAX_TEXT_LENGTH)
    # Integer fields refuse NaN and infinity (and 80.5) by themselves; a float field would
    # need `allow_inf_nan=False` and bounds.
    hp: int | None = Field(None, ge=HP_RANGE[0], le=HP_RANGE[1])
    retreat_cost: int = Field(0, ge=0, le=5)
    pokedex_number: int | None = Field(None, ge=1, le=1025)
    finish: Literal[FINISHES]  # type: ignore[valid-type]


class BatchRequest(BaseModel):
    """The body of `/predict/batch`: `{"cards": [card, ...]}`, at least one card.

    No other field is allowed. (The upper limit, MAX_BATCH, is checked in the endpoint: a
    batch that is too big gets 413, not 422.)
    """

    model_config = ConfigDict(extra="forbid")

    cards: list[CardRequest] = Field(min_length=1)


def _prices(model: Any, cards: list[CardRequest]) -> list[dict[str, Any]]:
    # One model call for the whole list: the model's cost is mostly per call, not per row.
    frame = pd.DataFrame([card.model_dump() for card in cards])
    prices = predict_price(model, frame)
    return [
        {"name": card.name, "finish": card.finish, "price": float(price)}
        for card, price in zip(cards, prices, strict=True)
    ]


def create_app(model: Any) -> FastAPI:
    """Build the price API: health, single and batch prediction, validated inputs.

    Endpoints:
    - `GET /health` -> 200 `{"status": "ok"}`.
    - `POST /predict`, body a `CardRequest` -> 200
      `{"name": ..., "finish": ..., "price": <dollars, float>}`.
    - `POST /predict/batch`, body a `BatchRequest` -> 200 `{"predictions": [one such dict
      per card, in order]}`, from a single call of the model.

    Prices come from `mlcourse.models.predict_price(model, cards_table)`, in dollars.

    Bad requests, never a 500 (the status decides what the client should do next):
    - 422 for anything the request models reject: missing field, wrong type, out-of-range
      value, unknown category, NaN or infinity, empty batch, extra field, over-long string.
      The body lists each problem with the field's name (FastAPI's `detail` list does).
    - 413 for a batch of more than MAX_BATCH cards: valid, but too big; send smaller ones.
      Say the limit in the message.
    - A name in any script ("Flabébé", "ニドラン") is valid: 200, the name returned intact.

    Args:
        model: A fitted price model, or a function with no arguments that returns one. A
            function is called exactly once, when the app starts (in its lifespan), not when
            `create_app` runs and not per request.

    Returns:
        The FastAPI app.

    >>> with TestClient(create_app(model)) as client:  # doctest: +SKIP
    ...     client.post("/predict", json=card).json()
    {'name': 'Alakazam', 'finish': 'holofoil', 'price': 45.63}
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Start-up: load once per process. Loading inside an endpoint would reload per request.
        app.state.model = model if hasattr(model, "predict") else model()
        yield

    app = FastAPI(title="PokeMarket price API", lifespan=lifespan)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's default handler repeats each bad value back ("input"). JSON cannot carry
        # NaN or Infinity, so for those inputs the error response itself fails: a 500. Send
        # where and what, not the value.
        problems = [{"loc": e["loc"], "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        return JSONResponse(status_code=422, content={"detail": problems})

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/predict")
    def predict(card: CardRequest, request: Request) -> dict[str, Any]:
        return _prices(request.app.state.model, [card])[0]

    @app.post("/predict/batch")
    def predict_batch(batch: BatchRequest, request: Request) -> dict[str, Any]:
        if len(batch.cards) > MAX_BATCH:
            raise HTTPException(
                status_code=413,
                detail=f"A batch holds at most {MAX_BATCH} cards, not {len(batch.cards)}: "
                "send several smaller batches.",
            )
        return {"predictions": _prices(request.app.state.model, batch.cards)}

    return app


# Exercise 3: a cache for repeated requests ---------------------------------------------------


def cached_predictor(model: Any, maxsize: int = 1024) -> Callable[[dict[str, Any]], float]:
    """A function that prices one card, calling the model only for cards it has not seen.

    Sellers list the same popular cards again and again; a request equal to a recent one
    should not cost a model call. Keep the `maxsize` most recently used prices (an LRU
    cache): when full, forget the card that was used longest ago.

    Args:
        model: A fitted price model for `mlcourse.models.predict_price`.
        maxsize: How many different cards to remember (>= 1).

    Returns:
        A function `price(card) -> float`: `card` is a validated request as a dict (e.g.
        `CardRequest.model_dump(mode="json")`), the result the price in dollars. Two cards
        with equal contents are the same card, whatever the dict object or its key order.

    >>> price = cached_predictor(model, maxsize=2)  # doctest: +SKIP
    >>> price(card) == price(dict(card))  # doctest: +SKIP
    True
    """

    # The key is the card's content as canonical text: equal dicts give equal keys, whatever
    # the object (id() would miss every new request) or the order of the keys.
    @lru_cache(maxsize=maxsize)
    def price_of(key: str) -> float:
        return float(predict_price(model, pd.DataFrame([json.loads(key)]))[0])

    def price(card: dict[str, Any]) -> float:
        return price_of(json.dumps(card, sort_keys=True, default=str))

    return price


# Exercise 4: a load test ---------------------------------------------------------------------


def load_test(
    url: str, payload: dict[str, Any], n_requests: int, concurrency: int
) -> dict[str, float]:
    """POST `payload` to `url` `n_requests` times, at most `concurrency` at once; time it.

    Args:
        url: The endpoint, e.g. "http://127.0.0.1:8000/predict".
        payload: The JSON body to send every time.
        n_requests: How many requests to send in total (>= 1).
        concurrency: How many requests may be in flight at the same time (>= 1).

    Returns:
        A dict of floats:
        - "p50_ms", "p95_ms", "p99_ms": percentiles of the request latencies, in
          milliseconds (latency: from sending one request to having its whole response);
        - "throughput_rps": completed requests per second of wall-clock time, from the first
          request sent to the last response received;
        - "errors": how many requests failed (a status other than 2xx, or no response).

    >>> load_test("http://127.0.0.1:8000/predict", card, 200, 8)  # doctest: +SKIP
    {'p50_ms': 14.2, 'p95_ms': 31.0, 'p99_ms': 40.3, 'throughput_rps': 480.5, 'errors': 0.0}
    """

    def one(client: httpx.Client) -> tuple[float, bool]:
        started = time.perf_counter()
        try:
            ok = client.post(url, json=payload).is_success
        except httpx.HTTPError:  # refused, timed out, reset: an error, not a crash
            ok = False
        return (time.perf_counter() - started) * 1000, ok

    # trust_env=False: a proxy from the environment must not sit between us and the server.
    limits = httpx.Limits(max_connections=concurrency)
    with httpx.Client(timeout=30.0, limits=limits, trust_env=False) as client:
        started = time.perf_counter()
        # A pool of `concurrency` threads keeps exactly that many requests in flight.
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            results = list(pool.map(lambda _: one(client), range(n_requests)))
        elapsed = time.perf_counter() - started
    latencies = np.array([ms for ms, _ in results])
    p50, p95, p99 = np.percentile(latencies, [50, 95, 99])
    return {
        "p50_ms": float(p50),
        "p95_ms": float(p95),
        "p99_ms": float(p99),
        # Not 1000 / mean latency: with requests in parallel, wall time is what counts.
        "throughput_rps": n_requests / elapsed,
        "errors": float(sum(not ok for _, ok in results)),
    }


# Exercise 5: A/B test design and analysis -------------------------------------------------------


def ab_sample_size(
    baseline_rate: float, minimum_effect: float, alpha: float = 0.05, power: float = 0.8
) -> int:
    """Visitors needed per arm to detect a change in a conversion rate, two-sided z-test.

    With p1 = baseline_rate, p2 = baseline_rate + minimum_effect, p = (p1 + p2) / 2 and
    z(q) the standard normal quantile (`scipy.stats.norm.ppf`):

        n = (z(1 - alpha/2) * sqrt(2 p (1 - p)) + z(power) * sqrt(p1 (1-p1) + p2 (1-p2)))^2
            / minimum_effect^2

    rounded up to a whole visitor. No continuity correction.

    Args:
        baseline_rate: Today's conversion rate, e.g. 0.10 for 10% of listings selling.
        minimum_effect: The smallest absolute change worth detecting, in rate units: 0.02
            means 10% -> 12% (not "2% of 10%"). Not zero; p2 stays between 0 and 1.
        alpha: False-positive rate of the test (two-sided).
        power: Chance of detecting a true effect of exactly `minimum_effect`.

    Returns:
        Visitors per arm, an int.

    >>> ab_sample_size(0.10, 0.02)
    3841
    """
    p1 = baseline_rate
    p2 = baseline_rate + minimum_effect
    pooled = (p1 + p2) / 2
    # Two terms: the noise under "no effect" sets the bar (alpha), the noise under the effect
    # sets how often we clear it (power). Forget the second and power is only 50%.
    z_alpha = norm.ppf(1 - alpha / 2) * math.sqrt(2 * pooled * (1 - pooled))
    z_power = norm.ppf(power) * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil((z_alpha + z_power) ** 2 / minimum_effect**2)


def ab_significance(
    conversions_a: int,
    visitors_a: int,
    conversions_b: int,
    visitors_b: int,
    alpha: float = 0.05,
) -> dict[str, float | bool]:
    """Two-sided two-proportion z-test: did B convert at a different rate than A?

    Use the pooled rate for the standard error under "no difference":
    p = (conversions_a + conversions_b) / (visitors_a + visitors_b),
    se = sqrt(p (1 - p) (1/visitors_a + 1/visitors_b)), z = (rate_b - rate_a) / se.

    Args:
        conversions_a: Visitors of arm A (today's page) who converted, e.g. listings sold.
        visitors_a: Visitors of arm A.
        conversions_b: Visitors of arm B (the page with price suggestions) who converted.
        visitors_b: Visitors of arm B.
        alpha: Significance level (two-sided). Assume 0 < p < 1.

    Returns:
        A dict: "rate_a", "rate_b" (floats), "difference" (rate_b - rate_a), "z",
        "p_value" (two-sided), and "significant" (a bool: p_value < alpha).

    >>> round(ab_significance(100, 1000, 130, 1000)["p_value"], 4)
    0.0355
    """
    rate_a = conversions_a / visitors_a
    rate_b = conversions_b / visitors_b
    pooled = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / visitors_a + 1 / visitors_b))
    z = (rate_b - rate_a) / se
    # Two-sided: a B that is worse is as much a finding as one that is better.
    p_value = float(2 * norm.sf(abs(z)))
    return {
        "rate_a": rate_a,
        "rate_b": rate_b,
        "difference": rate_b - rate_a,
        "z": z,
        "p_value": p_value,
        "significant": p_value < alpha,
    }
