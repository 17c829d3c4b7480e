"""An app that keeps FastAPI's default 422 handler. It echoes the bad value back, and JSON
cannot carry NaN or Infinity: a request with NaN gets a 500 instead of a 422."""

from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request

REJECTED_BY = [
    "test_edge_case_gets_the_right_status",
    "test_garbage_bodies_never_get_a_server_error",
]


def create_app(model):
    @asynccontextmanager
    async def lifespan(app):
        app.state.model = model if hasattr(model, "predict") else model()
        yield

    app = FastAPI(lifespan=lifespan)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.post("/predict")
    def predict(card: CardRequest, request: Request):  # noqa: F821
        return _prices(request.app.state.model, [card])[0]  # noqa: F821

    @app.post("/predict/batch")
    def predict_batch(batch: BatchRequest, request: Request):  # noqa: F821
        if len(batch.cards) > MAX_BATCH:  # noqa: F821
            raise HTTPException(413, f"At most {MAX_BATCH} cards per batch.")  # noqa: F821
        return {"predictions": _prices(request.app.state.model, batch.cards)}  # noqa: F821

    return app
