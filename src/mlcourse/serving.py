"""The reference serving app: the course's price model behind a validated HTTP API.

`mlcourse serve` runs it, and module 05's notebook, tests and benchmarks use it. The contract:

- `GET /health`: 200 once the model is loaded (at start-up, in the app's lifespan), 503 before.
- `POST /predict`: one card (`CardRequest`) -> its suggested price (`PricePrediction`).
- `POST /predict/batch`: `{"cards": [...]}` with 1 to `MAX_BATCH` cards -> their prices, in
  order, from one model call.
- A bad request gets a 4xx whose message names the problem, never a 500: 422 for anything
  the schema rejects (missing or extra field, wrong type, value out of range, unknown category,
  NaN or infinity, empty batch, over-long or invalid text); 413 for a batch over
  `MAX_BATCH` cards or a body over `MAX_BODY_BYTES`. `EDGE_CASES` lists the ten named cases.

>>> with TestClient(create_app(train_reference_model)) as client:  # doctest: +SKIP
...     client.post("/predict", json=EXAMPLE_CARD).json()["price"]
"""

from __future__ import annotations

import json
import math
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import AbstractContextManager, asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Annotated, Any, Literal, Protocol

import numpy as np
import pandas as pd
import uvicorn
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from threadpoolctl import ThreadpoolController

from mlcourse import __version__
from mlcourse.data import load_cards
from mlcourse.models import fit_price_model, predict_price
from mlcourse.quality import EARLIEST_RELEASE, HP_RANGE, RARITIES
from mlcourse.schemas import FINISHES, SUPERTYPES

MAX_BATCH = 256  # cards per /predict/batch request; more gets 413
MAX_BODY_BYTES = 1_000_000  # request body size; more gets 413 before the body is read
MAX_NAME_LENGTH = 100  # characters; the longest real card name has 41
MAX_TEXT_LENGTH = 100  # characters for series, subtypes and types; also what errors echo
LATEST_RELEASE = date(2030, 12, 31)  # later release dates are typos, not new sets
STARTUP_TIMEOUT = 15.0  # seconds `running_server` waits for uvicorn to start

EXAMPLE_CARD: dict[str, Any] = {  # a valid /predict body: Base Set Alakazam, holofoil
    "name": "Alakazam", "set_id": "base1", "number": "1", "set_release_date": "1999-01-09",
    "series": "Base", "rarity": "Rare Holo", "supertype": "Pokémon", "subtypes": "Stage 2",
    "types": "Psychic", "hp": 80, "retreat_cost": 3, "pokedex_number": 65, "finish": "holofoil",
}  # fmt: skip


class Predictor(Protocol):
    """What the app needs of a model: `predict` from `card_features` rows to log prices."""

    def predict(self, X: pd.DataFrame) -> np.ndarray: ...  # noqa: N803 (scikit-learn's name)


# Pydantic also refuses text JSON can carry but UTF-8 cannot (a lone surrogate, "\ud800").
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_LENGTH)]
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT_LENGTH)]


class CardRequest(BaseModel):
    """One card to price: what a seller knows when listing it, named like `load_cards()`."""

    model_config = ConfigDict(
        extra="forbid", allow_inf_nan=False, json_schema_extra={"examples": [EXAMPLE_CARD]}
    )

    name: Name = Field(description="as printed, in any language or script")
    set_id: str = Field(pattern=r"^[a-z0-9]+$", max_length=20, description="e.g. base1, sv3pt5")
    number: str = Field(pattern=r"^[A-Za-z0-9]+$", max_length=10, description="collector number")
    set_release_date: date = Field(ge=EARLIEST_RELEASE.date(), le=LATEST_RELEASE)
    series: Text
    rarity: Literal[RARITIES] | None = None  # type: ignore[valid-type]
    supertype: Literal[SUPERTYPES]  # type: ignore[valid-type]
    subtypes: Text | None = Field(None, description='"|"-joined, "Basic|V"')
    types: Text | None = Field(None, description='"|"-joined, "Fire"')
    hp: int | None = Field(None, ge=HP_RANGE[0], le=HP_RANGE[1], strict=True)
    retreat_cost: int = Field(0, ge=0, le=5, strict=True)
    pokedex_number: int | None = Field(None, ge=1, le=1025, strict=True)
    finish: Literal[FINISHES]  # type: ignore[valid-type]


class BatchRequest(BaseModel):
    """Several cards to price in one request."""

    model_config = ConfigDict(extra="forbid")

    # maxItems documents the limit; the endpoint enforces it, with 413 rather than 422.
    cards: list[CardRequest] = Field(min_length=1, json_schema_extra={"maxItems": MAX_BATCH})


class PricePrediction(BaseModel):
    """The suggested price of one card."""

    name: str
    finish: str
    price: float = Field(description="suggested market price, USD")


class BatchPrediction(BaseModel):
    """Suggested prices, in the order the cards were sent."""

    predictions: list[PricePrediction]


class Health(BaseModel):
    """The app is up and its model is loaded."""

    status: Literal["ok"] = "ok"
    model: str = Field(description="class name of the loaded model")


@cache
def _threadpools() -> ThreadpoolController:
    return ThreadpoolController()


def one_thread() -> AbstractContextManager[object]:
    """Limit OpenMP (used by HistGradientBoosting) to one thread in the calling thread.

    Under a web server many requests predict at once; OpenMP threads from each then fight
    over the cores, and a one-card prediction that takes ~12 ms alone takes ~200 ms. One
    thread per request, and more worker processes for more cores, scale predictably.
    """
    return _threadpools().limit(limits=1, user_api="openmp")


def price_cards(model: Predictor, cards: Sequence[CardRequest]) -> list[PricePrediction]:
    """Price `cards` with a single model call: a batch costs little more than one card."""
    frame = pd.DataFrame([card.model_dump() for card in cards])
    with one_thread():
        prices = predict_price(model, frame)
    return [
        PricePrediction(name=card.name, finish=card.finish, price=float(price))
        for card, price in zip(cards, prices, strict=True)
    ]


def _loaded_model(request: Request) -> Predictor:
    model = getattr(request.app.state, "model", None)
    if model is None:
        raise HTTPException(503, "The model is not loaded yet (the app is starting); retry.")
    return model


LoadedModel = Annotated[Any, Depends(_loaded_model)]


def _echo(part: str | int) -> str | int:
    if isinstance(part, int):
        return part
    return str(part)[:MAX_TEXT_LENGTH].encode("utf-8", "backslashreplace").decode("utf-8")


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422 with one entry per problem, shaped like FastAPI's, without the offending input.

    FastAPI's own handler repeats each bad value back. NaN and infinity cannot be written as
    JSON and a lone surrogate cannot be written as UTF-8, so for those inputs the error
    response itself fails and the client gets a 500. A huge value would also be sent back.
    """
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"loc": [_echo(p) for p in error["loc"]], "msg": _echo(error["msg"]), "type": error["type"]}
        for error in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": problems})


async def limit_body_size(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """413 for a declared body over `MAX_BODY_BYTES`, before any of it is read or parsed.

    It trusts `Content-Length`; a proxy in front (nginx `client_max_body_size`) should also
    cap bodies sent without one.
    """
    length = request.headers.get("content-length", "0")
    if not length.isdigit():
        return JSONResponse(status_code=400, content={"detail": "Bad Content-Length header."})
    if int(length) > MAX_BODY_BYTES:
        detail = f"The body has {int(length):,} bytes; the limit is {MAX_BODY_BYTES:,}."
        return JSONResponse(status_code=413, content={"detail": detail})
    return await call_next(request)


_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"description": f"More than {MAX_BATCH} cards, or a body over {MAX_BODY_BYTES:,} bytes"},
    503: {"description": "The model is not loaded yet"},
}


def create_app(model: Predictor | Callable[[], Predictor]) -> FastAPI:
    """Build the price API around `model`.

    Args:
        model: A fitted model as `mlcourse.models.fit_price_model` returns it, or a function
            with no arguments that returns one. A function is called once, when the app
            starts (its lifespan), never per request.

    Returns:
        The FastAPI app; its OpenAPI docs are at `/docs`, the schema at `/openapi.json`.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.model = model if hasattr(model, "predict") else model()
        yield
        app.state.model = None

    app = FastAPI(
        title="PokeMarket price API",
        version=__version__,
        description="Suggested market prices for Pokemon cards (course reference model).",
        lifespan=lifespan,
    )
    app.add_exception_handler(RequestValidationError, validation_error)
    app.middleware("http")(limit_body_size)

    @app.get("/health", responses={503: _ERRORS[503]})
    def health(loaded: LoadedModel) -> Health:
        return Health(model=type(loaded).__name__)

    @app.post("/predict", responses=_ERRORS)
    def predict(card: CardRequest, loaded: LoadedModel) -> PricePrediction:
        return price_cards(loaded, [card])[0]

    @app.post("/predict/batch", responses=_ERRORS)
    def predict_batch(batch: BatchRequest, loaded: LoadedModel) -> BatchPrediction:
        if len(batch.cards) > MAX_BATCH:
            raise HTTPException(
                413,
                f"A batch holds at most {MAX_BATCH} cards; this one has {len(batch.cards)}. "
                "Send it as several smaller batches.",
            )
        return BatchPrediction(predictions=price_cards(loaded, batch.cards))

    return app


@dataclass(frozen=True)
class EdgeCase:
    """One way a request can go wrong, and the answer the course's contract expects."""

    path: str  # endpoint it is sent to
    body: str  # raw JSON text: NaN and Infinity are not JSON, yet Python's parser takes them
    status: int
    mentions: tuple[str, ...]  # what a clear answer names: the field, the limit, the name
    why: str


def _json(**changes: Any) -> str:
    """The example card as JSON text with `changes` applied; a change to None drops the key."""
    card = {key: value for key, value in {**EXAMPLE_CARD, **changes}.items() if value is not None}
    return json.dumps(card, ensure_ascii=False)


UNICODE_NAME = "Flabébé ニドラン♀ 🃏"  # accents, Japanese, a symbol and an emoji

_BATCH = "/predict/batch"
EDGE_CASES: dict[str, EdgeCase] = {
    "missing_field": EdgeCase("/predict", _json(finish=None), 422, ("finish",),
                              "Required: the answer says which field is missing."),
    "wrong_type": EdgeCase("/predict", _json(hp="eighty"), 422, ("hp",),
                           "hp is a whole number, not a word."),
    "negative_or_absurd": EdgeCase("/predict", _json(hp=-50, retreat_cost=99), 422,
                                   ("hp", "retreat_cost"), "Outside what real cards have."),
    "unknown_category": EdgeCase("/predict", _json(finish="glitter"), 422, ("finish",),
                                 "Not a finish the model knows; the answer lists the allowed."),
    "nan_or_infinity": EdgeCase("/predict", _json(hp=math.nan, pokedex_number=math.inf), 422,
                                ("hp", "pokedex_number"), "Not numbers: keep them from the model."),
    "empty_batch": EdgeCase(_BATCH, json.dumps({"cards": []}), 422, ("cards",),
                            "Nothing to price: almost always a bug in the client."),
    "oversized_batch": EdgeCase(_BATCH, json.dumps({"cards": [EXAMPLE_CARD] * (MAX_BATCH + 1)}),
                                413, (str(MAX_BATCH),), "Valid cards, too many: split the batch."),
    "extra_field": EdgeCase("/predict", _json(market_price=66.69), 422, ("market_price",),
                            "Unknown field (a typo, or the answer itself): refuse it loudly."),
    "huge_string": EdgeCase("/predict", _json(name="A" * 100_000), 422, ("name",),
                            f"Over {MAX_NAME_LENGTH} characters: no real card name is."),
    "unicode_name": EdgeCase("/predict", _json(name=UNICODE_NAME), 200, (UNICODE_NAME,),
                             "Valid: real names use accents and other scripts. Price it."),
}  # fmt: skip


def train_reference_model() -> Predictor:
    """The reference price model fitted on every priced card (about a second)."""
    with one_thread():
        return fit_price_model(load_cards())


def reference_app() -> FastAPI:
    """The app `mlcourse serve` runs: trains the reference model at start-up, once per worker."""
    return create_app(train_reference_model)


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Run the reference app with uvicorn until Ctrl+C; OpenAPI docs at /docs.

    Args:
        host: Interface to listen on; 127.0.0.1 is this machine only, 0.0.0.0 every interface.
        port: TCP port.
        workers: Worker processes. Each loads its own copy of the model and serves requests
            on one core; more workers use more cores (and more memory).
    """
    print(f"PokeMarket price API: docs at http://{host}:{port}/docs (Ctrl+C stops it)")
    uvicorn.run(
        "mlcourse.serving:reference_app", factory=True, host=host, port=port, workers=workers
    )


@contextmanager
def running_server(app: Any, host: str = "127.0.0.1") -> Iterator[str]:
    """Run `app` with uvicorn in a background thread on a free port; yield its base URL.

    For tests, notebooks and benchmarks: the server listens on `host` only (loopback by
    default), runs its lifespan, and is stopped when the block exits.

    Raises:
        RuntimeError: if the server does not start within `STARTUP_TIMEOUT` seconds.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))  # port 0: the system picks a free one, with no race
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start; see the log above")
            time.sleep(0.01)
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_TIMEOUT)
        sock.close()
