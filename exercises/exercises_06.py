"""Module 06 - Production ML and monitoring: exercises.

PokeMarket's models are live. These exercises are the tools of the person on call: drift
detectors that say whether today's inputs still look like the training data, an alerting
policy that wakes someone only when users are hurt, diagnoses of three incidents from their
logs, the incident report that follows, and the rule that decides when to retrain.

The incident logs come from `mlcourse.production.incident(kind)`: a SIMULATED listing-triage
model that puts each new listing in a price tier (`bulk`, `mid`, `premium`). Your functions
receive the two tables, never the answer.

Write each function body and delete its `raise NotImplementedError` line. Check your work with
`uv run pytest exercises/test_exercises_06.py` or with the check panel at the end of
`notebooks/06_monitoring.py`. Keep the names, signatures and constants as they are.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats  # noqa: F401 (the tests you will need are here)

# Exercise 1: drift detectors ---------------------------------------------------------------


def ks_test(
    reference: np.ndarray | pd.Series, current: np.ndarray | pd.Series
) -> tuple[float, float]:
    """Two-sample Kolmogorov-Smirnov test: has a numeric feature's distribution changed?

    The statistic is the largest vertical distance between the two empirical cumulative
    distribution functions (ECDFs), in either direction, taken over every observed value.

    Args:
        reference: Values of the feature in the reference window (e.g. training data).
        current: Values of the same feature in the window being checked.

    Returns:
        `(statistic, p_value)` as floats. Compute the statistic yourself from the two ECDFs;
        for the two-sided p-value, `scipy.stats.kstwo.sf(statistic, round(n * m / (n + m)))`
        (the asymptotic distribution) or `scipy.stats.ks_2samp` are both fine.

    >>> ks_test(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0]))
    (0.0, 1.0)
    """
    # TODO: compare the two ECDFs at every observed value; take the largest absolute gap.
    raise NotImplementedError


def psi(
    reference: np.ndarray | pd.Series,
    current: np.ndarray | pd.Series,
    n_bins: int = 10,
    epsilon: float = 1e-4,
) -> float:
    """Population stability index of a numeric feature, with bins from the reference.

    1. Bin edges: the quantiles of `reference` at 0, 1/n_bins, ..., 1 (`np.quantile`'s
       default), duplicates dropped (ties can merge bins), the first edge replaced by -inf and
       the last by +inf so every current value lands in a bin.
    2. Bins are closed on the right, as in `pandas.cut`: a value equal to an edge belongs to
       the bin that ends at that edge.
    3. Count both samples in the *same* bins and turn counts into proportions r_i and c_i.
    4. Raise every proportion below `epsilon` to `epsilon`, so an empty bin gives a large but
       finite term instead of log(0).
    5. PSI = sum over bins of (c_i - r_i) * ln(c_i / r_i).

    Rules of thumb: below 0.1 no real change, 0.1 to 0.25 moderate, above 0.25 large.

    Args:
        reference: Values of the feature in the reference window.
        current: Values in the window being checked.
        n_bins: Number of quantile bins before duplicates are merged.
        epsilon: Floor for a bin's proportion.

    Returns:
        The PSI as a float (0.0 for identical samples).

    >>> psi(np.arange(100.0), np.arange(100.0))
    0.0
    """
    # TODO: cut bins from the reference's quantiles, count both samples in them, sum the terms.
    raise NotImplementedError


MISSING = "(missing)"  # the category a missing value is counted as


def chi_square_drift(
    reference: pd.Series | list[str], current: pd.Series | list[str]
) -> tuple[float, float]:
    """Chi-square test of whether a categorical feature's mix of categories has changed.

    Build the 2 x k table of counts: one row per sample, one column per category seen in
    *either* sample (a category new in `current` has a reference count of 0), missing values
    counted as the category `MISSING`. Then test it with `scipy.stats.chi2_contingency` and
    its default settings.

    Args:
        reference: Category of each reference row (e.g. `rarity`).
        current: Category of each current row.

    Returns:
        `(statistic, p_value)` of the test, as floats.

    >>> chi_square_drift(["a", "b", "b"], ["a", "b", "b"])
    (0.0, 1.0)
    """
    # TODO: count each category in both samples (new ones too) and test the table.
    raise NotImplementedError


# Exercise 2: alerting ----------------------------------------------------------------------

ALERT_POLICY: dict[str, dict[str, tuple[float, float] | None]] = {
    # metric: {level: (severity threshold, minutes it must have lasted)}; None = never.
    "error_rate": {"page": (0.05, 5), "ticket": (0.01, 30)},
    "latency_p95_ms": {"page": (10.0, 10), "ticket": (2.0, 30)},
    "accuracy": {"page": (0.10, 60), "ticket": (0.03, 360)},
    "psi": {"page": None, "ticket": (0.25, 0)},
}
"""The alerting policy. Severity per metric (see `alert_level`):

| metric | severity | page when | ticket when |
| --- | --- | --- | --- |
| `error_rate` | share of requests that fail | >= 0.05 for >= 5 min | >= 0.01 for >= 30 min |
| `latency_p95_ms` | value / baseline | >= 10x for >= 10 min | >= 2x for >= 30 min |
| `accuracy` | baseline - value | drop >= 0.10 for >= 60 min | drop >= 0.03 for >= 360 min |
| `psi` | value | never | >= 0.25 (computed per day) |
"""


def alert_level(metric: str, value: float, baseline: float, sustained_minutes: float) -> str:
    """Decide who hears about a monitoring reading: `page`, `ticket` or `log`.

    A page wakes the on-call engineer now: users are hurt (failures, a slow or clearly
    wrong service) and it has lasted long enough not to be a blip. A ticket is work for
    office hours: drift beyond its threshold or a mild, lasting degradation. Everything else
    is logged: noise must never page. The thresholds are in `ALERT_POLICY`: compute the
    metric's severity, then check `page` first, then `ticket`; a level applies when the
    severity is at or above its threshold *and* the reading has lasted at least its minutes.

    Args:
        metric: `error_rate`, `latency_p95_ms`, `accuracy` or `psi`.
        value: The current reading (a share, milliseconds, an accuracy or a PSI).
        baseline: The metric's normal level; only `latency_p95_ms` and `accuracy` use it.
        sustained_minutes: How long the reading has stayed at least this bad.

    Returns:
        `"page"`, `"ticket"` or `"log"`.

    Raises:
        ValueError: for a metric that is not in `ALERT_POLICY`.

    >>> alert_level("latency_p95_ms", 2000.0, baseline=60.0, sustained_minutes=15)
    'page'
    """
    # TODO: compute the metric's severity, then check the page rule, then the ticket rule.
    raise NotImplementedError


# Exercise 3: diagnose three incidents ------------------------------------------------------

ROOT_CAUSES: dict[str, str] = {
    "price_unit_change": "an upstream service started sending prices in another unit",
    "new_set": "traffic for a newly released set the model has never seen",
    "model_too_slow": "a newly deployed model version is far slower than the previous one",
    "cache_disabled": "the feature cache was switched off, so every request goes to the database",
    "constant_feature": "the feature pipeline fills an input column with one constant value",
    "broken_model": "a newly deployed model version gives one class whatever the input",
}
FIXES: dict[str, str] = {
    "convert_units": "convert the prices back to dollars at the boundary; add a range check",
    "retrain_with_new_set": "send the new set to the fallback rule; retrain once it has sales",
    "rollback_model": "roll back to the previous model version",
    "enable_cache": "switch the feature cache back on",
    "fix_feature_pipeline": "roll back the feature pipeline; add a not-constant input check",
}

def diagnose_accuracy_drop(log: pd.DataFrame, events: pd.DataFrame) -> tuple[str, str]:
    """Find why the triage model's accuracy fell from about 87% to about 65%, and the fix.

    Args:
        log: The prediction log of `mlcourse.production.incident("accuracy")`, one row per
            request (see `mlcourse.production.Incident`).
        events: Its deploy/event log.

    Returns:
        `(root_cause, fix)`: a key of `ROOT_CAUSES` and a key of `FIXES`, worked out from the
        data (the same function must work for a log with a different cause or start time).

    >>> diagnose_accuracy_drop(log, events)  # doctest: +SKIP
    ('some_cause', 'some_fix')
    """
    # TODO: find when accuracy fell, what changed then, and which rows it hit.
    raise NotImplementedError


def diagnose_latency_spike(log: pd.DataFrame, events: pd.DataFrame) -> tuple[str, str]:
    """Find why the median latency rose from about 50 ms to about 2,000 ms, and the fix.

    Args:
        log: The prediction log of `mlcourse.production.incident("latency")`.
        events: Its deploy/event log.

    Returns:
        `(root_cause, fix)`: a key of `ROOT_CAUSES` and a key of `FIXES`, worked out from the
        data.

    >>> diagnose_latency_spike(log, events)  # doctest: +SKIP
    ('some_cause', 'some_fix')
    """
    # TODO: find the event after which latency jumped and what made it slow.
    raise NotImplementedError


def diagnose_single_class(log: pd.DataFrame, events: pd.DataFrame) -> tuple[str, str]:
    """Find why the triage model started to predict one tier for every listing, and the fix.

    Args:
        log: The prediction log of `mlcourse.production.incident("single_class")`.
        events: Its deploy/event log.

    Returns:
        `(root_cause, fix)`: a key of `ROOT_CAUSES` and a key of `FIXES`, worked out from the
        data.

    >>> diagnose_single_class(log, events)  # doctest: +SKIP
    ('some_cause', 'some_fix')
    """
    # TODO: find when predictions collapsed; check whether the inputs still vary.
    raise NotImplementedError


# Exercise 4: the incident report -----------------------------------------------------------

REPORT_SECTIONS = ("Summary", "Impact", "Timeline", "Root cause", "Fix", "Follow-ups")
TIME_FORMAT = "%Y-%m-%d %H:%M"  # how every time in the report is written (UTC)


def incident_report(log: pd.DataFrame, events: pd.DataFrame) -> str:
    """Write the markdown incident report of the latency incident, from its logs.

    Required content (the grader reads the numbers back from the text):

    - a `## ` heading for each of `REPORT_SECTIONS`, in that order;
    - **Impact**: the median latency before and after the change, in whole milliseconds,
      and how many requests were served at or after the change;
    - **Timeline**: every event of `events` with its time written as `TIME_FORMAT`;
    - **Root cause**: the root-cause code (`diagnose_latency_spike`) and the time of the
      event that caused it, as `TIME_FORMAT`;
    - **Fix**: the fix code;
    - **Follow-ups**: at least two bullet points (`- `).

    "The change" is the event after which latency jumped; "before" is every request before
    it.

    Args:
        log: The prediction log of `mlcourse.production.incident("latency")`.
        events: Its deploy/event log.

    Returns:
        The report as one markdown string.

    >>> print(incident_report(log, events))  # doctest: +SKIP
    # Incident: ...
    """
    # TODO: diagnose the incident, compute its numbers and fill in every section.
    raise NotImplementedError


# Exercise 5: when to retrain ---------------------------------------------------------------

BROKEN_DATA_PSI = 1.0  # a shift this large is almost always a pipeline bug, not the market
DRIFT_PSI = 0.25  # large drift: retrain
QUIET_PSI = 0.10  # below this the inputs have not really changed
ACCURACY_DROP = 0.03  # a drop in accuracy (points) worth retraining for
UNEXPLAINED_DROP = 0.05  # a drop this big with quiet inputs needs a person, not a retrain
MIN_NEW_ROWS = 1_000  # labelled rows since the last training, needed to learn anything new
MAX_MODEL_AGE_DAYS = 30  # retrain at least this often


def retraining_decision(
    psi_value: float, accuracy_drop: float, days_since_training: int, new_labelled_rows: int
) -> str:
    """Decide whether to retrain the model now: `retrain`, `wait` or `investigate`.

    The rules, in order; the first that applies decides:

    1. `psi_value >= BROKEN_DATA_PSI` -> `investigate` (retraining would learn the bug).
    2. `accuracy_drop >= UNEXPLAINED_DROP` and `psi_value < QUIET_PSI` -> `investigate`
       (performance fell while the inputs did not move: look for a bug or a label problem).
    3. `new_labelled_rows < MIN_NEW_ROWS` -> `wait` (too little new data to learn from).
    4. `psi_value >= DRIFT_PSI`, or `accuracy_drop >= ACCURACY_DROP`, or
       `days_since_training >= MAX_MODEL_AGE_DAYS` -> `retrain`.
    5. Otherwise -> `wait`.

    Args:
        psi_value: PSI of the most important input, current window vs training data.
        accuracy_drop: Accuracy at training time minus accuracy now (negative = better now).
        days_since_training: Age of the deployed model in days.
        new_labelled_rows: Labelled rows collected since the model was trained.

    Returns:
        `"retrain"`, `"wait"` or `"investigate"`.

    >>> retraining_decision(0.02, 0.0, 3, 50_000)
    'wait'
    """
    # TODO: apply the five rules in order and return the first that applies.
    raise NotImplementedError
