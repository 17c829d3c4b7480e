"""Diagnoses that return the notebook's answers whatever the logs say: right once, wrong on
every log with another cause."""

import pandas as pd

REJECTED_BY = ["test_diagnose_accuracy_drop_finds_the_planted_cause",
               "test_diagnose_single_class_finds_the_planted_cause"]


def diagnose_accuracy_drop(log: pd.DataFrame, events: pd.DataFrame) -> tuple[str, str]:
    return "price_unit_change", "convert_units"


def diagnose_single_class(log: pd.DataFrame, events: pd.DataFrame) -> tuple[str, str]:
    return "constant_feature", "fix_feature_pipeline"
