"""Reads every widening gap as 'too many features': scenario A's curve moves along the
tree's depth, not along the number of inputs or rows."""

REJECTED_BY = ["test_scenario_gets_the_right_diagnosis"]


def diagnose_overfitting():
    return {"A": "too_many_features", "B": "too_many_features", "C": "tuned_on_validation"}
