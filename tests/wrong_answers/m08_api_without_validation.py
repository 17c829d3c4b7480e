"""An API that takes any JSON dict (no pydantic model: extra fields, NaN, a 100,000-character
name all reach the model and fail inside it with a 500) and answers in log price."""

# ruff: noqa: F821 (names like `build_features` come from the solution this file extends)

from typing import Any

import numpy as np
import pandas as pd
from fastapi import FastAPI

REJECTED_BY = [
    "test_api_answers_health_and_predict",
    "test_api_prices_a_batch_in_order",
    "test_api_answers_each_edge_case_without_a_500",
]


def create_app(model: Any) -> FastAPI:
    app = FastAPI()

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/predict")
    def predict(card: dict[str, Any]) -> dict[str, Any]:
        frame = pd.DataFrame([card])
        frame["set_release_date"] = pd.to_datetime(frame["set_release_date"])
        price = float(model.predict(build_features(frame))[0])
        return {"name": card["name"], "finish": card["finish"], "price": price}

    @app.post("/predict/batch")
    def predict_batch(batch: dict[str, Any]) -> dict[str, Any]:
        frame = pd.DataFrame(batch["cards"])
        prices = model.predict(build_features(frame))
        return {"predictions": [{"price": float(p)} for p in np.asarray(prices)]}

    return app
