"""Finds the right root cause of the accuracy drop but answers it with "retrain" every time:
a new model trained on prices in cents learns the bug instead of undoing it."""

import pandas as pd

REJECTED_BY = ["test_diagnose_accuracy_drop_finds_the_planted_cause"]


def diagnose_accuracy_drop(log: pd.DataFrame, events: pd.DataFrame) -> tuple[str, str]:
    first_day = log["timestamp"] < log["timestamp"].min() + pd.Timedelta(hours=12)
    new_sets = ~log["set_id"].isin(set(log.loc[first_day, "set_id"]))
    cause = "new_set" if new_sets.mean() > 0.05 else "price_unit_change"
    return cause, "retrain_with_new_set"
