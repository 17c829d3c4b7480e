"""Data tests for `mlcourse.production`: each test names the property it checks.

The real batches must be the two real snapshots; the simulated batches and incident logs must
carry exactly the effects module 06 teaches learners to find, at the planted time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mlcourse import production
from mlcourse.data import load_cards
from mlcourse.production import (
    BATCH_NAMES,
    CENTS_FACTOR,
    INCIDENT_CAUSES,
    MISSING_COLUMN,
    NEW_SET_ID,
    drift_batch,
    hourly_summary,
    incident,
)

ALL_INCIDENTS = [(kind, cause) for kind, causes in INCIDENT_CAUSES.items() for cause in causes]
LOG_COLUMNS = ["timestamp", "request_id", "client", "model_version", "card_id", "set_id",
               "rarity", "finish", "asking_price", "cache_hit", "latency_ms", "predicted_tier",
               "actual_tier"]  # fmt: skip


def _split(made: production.Incident) -> tuple[pd.DataFrame, pd.DataFrame]:
    at = made.log["timestamp"] >= made.started_at
    return made.log[~at], made.log[at]


def _hourly(made: production.Incident) -> tuple[pd.DataFrame, pd.DataFrame]:
    hours = hourly_summary(made.log)
    return hours[hours.index < made.started_at.floor("h")], hours[hours.index > made.started_at]


def test_determinism_batches_and_logs_are_rebuilt_identically():
    first = {name: drift_batch(name) for name in BATCH_NAMES}
    latency = incident("latency")
    production._batches.cache_clear()
    production._incident.cache_clear()
    for name, batch in first.items():
        pd.testing.assert_frame_equal(drift_batch(name), batch)
    again = incident("latency")
    pd.testing.assert_frame_equal(again.log, latency.log)
    pd.testing.assert_frame_equal(again.events, latency.events)


def test_independence_callers_get_copies():
    batch = drift_batch("current")
    batch["market_price"] = -1.0
    made = incident("accuracy")
    made.log.loc[:, "latency_ms"] = -1.0
    assert (drift_batch("current")["market_price"] > 0).all()
    assert (incident("accuracy").log["latency_ms"] > 0).all()


def test_shape_every_batch_has_the_rows_and_columns_of_the_real_snapshot():
    reference = drift_batch("reference")
    assert len(reference) == 10_441  # every card x finish priced in both snapshots
    for name in BATCH_NAMES:
        batch = drift_batch(name)
        assert len(batch) == len(reference), name
        expected = [c for c in reference.columns if name != "sim_missing_column"
                    or c != MISSING_COLUMN]  # fmt: skip
        assert list(batch.columns) == expected, name


def test_provenance_reference_is_february_and_current_is_march():
    cards = load_cards()
    both = cards[cards["prev_market_price"].notna()].reset_index(drop=True)
    reference, current = drift_batch("reference"), drift_batch("current")
    np.testing.assert_array_equal(reference["market_price"], both["prev_market_price"])
    np.testing.assert_array_equal(current["market_price"], both["market_price"])
    assert (reference["card_id"] == current["card_id"]).all()
    assert not reference.attrs["simulated"] and not current.attrs["simulated"]


def test_marking_every_simulated_batch_is_named_and_flagged():
    for name in BATCH_NAMES:
        assert drift_batch(name).attrs["simulated"] == name.startswith("sim_")
    assert incident("latency").log.attrs["simulated"]


def test_direction_real_weekly_drift_is_small():
    reference, current = drift_batch("reference"), drift_batch("current")
    ks = stats.ks_2samp(reference["market_price"], current["market_price"])
    assert ks.statistic < 0.02 and ks.pvalue > 0.5  # a week of real noise: not detectable
    changed = (reference["market_price"] != current["market_price"]).mean()
    assert 0.6 < changed < 0.9  # yet most single prices did move


def test_planted_cents_batch_has_a_median_100_times_larger():
    ratio = drift_batch("sim_cents")["market_price"].median() / drift_batch("current")[
        "market_price"
    ].median()
    assert ratio == pytest.approx(CENTS_FACTOR)


def test_planted_missing_column_is_missing():
    assert MISSING_COLUMN not in drift_batch("sim_missing_column").columns
    assert MISSING_COLUMN in drift_batch("current").columns


def test_planted_new_set_is_unseen_and_rare_heavy():
    reference, batch = drift_batch("reference"), drift_batch("sim_new_set")
    new = batch[batch["set_id"] == NEW_SET_ID]
    assert NEW_SET_ID not in set(reference["set_id"])
    assert len(new) == round(len(batch) * production.NEW_SET_BATCH_SHARE)
    common = ["Common", "Uncommon"]
    assert new["rarity"].isin(common).mean() < reference["rarity"].isin(common).mean() - 0.2
    table = pd.crosstab(
        np.r_[np.zeros(len(reference)), np.ones(len(batch))],
        pd.concat([reference["rarity"], batch["rarity"]]).fillna("none").to_numpy(),
    )
    assert stats.chi2_contingency(table).pvalue < 1e-6


@pytest.mark.parametrize(("kind", "cause"), ALL_INCIDENTS)
def test_schema_incident_logs_have_the_documented_columns(kind, cause):
    made = incident(kind, cause)
    assert list(made.log.columns) == LOG_COLUMNS
    assert made.log["timestamp"].is_monotonic_increasing
    assert list(made.events.columns) == production.EVENT_COLUMNS
    assert made.events["timestamp"].is_monotonic_increasing
    culprit = made.events[made.events["timestamp"] == made.started_at]
    assert len(culprit) == 1, "exactly one event happens when the incident starts"
    assert set(made.log["actual_tier"]) <= set(production.TIERS)


@pytest.mark.parametrize("cause", INCIDENT_CAUSES["accuracy"])
def test_planted_accuracy_falls_from_87_to_65_percent(cause):
    before, after = _hourly(incident("accuracy", cause))
    assert before["accuracy"].mean() == pytest.approx(0.87, abs=0.02)
    assert after["accuracy"].mean() == pytest.approx(0.65, abs=0.03)


def test_planted_unit_change_multiplies_mobile_asking_prices_by_100():
    before, after = _split(incident("accuracy", "price_unit_change"))
    medians = pd.DataFrame({
        "before": before.groupby("client")["asking_price"].median(),
        "after": after.groupby("client")["asking_price"].median(),
    })  # fmt: skip
    ratio = medians["after"] / medians["before"]
    assert ratio["mobile"] > 30
    assert ratio.drop("mobile").between(0.7, 1.4).all()


def test_planted_new_set_appears_only_after_its_release():
    before, after = _split(incident("accuracy", "new_set"))
    assert NEW_SET_ID not in set(before["set_id"])
    share = (after["set_id"] == NEW_SET_ID).mean()
    assert share == pytest.approx(production.NEW_SET_TRAFFIC_SHARE, abs=0.03)


@pytest.mark.parametrize("cause", INCIDENT_CAUSES["latency"])
def test_planted_latency_jumps_from_50_to_2000_ms_after_the_event(cause):
    made = incident("latency", cause)
    before, after = _hourly(made)
    assert before["latency_p50_ms"].median() == pytest.approx(50, rel=0.1)
    assert after["latency_p50_ms"].median() == pytest.approx(2000, rel=0.1)
    hour = pd.Timedelta(hours=1)
    log = made.log.set_index("timestamp")["latency_ms"]
    last_hour = log[made.started_at - hour : made.started_at - pd.Timedelta(seconds=1)]
    first_hour = log[made.started_at : made.started_at + hour]
    assert last_hour.median() < 100 < 1000 < first_hour.median()


def test_planted_slow_model_arrives_with_its_deploy():
    made = incident("latency", "model_too_slow")
    before, after = _split(made)
    deploy = made.events.set_index("timestamp").loc[made.started_at]
    assert deploy["event_type"] == "model_deploy"
    assert set(after["model_version"]) == {deploy["version"]}
    assert deploy["version"] not in set(before["model_version"])
    assert after["cache_hit"].mean() > 0.9  # the cache still works: the model is slow


def test_planted_cache_switch_off_stops_every_cache_hit():
    made = incident("latency", "cache_disabled")
    before, after = _split(made)
    assert before["cache_hit"].mean() > 0.9 and not after["cache_hit"].any()
    assert made.events.set_index("timestamp").loc[made.started_at, "event_type"] == (
        "config_change"
    )


@pytest.mark.parametrize("cause", INCIDENT_CAUSES["single_class"])
def test_planted_single_class_predictions_start_at_the_event(cause):
    before, after = _split(incident("single_class", cause))
    assert set(before["predicted_tier"]) == set(production.TIERS)
    assert set(after["predicted_tier"]) == {"bulk"}
    constant = after["asking_price"].nunique() == 1
    assert constant == (cause == "constant_feature")  # inputs broken, or the model


@pytest.mark.parametrize(("kind", "cause"), ALL_INCIDENTS)
def test_variant_cause_moves_with_the_start_time(kind, cause):
    made = incident(kind, cause, start="2025-03-05 19:45", seed=99)
    assert made.started_at == pd.Timestamp("2025-03-05 19:45")
    assert (made.events["timestamp"] == made.started_at).sum() == 1
    default = incident(kind, cause)
    assert not made.log["predicted_tier"].equals(default.log["predicted_tier"])


@pytest.mark.parametrize(
    ("kind", "cause", "start"),
    [("latency", "new_set", None), ("outage", None, None), ("latency", None, "2025-03-03 02:00")],
)
def test_validation_rejects_unknown_incidents_and_starts(kind, cause, start):
    with pytest.raises(ValueError):
        incident(kind, cause, start)
