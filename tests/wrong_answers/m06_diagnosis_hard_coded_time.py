"""A latency diagnosis hard-coded to the notebook's incident: it blames whichever event is
closest to 2025-03-04 14:30 instead of finding when latency jumped in the log it is given."""

import pandas as pd

REJECTED_BY = ["test_diagnose_latency_spike_finds_the_planted_cause"]

PLANTED_AT = pd.Timestamp("2025-03-04 14:30")


def diagnose_latency_spike(log: pd.DataFrame, events: pd.DataFrame) -> tuple[str, str]:
    culprit = events.loc[(events["timestamp"] - PLANTED_AT).abs().idxmin()]
    if culprit["event_type"] == "config_change":
        return "cache_disabled", "enable_cache"
    return "model_too_slow", "rollback_model"
