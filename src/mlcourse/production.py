"""What a model in production sees, for module 06: input batches to monitor and incident logs.

Two kinds of data, kept apart on purpose:

- **Real drift.** `drift_batch("reference")` is the cards table priced on 2025-02-22 (the
  `prev_market_price` snapshot) and `drift_batch("current")` the same 10,441 card x finish
  rows priced on 2025-03-01. Every difference between them is real market movement: a week
  of sales, about 7% per price, most of it noise that a monitor should *not* alarm on.
- **Simulated incidents** (not real events; every name starts with `sim_` or says so):
  batches `sim_cents` (prices sent in cents), `sim_missing_column` (`rarity` dropped) and
  `sim_new_set` (a made-up set with an unseen id and a rare-heavy rarity mix), and
  `incident(kind)`: four days of a simulated prediction log and deploy/event log for each of
  three incidents, with a root cause planted at one event:

  | kind | symptom | planted causes (the first is the default) |
  | --- | --- | --- |
  | `accuracy` | hourly accuracy 87% -> 65% | `price_unit_change`, `new_set` |
  | `latency` | median latency 50 ms -> 2,000 ms | `model_too_slow`, `cache_disabled` |
  | `single_class` | every prediction is `bulk` | `constant_feature`, `broken_model` |

The simulated service is PokeMarket's *listing triage* model: it puts each new listing in a
price tier (`bulk` under $1, `mid` under $20, `premium` from $20). Requests are real cards;
the asking price, client, latency, cache and the model's answers are drawn with a fixed seed.
Everything is built from `load_cards()` on first use, kept in memory, and returned as copies.

>>> incident("latency").cause
'model_too_slow'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mlcourse.data import ATTRIBUTES, load_cards

SEED = 6  # every simulated draw in this module starts from this seed
BATCH_NAMES = ("reference", "current", "sim_cents", "sim_missing_column", "sim_new_set")
CENTS_FACTOR = 100  # sim_cents: a dollar price arrives as cents
MISSING_COLUMN = "rarity"  # sim_missing_column: the column an upstream change dropped
NEW_SET_ID = "sim-nx1"  # the simulated new set; no real set has this id
NEW_SET_BATCH_SHARE = 0.25  # share of sim_new_set rows that come from the new set

TIERS = ("bulk", "mid", "premium")
TIER_EDGES = (1.0, 20.0)  # USD: bulk < $1 <= mid < $20 <= premium
LOG_START = pd.Timestamp("2025-03-03 00:00")  # the logs are in UTC
LOG_HOURS = 96
REQUESTS_PER_HOUR = 40
HEALTHY_ACCURACY = 0.87  # share of tiers the simulated model gets right on healthy traffic
CLIENT_SHARES = {"web": 0.55, "mobile": 0.27, "api": 0.18}
NEW_SET_TRAFFIC_SHARE = 0.35  # share of requests for the new set once it is released
NEW_SET_ACCURACY = 0.25  # the model's accuracy on a set it has never seen
CACHE_HIT_RATE = 0.97
MS = {"cache_hit": 8.0, "cache_miss": 1950.0, "model": 42.0, "slow_model": 1950.0}  # medians
BASE_VERSION = "v2.3.0"

INCIDENT_CAUSES: dict[str, tuple[str, str]] = {
    "accuracy": ("price_unit_change", "new_set"),
    "latency": ("model_too_slow", "cache_disabled"),
    "single_class": ("constant_feature", "broken_model"),
}
INCIDENT_STARTS = {  # when the default incident of each kind starts
    "accuracy": pd.Timestamp("2025-03-05 09:00"),
    "latency": pd.Timestamp("2025-03-04 14:30"),
    "single_class": pd.Timestamp("2025-03-05 22:00"),
}
EVENT_COLUMNS = ["timestamp", "event_type", "component", "version", "detail"]
# The event that brings in each planted cause: (event_type, component, version, detail).
_CULPRITS = {
    "price_unit_change": ("upstream_change", "listing-service", "7.0",
                          "listing-service 7.0: the mobile app moves to the new pricing API"),
    "new_set": ("set_release", "catalog", NEW_SET_ID,
                f"set {NEW_SET_ID} (simulated) opens for listings"),
    "model_too_slow": ("model_deploy", "triage-model", "v2.4.0",
                       "model v2.4.0: boosted ensemble of 3,000 trees, offline accuracy +1 pt"),
    "cache_disabled": ("config_change", "feature-service", None,
                       "feature cache: enabled -> disabled while debugging stale features"),
    "constant_feature": ("feature_deploy", "feature-pipeline", "1.8.0",
                         "feature pipeline 1.8.0: asking price now joined from the pricing DB"),
    "broken_model": ("model_deploy", "triage-model", "v3.0.0",
                     "model v3.0.0: retrained on the new feature table"),
}  # fmt: skip
# Harmless changes around every incident, at these offsets in hours (dropped if off the log).
_DECOYS = [
    (-30, "model_deploy", "triage-model", "v2.3.1", "model v2.3.1: weekly retrain, same settings"),
    (-20, "config_change", "serving", None, "autoscaler: max replicas 4 -> 6"),
    (-10, "upstream_change", "listing-service", "6.9",
     "listing-service 6.9: adds an optional `condition` field"),
    (12, "feature_deploy", "feature-pipeline", "1.7.3", "feature pipeline 1.7.3: log format"),
]  # fmt: skip


def tier_of(price: pd.Series | np.ndarray) -> np.ndarray:
    """The price tier (`bulk`, `mid`, `premium`) of each price in USD."""
    return np.asarray(TIERS, dtype=object)[np.searchsorted(TIER_EDGES, price, side="right")]


def _new_set_cards(cards: pd.DataFrame, n: int, rng: np.random.Generator) -> pd.DataFrame:
    """`n` SIMULATED cards of a new set: real cards, rare-heavy, relabelled as set NEW_SET_ID."""
    common = cards["rarity"].isin(["Common", "Uncommon"]).to_numpy()
    weights = np.where(common, 1.0, 6.0)  # new sets are sold on their chase cards
    rows = cards.iloc[rng.choice(len(cards), n, p=weights / weights.sum())].copy()
    numbers = np.arange(1, n + 1).astype(str)
    return rows.assign(
        card_id=[f"{NEW_SET_ID}-{k}" for k in numbers], set_id=NEW_SET_ID, number=numbers,
        set_name="Simulated Surge (not a real set)", series="Scarlet & Violet",
        set_release_date=pd.Timestamp("2025-03-05"),
    ).reset_index(drop=True)  # fmt: skip


@functools.cache
def _batches() -> dict[str, pd.DataFrame]:
    cards = load_cards()
    both = cards[cards["prev_market_price"].notna()].reset_index(drop=True)
    keep = [*ATTRIBUTES, "finish"]
    reference = both[keep].assign(
        market_price=both["prev_market_price"], price_date=both["prev_price_date"]
    )
    current = both[keep].assign(market_price=both["market_price"], price_date=both["price_date"])
    rng = np.random.default_rng(SEED)
    n_new = round(len(current) * NEW_SET_BATCH_SHARE)
    kept = current.iloc[np.sort(rng.choice(len(current), len(current) - n_new, replace=False))]
    return {
        "reference": reference,
        "current": current,
        "sim_cents": current.assign(market_price=current["market_price"] * CENTS_FACTOR),
        "sim_missing_column": current.drop(columns=MISSING_COLUMN),
        "sim_new_set": pd.concat([kept, _new_set_cards(current, n_new, rng)], ignore_index=True),
    }


def drift_batch(name: str) -> pd.DataFrame:
    """One batch of model inputs with their market price, for drift monitoring.

    Args:
        name: One of `BATCH_NAMES`:
            - `reference`: REAL, the 2025-02-22 prices (the world the model was trained on);
            - `current`: REAL, the same rows priced on 2025-03-01 (real weekly drift);
            - `sim_cents`: SIMULATED, `current` with every price x100 (sent in cents);
            - `sim_missing_column`: SIMULATED, `current` without the `rarity` column;
            - `sim_new_set`: SIMULATED, 75% of `current` plus 25% cards of a made-up set
              `NEW_SET_ID` with a rare-heavy rarity mix.

    Returns:
        The card attribute columns of `load_cards()`, `finish`, `market_price` (USD, except
        in `sim_cents`) and `price_date`. `reference` and `current` share row order.
        `DataFrame.attrs["simulated"]` says whether the batch is simulated.

    Raises:
        KeyError: for an unknown batch name.
    """
    if name not in BATCH_NAMES:
        raise KeyError(f"no batch {name!r}; choose one of {BATCH_NAMES}")
    batch = _batches()[name].copy()
    batch.attrs["simulated"] = name.startswith("sim_")
    return batch


@dataclass(frozen=True)
class Incident:
    """One SIMULATED incident: the logs an on-call engineer gets, and the planted answer.

    Attributes:
        kind: `accuracy`, `latency` or `single_class`.
        cause: The planted root cause (the answer key; diagnose from the logs, not from this).
        started_at: When the planted cause took effect (the time of its event).
        log: The prediction log, one row per request: `timestamp`, `request_id`, `client`,
            `model_version`, the card (`card_id`, `set_id`, `rarity`, `finish`),
            `asking_price` (USD as the model received it), `cache_hit`, `latency_ms`,
            `predicted_tier` and `actual_tier` (the tier of the card's real market price,
            known once the card sells).
        events: The deploy/event log: `timestamp`, `event_type` (`model_deploy`,
            `feature_deploy`, `config_change`, `upstream_change`, `set_release`),
            `component`, `version` and `detail`.
    """

    kind: str
    cause: str
    started_at: pd.Timestamp
    log: pd.DataFrame
    events: pd.DataFrame


def _events(cause: str, start: pd.Timestamp) -> pd.DataFrame:
    rows = [(start, *_CULPRITS[cause])]
    for hours, *event in _DECOYS:
        when = start + pd.Timedelta(hours=hours)
        if LOG_START < when < LOG_START + pd.Timedelta(hours=LOG_HOURS):
            rows.append((when, *event))
    events = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    events = events.astype({"timestamp": "datetime64[ns]", "version": "str"})
    return events.sort_values("timestamp", ignore_index=True)


def _noisy_tiers(actual: np.ndarray, accuracy: float, rng: np.random.Generator) -> np.ndarray:
    """Predictions that are right with probability `accuracy`, else a neighbouring tier."""
    index = np.searchsorted(TIERS, actual)  # TIERS is sorted: bulk < mid < premium
    step = np.where(rng.random(len(index)) < 0.5, -1, 1)
    wrong = np.clip(index + step, 0, 2)
    wrong = np.where(wrong == index, 1, wrong)  # bulk and premium can only go to mid
    right = rng.random(len(index)) < accuracy
    return np.asarray(TIERS, dtype=object)[np.where(right, index, wrong)]


def _lognormal(median: float, n: int, rng: np.random.Generator, sigma: float = 0.2) -> np.ndarray:
    return median * np.exp(rng.normal(0.0, sigma, n))


def _healthy_log(cards: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n = LOG_HOURS * REQUESTS_PER_HOUR
    seconds = np.sort(rng.uniform(0, LOG_HOURS * 3600, n)).astype(int)
    rows = cards.iloc[rng.integers(0, len(cards), n)].reset_index(drop=True)
    actual = tier_of(rows["market_price"])
    cache_hit = rng.random(n) < CACHE_HIT_RATE
    feature_ms = np.where(cache_hit, _lognormal(MS["cache_hit"], n, rng, 0.3),
                          _lognormal(MS["cache_miss"], n, rng))  # fmt: skip
    return pd.DataFrame({
        "timestamp": (LOG_START + pd.to_timedelta(seconds, unit="s")).astype("datetime64[ns]"),
        "request_id": np.arange(1, n + 1),
        "client": rng.choice(list(CLIENT_SHARES), n, p=list(CLIENT_SHARES.values())),
        "model_version": BASE_VERSION,
        **{c: rows[c] for c in ("card_id", "set_id", "rarity", "finish")},
        "asking_price": np.round(np.maximum(_lognormal(1.0, n, rng) * rows["market_price"],
                                            0.01), 2),
        "cache_hit": cache_hit,
        "latency_ms": feature_ms + _lognormal(MS["model"], n, rng),
        "predicted_tier": _noisy_tiers(actual, HEALTHY_ACCURACY, rng),
        "actual_tier": actual,
    })  # fmt: skip


def _plant(log: pd.DataFrame, cause: str, after: np.ndarray, rng: np.random.Generator) -> None:
    """Change the rows at or after the incident's start the way `cause` would (in place)."""
    n = int(after.sum())
    if cause == "price_unit_change":
        hit = after & (log["client"] == "mobile").to_numpy()
        log.loc[hit, "asking_price"] *= CENTS_FACTOR
        log.loc[hit, "predicted_tier"] = tier_of(log.loc[hit, "asking_price"])
    elif cause == "new_set":
        hit = after & (rng.random(len(log)) < NEW_SET_TRAFFIC_SHARE)
        new = _new_set_cards(_batches()["current"], int(hit.sum()), rng)
        for column in ("card_id", "set_id", "rarity", "finish"):
            log.loc[hit, column] = new[column].to_numpy()
        log.loc[hit, "asking_price"] = np.round(new["market_price"].to_numpy()
                                                * _lognormal(1.0, len(new), rng), 2)
        log.loc[hit, "actual_tier"] = tier_of(new["market_price"])
        log.loc[hit, "predicted_tier"] = _noisy_tiers(tier_of(new["market_price"]),
                                                      NEW_SET_ACCURACY, rng)
    elif cause == "model_too_slow":
        log.loc[after, "latency_ms"] += _lognormal(MS["slow_model"] - MS["model"], n, rng)
    elif cause == "cache_disabled":
        log.loc[after & log["cache_hit"].to_numpy(), "latency_ms"] += MS["cache_miss"]
        log.loc[after, "cache_hit"] = False
    elif cause == "constant_feature":
        log.loc[after, "asking_price"] = 0.0  # a failed join, filled with a default
        log.loc[after, "predicted_tier"] = "bulk"
    elif cause == "broken_model":
        log.loc[after, "predicted_tier"] = "bulk"  # the majority class, whatever the input


@functools.cache
def _incident(kind: str, cause: str, start: pd.Timestamp, seed: int) -> Incident:
    rng = np.random.default_rng([seed, *map(ord, cause)])
    log = _healthy_log(_batches()["current"], rng)
    events = _events(cause, start)
    for _, deploy in events[events["event_type"] == "model_deploy"].iterrows():
        log.loc[log["timestamp"] >= deploy["timestamp"], "model_version"] = deploy["version"]
    _plant(log, cause, (log["timestamp"] >= start).to_numpy(), rng)
    log["latency_ms"] = log["latency_ms"].round(1)
    log.attrs["simulated"] = events.attrs["simulated"] = True
    return Incident(kind, cause, start, log, events)


def incident(
    kind: str, cause: str | None = None, start: str | pd.Timestamp | None = None, seed: int = SEED
) -> Incident:
    """The SIMULATED logs of one incident, with its root cause planted at `start`.

    Args:
        kind: `accuracy`, `latency` or `single_class`.
        cause: One of `INCIDENT_CAUSES[kind]`; defaults to the first.
        start: When the cause takes effect, at least 12 hours inside the four-day log
            (2025-03-03 to 2025-03-07, UTC); defaults to `INCIDENT_STARTS[kind]`.
        seed: Seed of every simulated draw; other values give other, equally valid logs.

    Returns:
        An `Incident` whose tables are fresh copies.

    Raises:
        ValueError: for an unknown kind or cause, or a start too close to the log's ends.
    """
    if kind not in INCIDENT_CAUSES:
        raise ValueError(f"no incident kind {kind!r}; choose one of {list(INCIDENT_CAUSES)}")
    cause = cause or INCIDENT_CAUSES[kind][0]
    if cause not in INCIDENT_CAUSES[kind]:
        raise ValueError(f"a {kind} incident has causes {INCIDENT_CAUSES[kind]}, not {cause!r}")
    when = pd.Timestamp(start) if start is not None else INCIDENT_STARTS[kind]
    margin = pd.Timedelta(hours=12)
    if not LOG_START + margin <= when <= LOG_START + pd.Timedelta(hours=LOG_HOURS) - margin:
        raise ValueError(f"start {when} must lie at least 12 hours inside the log")
    made = _incident(kind, cause, when, seed)
    return Incident(kind, cause, when, made.log.copy(), made.events.copy())


def hourly_summary(log: pd.DataFrame) -> pd.DataFrame:
    """Per-hour monitoring numbers of a prediction log, indexed by the hour's start.

    Columns: `requests`, `accuracy`, `latency_p50_ms`, `latency_p95_ms`, `cache_hit_rate`,
    `top_tier_share` (share of the most frequent predicted tier), `asking_price_median`
    and `asking_price_std`.
    """
    rows = log.assign(correct=log["predicted_tier"] == log["actual_tier"])
    hours = rows.groupby(rows["timestamp"].dt.floor("h"))
    return pd.DataFrame({
        "requests": hours.size(),
        "accuracy": hours["correct"].mean(),
        "latency_p50_ms": hours["latency_ms"].median(),
        "latency_p95_ms": hours["latency_ms"].quantile(0.95),
        "cache_hit_rate": hours["cache_hit"].mean(),
        "top_tier_share": hours["predicted_tier"].agg(lambda s: s.value_counts(normalize=True)
                                                      .iloc[0]),
        "asking_price_median": hours["asking_price"].median(),
        "asking_price_std": hours["asking_price"].std(),
    }).rename_axis("hour")  # fmt: skip
