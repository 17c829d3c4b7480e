"""Fixes scenario B with Ridge on the same 86 columns: shrinkage alone cannot make 60 rows
support that many inputs, so the gap stays above half its size."""

from sklearn.linear_model import Ridge

REJECTED_BY = ["test_fix_halves_the_gap_and_improves_validation"]

_correct_fix_overfitting = fix_overfitting  # noqa: F821 (defined by the solution above)


def fix_overfitting(scenario, train, valid):
    if scenario == "B":
        return team_model("B").set_params(linearregression=Ridge(alpha=3.0))  # noqa: F821
    return _correct_fix_overfitting(scenario, train, valid)
