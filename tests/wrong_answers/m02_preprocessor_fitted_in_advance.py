"""Returns a preprocessor already fitted on the whole course table, "ready to use": every
row, test cards included, has shaped its statistics before anyone chose a split."""

from sklearn.compose import ColumnTransformer

from mlcourse.data import load_cards

REJECTED_BY = ["test_preprocessor_comes_back_unfitted"]

# build_preprocessor is the solution's, defined above this file when the test appends it.
_solution_build_preprocessor = build_preprocessor  # noqa: F821


def build_preprocessor(numeric: list[str], categorical: list[str]) -> ColumnTransformer:
    cards = load_cards()
    cards["set_age_years"] = _set_age_years(cards)  # noqa: F821 (the solution's helper)
    return _solution_build_preprocessor(numeric, categorical).fit(cards)
