"""An evaluation that reads a log error of 0.25 as "within 25%" (it is 28% up, 22% down),
reports segments by rarity only, and plots a single scatter."""

# ruff: noqa: F821 (names like `build_features` come from the solution this file extends)

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

REJECTED_BY = [
    "test_evaluate_matches_an_independent_computation",
    "test_evaluate_reports_error_by_finish",
    "test_plot_has_two_panels_with_data",
]

_full_evaluation = evaluate


def evaluate(model: Any, test: pd.DataFrame) -> dict[str, Any]:
    result = _full_evaluation(model, test)
    error = model.predict(build_features(test)) - np.log(test["market_price"].to_numpy())
    segments = result["segments"]
    return result | {
        "within_25": float(np.mean(np.abs(error) <= 0.25)),
        "segments": segments[segments["column"] == "rarity"],
    }


def plot_errors(model: Any, test: pd.DataFrame) -> Figure:
    figure = Figure()
    axes = figure.subplots()
    axes.scatter(test["market_price"], np.exp(model.predict(build_features(test))))
    return figure
