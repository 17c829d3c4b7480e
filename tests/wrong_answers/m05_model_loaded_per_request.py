"""An app that calls the model loader inside the endpoints: the model is loaded again for
every request instead of once at start-up."""

from fastapi import FastAPI, HTTPException
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

REJECTED_BY = ["test_app_loads_the_model_once_at_start_up"]


def create_app(model):
    def current():
        return model if hasattr(model, "predict") else model()

    app = FastAPI()

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request, exc):
        problems = [{"loc": e["loc"], "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        return JSONResponse(status_code=422, content={"detail": problems})

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.post("/predict")
    def predict(card: CardRequest):  # noqa: F821
        return _prices(current(), [card])[0]  # noqa: F821

    @app.post("/predict/batch")
    def predict_batch(batch: BatchRequest):  # noqa: F821
        if len(batch.cards) > MAX_BATCH:  # noqa: F821
            raise HTTPException(413, f"At most {MAX_BATCH} cards per batch.")  # noqa: F821
        return {"predictions": _prices(current(), batch.cards)}  # noqa: F821

    return app
