"""Error by segment with a plain groupby: rows whose rarity is missing silently vanish."""

import numpy as np
import pandas as pd

REJECTED_BY = ["test_error_by_segment_small_case", "test_error_by_segment_counts_every_row",
               "test_error_by_segment_matches_groupby"]


def error_by_segment(results: pd.DataFrame, by: str) -> pd.DataFrame:
    truth = results[TRUE_COLUMN].to_numpy(dtype=float)  # noqa: F821
    predicted = results[PRED_COLUMN].to_numpy(dtype=float)  # noqa: F821
    rows = pd.DataFrame({
        by: results[by],
        "abs_log_error": np.abs(np.log(predicted) - np.log(truth)),
        "close": np.abs(predicted - truth) <= WITHIN_25 * truth,  # noqa: F821
    })
    table = rows.groupby(by).agg(n=("abs_log_error", "size"),
                                 mae_log=("abs_log_error", "mean"),
                                 within_25=("close", "mean"))
    return table.sort_values("mae_log", ascending=False).reset_index()
