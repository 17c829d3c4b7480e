"""Training that compares nothing and records nothing: one model fitted and returned, no
MLflow run, so nobody can see what was tried, how it scored, or load the model again."""

# ruff: noqa: F821 (names like `build_features` come from the solution this file extends)

import numpy as np
import pandas as pd

REJECTED_BY = [
    "test_training_logs_four_algorithms_with_metrics",
    "test_training_logs_a_tuning_search",
    "test_training_logs_a_loadable_model_with_signature",
]


def train_models(train: pd.DataFrame, tracking_uri: str, experiment: str = "x") -> dict:
    model = build_pipeline().fit(build_features(train), np.log(train["market_price"]))
    return {"model": model, "run_id": None, "algorithm": "hist_gradient_boosting", "cv_mae": {}}
