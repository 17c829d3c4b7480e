"""A health check that answers the plain text "OK": enough for a probe that only looks at
the status, but not the `{"status": "ok"}` the API's clients were promised."""

from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse

REJECTED_BY = ["test_health_says_ok"]


def create_app(model):
    @asynccontextmanager
    async def lifespan(app):
        app.state.model = model if hasattr(model, "predict") else model()
        yield

    app = FastAPI(lifespan=lifespan)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request, exc):
        problems = [{"loc": e["loc"], "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        return JSONResponse(status_code=422, content={"detail": problems})

    @app.get("/health", response_class=PlainTextResponse)
    def health():
        return "OK"

    @app.post("/predict")
    def predict(card: CardRequest, request: Request):  # noqa: F821
        return _prices(request.app.state.model, [card])[0]  # noqa: F821

    @app.post("/predict/batch")
    def predict_batch(batch: BatchRequest, request: Request):  # noqa: F821
        if len(batch.cards) > MAX_BATCH:  # noqa: F821
            raise HTTPException(413, f"At most {MAX_BATCH} cards per batch.")  # noqa: F821
        return {"predictions": _prices(request.app.state.model, batch.cards)}  # noqa: F821

    return app
