"""Error by segment sorted by segment size, so the worst segment is buried mid-table."""

import pandas as pd

REJECTED_BY = ["test_error_by_segment_small_case", "test_error_by_segment_puts_worst_segment_first"]

_right_error_by_segment = error_by_segment  # noqa: F821 (defined in the solution above)


def error_by_segment(results: pd.DataFrame, by: str) -> pd.DataFrame:
    table = _right_error_by_segment(results, by)
    return table.sort_values("n", ascending=False, kind="stable").reset_index(drop=True)
