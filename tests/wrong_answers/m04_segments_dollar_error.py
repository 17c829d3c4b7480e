"""Error by segment in dollars instead of log price: expensive segments look worst."""

import numpy as np
import pandas as pd

REJECTED_BY = ["test_error_by_segment_small_case", "test_error_by_segment_matches_groupby"]


def error_by_segment(results: pd.DataFrame, by: str) -> pd.DataFrame:
    truth = results[TRUE_COLUMN].to_numpy(dtype=float)  # noqa: F821
    predicted = results[PRED_COLUMN].to_numpy(dtype=float)  # noqa: F821
    rows = pd.DataFrame({
        by: results[by].astype("object").where(results[by].notna(), MISSING_SEGMENT),  # noqa: F821
        "abs_error": np.abs(predicted - truth),
        "close": np.abs(predicted - truth) <= WITHIN_25 * truth,  # noqa: F821
    })
    table = rows.groupby(by).agg(n=("abs_error", "size"), mae_log=("abs_error", "mean"),
                                 within_25=("close", "mean"))
    return table.sort_values("mae_log", ascending=False).reset_index()
