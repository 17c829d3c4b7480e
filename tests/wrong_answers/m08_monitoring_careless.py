"""Monitoring written in a hurry: an A/B sample size that forgets power (half the needed
listings), drift flagged at any change (PSI > 0) that ignores categories the reference never
had and crashes on a missing column, an absurd threshold, and a yearly retrain with no
triggers and no gate."""

# ruff: noqa: F821 (names like `build_features` come from the solution this file extends)

from typing import Any

import pandas as pd

REJECTED_BY = [
    "test_ab_plan_sample_size_matches_the_formula",
    "test_drift_report_is_quiet_on_identical_data",
    "test_drift_report_flags_each_simulated_incident",
    "test_drift_thresholds_are_sensible",
    "test_retraining_schedule_is_complete",
]

_full_plan = ab_test_plan


def ab_test_plan() -> dict[str, Any]:
    plan = _full_plan()
    return plan | {"sample_size_per_arm": plan["sample_size_per_arm"] // 2}


def drift_thresholds() -> dict[str, float]:
    return {"psi_drift": 2.0}


def drift_report(reference: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for column in ("market_price", "set_id", "rarity"):
        if column == "market_price":
            value = _numeric_psi(reference[column], current[column])
        else:
            shares = current[column].value_counts(normalize=True)
            reference_shares = reference[column].value_counts(normalize=True)
            value = _psi(
                reference_shares.to_numpy(),
                shares.reindex(reference_shares.index).fillna(0).to_numpy(),
            )
        rows.append({"column": column, "statistic": value, "drifted": value >= 0})
    return pd.DataFrame(rows)


def retraining_schedule() -> dict[str, Any]:
    return {"cadence_days": 365, "triggers": []}
