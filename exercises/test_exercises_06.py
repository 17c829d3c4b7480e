"""Graders for module 06, production ML and monitoring.

Run them with `uv run pytest exercises/test_exercises_06.py`. Drift statistics are compared
with scipy and with an independent pandas computation; alerting and retraining with hand-made
case tables; diagnoses and the incident report with the causes planted in simulated logs,
including logs whose cause and start time differ from the ones in the notebook.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mlcourse.grading import LearnerError, expect, expect_close, expect_type
from mlcourse.production import drift_batch, incident

RNG = np.random.default_rng(606)
NORMAL = RNG.normal(0.0, 1.0, 2_000)  # a reference sample for the synthetic cases
OTHER = RNG.normal(0.0, 1.0, 1_500)  # a second sample from the same distribution


def _prices(batch: str) -> np.ndarray:
    return drift_batch(batch)["market_price"].to_numpy()


NUMERIC_CASES = {  # name -> (reference, current) samples of a numeric feature
    "tiny_with_ties": lambda: (np.array([1.0, 2, 2, 3, 5]), np.array([2.0, 2, 3, 4, 4, 6])),
    "identical": lambda: (NORMAL, NORMAL.copy()),
    "same_distribution": lambda: (NORMAL, OTHER),
    "shift_right": lambda: (NORMAL, OTHER + 0.3),
    "shift_left": lambda: (NORMAL, OTHER - 0.3),
    "wider": lambda: (NORMAL, OTHER * 2.0),
    "large_shift": lambda: (NORMAL, OTHER + 1.0),
    "real_feb_to_mar": lambda: (_prices("reference"), _prices("current")),
    "real_new_set": lambda: (_prices("reference"), _prices("sim_new_set")),
    "sim_cents": lambda: (_prices("reference"), _prices("sim_cents")),
}


def _numeric_case(name: str) -> tuple[np.ndarray, np.ndarray]:
    return NUMERIC_CASES[name]()


# Exercise 1: drift detectors -----------------------------------------------------------------

KS_CASES = ["identical", "tiny_with_ties", "shift_right", "shift_left", "wider",
            "real_feb_to_mar", "real_new_set"]  # fmt: skip
KS_P_CASES = ["identical", "same_distribution", "shift_right", "wider", "real_feb_to_mar"]


def _ks(ex, reference: np.ndarray, current: np.ndarray) -> tuple[float, float]:
    got = ex.ks_test(reference, current)
    expect(isinstance(got, tuple) and len(got) == 2,
           f"ks_test should return a (statistic, p_value) tuple, not {got!r}.")  # fmt: skip
    return got


@pytest.mark.parametrize("case", KS_CASES)
def test_ks_statistic_matches_scipy(ex, case):
    reference, current = _numeric_case(case)
    statistic, _ = _ks(ex, reference, current)
    expected = stats.ks_2samp(reference, current)
    why = ("It is the largest distance between the two ECDFs in *either* direction: take "
           "the absolute difference.") if expected.statistic_sign < 0 else (
           "Evaluate both ECDFs at every value of both samples, counting values <= x "
           "(np.searchsorted(..., side='right')), so tied values are handled right.")  # fmt: skip
    expect_close(statistic, float(expected.statistic), rel=1e-9, abs_tol=1e-12,
                 what=f"The KS statistic ({case})", why=why)  # fmt: skip


@pytest.mark.parametrize("case", KS_P_CASES)
def test_ks_p_value_matches_scipy(ex, case):
    reference, current = _numeric_case(case)
    _, p_value = _ks(ex, reference, current)
    expected = float(stats.ks_2samp(reference, current).pvalue)
    # The exact and the asymptotic p-value agree this closely for samples of 300 or more.
    expect_close(p_value, expected, rel=0.1, abs_tol=0.02, what=f"The KS p-value ({case})",
                 why="Use the two-sided p-value: scipy.stats.kstwo.sf(statistic, "
                     "round(n * m / (n + m))) or scipy.stats.ks_2samp(...).pvalue.")


def _psi_by_pandas(reference, current, n_bins: int = 10, epsilon: float = 1e-4,
                   right: bool = True) -> float:
    """PSI computed independently with pandas.cut, on bins cut from the reference."""
    edges = np.unique(np.quantile(reference, np.linspace(0, 1, n_bins + 1)))
    bins = [-np.inf, *edges[1:-1], np.inf]

    def shares(values) -> np.ndarray:
        binned = pd.cut(pd.Series(values), bins, right=right)
        return np.clip(binned.value_counts(sort=False, normalize=True).to_numpy(), epsilon, None)

    r, c = shares(reference), shares(current)
    return float(np.sum((c - r) * np.log(c / r)))


def _psi(ex, reference, current, **kwargs) -> float:
    got = ex.psi(reference, current, **kwargs)
    expect_type(got, (float, np.floating), "psi's result")
    expect(np.isfinite(got), f"psi returned {got!r}. An empty bin must not give inf or nan: "
                             "raise proportions below epsilon to epsilon before the log.")
    return float(got)


@pytest.mark.parametrize("case", ["identical", "real_feb_to_mar"])
def test_psi_is_zero_for_identical_samples(ex, case):
    reference, _ = _numeric_case(case)
    expect_close(_psi(ex, reference, reference.copy()), 0.0, abs_tol=1e-12,
                 what="PSI of a sample against itself")  # fmt: skip


@pytest.mark.parametrize(("case", "at_least"), [("large_shift", 0.25), ("sim_cents", 5.0)])
def test_psi_is_large_for_a_shifted_sample(ex, case, at_least):
    reference, current = _numeric_case(case)
    got = _psi(ex, reference, current)
    why = ""
    if got < 0.01:
        why = (" A PSI near 0 for a clear shift usually means each sample was cut into its own "
               "quantile bins, so both always have 10% per bin. Cut the bins from the "
               "reference only and count the current sample in those same bins.")
    expect(got >= at_least, f"PSI for `{case}` is {got:.4g}; it should be at least "
                            f"{at_least}: this shift is large.{why}")


def test_psi_is_finite_with_empty_bins(ex):
    reference, current = _numeric_case("sim_cents")  # most current prices are off the scale
    got = _psi(ex, reference, current)
    expect_close(got, _psi_by_pandas(reference, current), rel=1e-4, abs_tol=1e-6,
                 what="PSI with empty bins", why="Every empty bin's proportion is epsilon.")


PSI_CASES = [
    ("same_distribution", {}),
    ("shift_right", {}),
    ("wider", {}),
    ("large_shift", {"n_bins": 5}),
    ("shift_left", {"n_bins": 20}),
    ("real_feb_to_mar", {}),
    ("real_new_set", {}),
    ("sim_cents", {"epsilon": 1e-3}),
]


@pytest.mark.parametrize(("case", "kwargs"), PSI_CASES, ids=[c for c, _ in PSI_CASES])
def test_psi_matches_an_independent_computation(ex, case, kwargs):
    reference, current = _numeric_case(case)
    got = _psi(ex, reference, current, **kwargs)
    expected = _psi_by_pandas(reference, current, **kwargs)
    why = "Bins: reference quantiles (np.quantile), duplicates dropped, outer edges -inf/+inf."
    if np.isclose(got, _psi_by_pandas(reference, current, right=False, **kwargs), rtol=1e-4):
        why = ("This data has tied values: a value equal to an edge belongs to the bin that "
               "ends at that edge (closed on the right, as pandas.cut does).")
    elif got < 0.2 * expected:
        why = "Count the current sample in the reference's bins, not in bins of its own."
    expect_close(got, expected, rel=1e-4, abs_tol=1e-6,
                 what=f"PSI ({case}, {kwargs or 'defaults'})", why=why)  # fmt: skip


def _chi_square_by_crosstab(reference, current, keep_new: bool = True) -> tuple[float, float]:
    """The chi-square test on a crosstab of sample x category (missing = its own category)."""
    values = pd.Series([*reference, *current], dtype=object).fillna("(missing)")
    sample = pd.Series(["reference"] * len(reference) + ["current"] * len(current))
    table = pd.crosstab(sample, values)
    if not keep_new:
        table = table.loc[:, table.loc["reference"] > 0]
    result = stats.chi2_contingency(table.to_numpy())
    return float(result.statistic), float(result.pvalue)


def _column(batch: str, column: str) -> list:
    return list(drift_batch(batch)[column])


CATEGORICAL_CASES = {  # name -> (reference, current) categories of a feature
    "identical": lambda: (list("abbc") * 10, list("abbc") * 10),
    "two_categories": lambda: (["holo"] * 30 + ["normal"] * 70, ["holo"] * 45 + ["normal"] * 55),
    "mix_changed": lambda: (list("a" * 50 + "b" * 30 + "c" * 20),
                            list("a" * 30 + "b" * 30 + "c" * 40)),
    "new_category": lambda: (list("a" * 40 + "b" * 40), list("a" * 30 + "b" * 30 + "n" * 20)),
    "missing_values": lambda: (["a"] * 30 + [None] * 10 + ["b"] * 20,
                               ["a"] * 20 + [None] * 25 + ["b"] * 15),
    "real_rarity_new_set": lambda: (_column("reference", "rarity"),
                                    _column("sim_new_set", "rarity")),
    "real_set_id_new_set": lambda: (_column("reference", "set_id"),
                                    _column("sim_new_set", "set_id")),
}  # fmt: skip


def _categorical_case(name: str) -> tuple[list, list]:
    return CATEGORICAL_CASES[name]()


CHI_CASES = ["identical", "two_categories", "mix_changed", "new_category", "missing_values",
             "real_rarity_new_set", "real_set_id_new_set"]  # fmt: skip


@pytest.mark.parametrize("case", CHI_CASES)
def test_chi_square_matches_scipy(ex, case):
    reference, current = _categorical_case(case)
    got = ex.chi_square_drift(pd.Series(reference), pd.Series(current))
    expect(isinstance(got, tuple) and len(got) == 2,
           f"chi_square_drift should return a (statistic, p_value) tuple, not {got!r}.")
    statistic, p_value = _chi_square_by_crosstab(reference, current)
    why = "Build the 2 x k table of counts (not shares) and pass it to chi2_contingency."
    if np.isclose(got[0], _chi_square_by_crosstab(reference, current, keep_new=False)[0]):
        why = "Keep the categories that only the current sample has (count 0 in the reference)."
    elif case == "missing_values":
        why = "Count missing values as their own category, (missing): value_counts drops them."
    expect_close(got[0], statistic, rel=1e-6, abs_tol=1e-9, what=f"The statistic ({case})",
                 why=why)
    expect_close(got[1], p_value, rel=1e-6, abs_tol=1e-12, what=f"The p-value ({case})")


@pytest.mark.parametrize("case", ["new_category", "real_set_id_new_set"])
def test_chi_square_counts_categories_new_in_current(ex, case):
    reference, current = _categorical_case(case)
    got = ex.chi_square_drift(pd.Series(reference), pd.Series(current))
    expect(isinstance(got, tuple) and len(got) == 2, "Return a (statistic, p_value) tuple.")
    statistic, _ = _chi_square_by_crosstab(reference, current)
    dropped, _ = _chi_square_by_crosstab(reference, current, keep_new=False)
    expect(not np.isclose(got[0], dropped, rtol=1e-6) or np.isclose(dropped, statistic),
           "Your statistic ignores the categories that appear only in the current sample. A "
           "new set id is the clearest drift there is: keep every category of either sample, "
           "with a count of 0 where it is absent.")
    expect(got[1] < 1e-3, f"A category that appears from nowhere must give a tiny p-value, "
                          f"not {got[1]:.3g}.")


# Exercise 2: alerting ----------------------------------------------------------------------

ALERT_CASES = [  # (metric, value, baseline, minutes) -> level
    ("error_rate", 0.08, 0.001, 12, "page"),
    ("error_rate", 0.05, 0.001, 5, "page"),  # both thresholds exactly met
    ("error_rate", 0.02, 0.001, 45, "ticket"),
    ("error_rate", 0.002, 0.001, 600, "log"),
    ("latency_p95_ms", 2000.0, 60.0, 15, "page"),
    ("latency_p95_ms", 600.0, 60.0, 10, "page"),  # exactly 10x for exactly 10 min
    ("latency_p95_ms", 150.0, 60.0, 40, "ticket"),
    ("latency_p95_ms", 90.0, 60.0, 600, "log"),
    ("accuracy", 0.65, 0.87, 120, "page"),
    ("accuracy", 0.83, 0.87, 400, "ticket"),
    ("accuracy", 0.86, 0.87, 1_000, "log"),
    ("accuracy", 0.90, 0.87, 1_000, "log"),  # better than usual is not an alert
    ("psi", 0.40, 0.0, 1_440, "ticket"),
    ("psi", 0.15, 0.0, 1_440, "log"),
]
NOISE_CASES = [  # severe-looking readings that must not page
    ("error_rate", 0.30, 0.001, 2, "log"),  # a two-minute blip during a restart
    ("latency_p95_ms", 3000.0, 60.0, 3, "log"),  # one slow burst
    ("latency_p95_ms", 800.0, 60.0, 8, "log"),  # not yet 10 minutes
    ("accuracy", 0.74, 0.87, 30, "log"),  # 30 minutes is ~20 labels: noise
    ("accuracy", 0.80, 0.87, 90, "log"),  # too small for a page, too short for a ticket
    ("psi", 5.0, 0.0, 1_440, "ticket"),  # drift is work for office hours, never a page
]


def _case_id(case: tuple) -> str:
    metric, value, _, minutes, _ = case
    return f"{metric}={value}-for-{minutes}min"


def _check_alert(ex, metric, value, baseline, minutes, expected) -> None:
    got = ex.alert_level(metric, value, baseline, minutes)
    expect(got in ("page", "ticket", "log"),
           f"alert_level must return 'page', 'ticket' or 'log', not {got!r}.")
    why = ""
    if got == "page" and expected != "page":
        why = (" Paging on this wakes someone for noise: a page needs the severity *and* its "
               "minimum duration, and drift (psi) never pages.")
    elif metric == "accuracy" and value > baseline:
        why = " The accuracy is above its baseline: that is good news, not an alert."
    elif metric == "latency_p95_ms":
        why = " Latency severity is value / baseline (how many times slower than normal)."
    expect(got == expected, f"{metric} at {value} (baseline {baseline}) for {minutes} min "
                            f"should be {expected!r}, not {got!r}.{why}")


@pytest.mark.parametrize("case", ALERT_CASES, ids=[_case_id(c) for c in ALERT_CASES])
def test_alert_level_matches_the_policy(ex, case):
    _check_alert(ex, *case)


@pytest.mark.parametrize("case", NOISE_CASES, ids=[_case_id(c) for c in NOISE_CASES])
def test_alert_level_never_pages_on_noise(ex, case):
    _check_alert(ex, *case)


def test_alert_level_rejects_an_unknown_metric(ex):
    try:
        got = ex.alert_level("cpu_percent", 99.0, 50.0, 60)
    except LearnerError as error:
        expect(isinstance(error.original, ValueError),
               f"Raise ValueError for an unknown metric, not {type(error.original).__name__}.")
        return
    expect(False, f"alert_level('cpu_percent', ...) returned {got!r}. A metric with no policy "
                  "is a configuration mistake: raise ValueError instead of guessing.")


# Exercise 3: diagnoses ---------------------------------------------------------------------

FIX_FOR = {
    "price_unit_change": "convert_units",
    "new_set": "retrain_with_new_set",
    "model_too_slow": "rollback_model",
    "cache_disabled": "enable_cache",
    "constant_feature": "fix_feature_pipeline",
    "broken_model": "rollback_model",
}
# (cause, start, seed): the notebook's incident first, then logs a fixed answer can't pass.
SCENARIOS = {
    "accuracy": [("price_unit_change", None, 6), ("new_set", "2025-03-03 21:00", 11),
                 ("price_unit_change", "2025-03-06 04:00", 12),
                 ("new_set", "2025-03-05 16:20", 13)],
    "latency": [("model_too_slow", None, 6), ("cache_disabled", "2025-03-03 21:00", 11),
                ("model_too_slow", "2025-03-06 04:00", 12),
                ("cache_disabled", "2025-03-05 17:40", 13)],
    "single_class": [("constant_feature", None, 6), ("broken_model", "2025-03-04 03:00", 11),
                     ("constant_feature", "2025-03-06 11:00", 12),
                     ("broken_model", "2025-03-05 07:30", 13)],
}  # fmt: skip
SCENARIO_IDS = ["planted", "other_cause_earlier", "same_cause_later", "other_cause_later"]
DIAGNOSE = {
    "accuracy": "diagnose_accuracy_drop",
    "latency": "diagnose_latency_spike",
    "single_class": "diagnose_single_class",
}
EVIDENCE = {
    "accuracy": "Find when accuracy fell and which event came just before; then check the "
                "rows after it by segment (client, set_id) and their asking prices.",
    "latency": "Find the event after which latency jumped, then split latency by cache_hit "
               "and by model_version.",
    "single_class": "Find when predictions collapsed to one tier, then ask: do the inputs "
                    "(asking_price) still vary, or did the model version change?",
}  # fmt: skip


def _diagnose(ex, kind: str, cause: str, start: str | None, seed: int) -> None:
    made = incident(kind, cause, start, seed)
    got = getattr(ex, DIAGNOSE[kind])(made.log, made.events)
    expect(isinstance(got, tuple) and len(got) == 2 and all(isinstance(g, str) for g in got),
           f"Return a (root_cause, fix) tuple of two codes, not {got!r}.")
    root, fix = got
    known = set(ex.ROOT_CAUSES)
    expect(root in known, f"{root!r} is not a key of ROOT_CAUSES ({sorted(known)}).")
    expect(fix in set(ex.FIXES), f"{fix!r} is not a key of FIXES ({sorted(ex.FIXES)}).")
    where = f"the log whose cause was planted at {made.started_at:%Y-%m-%d %H:%M}"
    if root != cause and start is not None:
        where += (" (a different log from the notebook's: are you relying on a fixed time, "
                  "version or answer instead of the data?)")
    expect(root == cause, f"On {where}, {root!r} is not what the data shows. {EVIDENCE[kind]}")
    expect(fix == FIX_FOR[cause], f"The root cause is right, but {fix!r} does not remove it: "
                                  f"pick the fix that undoes `{cause}`.")


@pytest.mark.parametrize("scenario", SCENARIOS["accuracy"], ids=SCENARIO_IDS)
def test_diagnose_accuracy_drop_finds_the_planted_cause(ex, scenario):
    _diagnose(ex, "accuracy", *scenario)


@pytest.mark.parametrize("scenario", SCENARIOS["latency"], ids=SCENARIO_IDS)
def test_diagnose_latency_spike_finds_the_planted_cause(ex, scenario):
    _diagnose(ex, "latency", *scenario)


@pytest.mark.parametrize("scenario", SCENARIOS["single_class"], ids=SCENARIO_IDS)
def test_diagnose_single_class_finds_the_planted_cause(ex, scenario):
    _diagnose(ex, "single_class", *scenario)


# Exercise 4: the incident report -----------------------------------------------------------

REPORT_SECTIONS = ["summary", "impact", "timeline", "root cause", "fix", "follow-ups"]
REPORT_SCENARIOS = [("model_too_slow", None, 6), ("cache_disabled", "2025-03-05 17:40", 13)]
TIME = "%Y-%m-%d %H:%M"


def _report(ex, cause: str, start: str | None, seed: int):
    made = incident("latency", cause, start, seed)
    text = ex.incident_report(made.log, made.events)
    expect_type(text, str, "incident_report's result")
    sections: dict[str, str] = {}
    pattern = r"^##[ \t]+([^\n]+?)[ \t]*\n(.*?)(?=^##[ \t]|\Z)"
    for heading, body in re.findall(pattern, text, re.M | re.S):
        sections[heading.strip().lower().replace("follow ups", "follow-ups")] = body
    return made, text, sections


def _section(sections: dict[str, str], name: str) -> str:
    expect(name in sections, f"The report has no `## {name.capitalize()}` section. Required, in "
                             f"order: {', '.join(s.capitalize() for s in REPORT_SECTIONS)}.")
    return sections[name]


def _numbers(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


@pytest.mark.parametrize("scenario", REPORT_SCENARIOS, ids=["planted", "other_log"])
def test_incident_report_has_every_section(ex, scenario):
    _, _, sections = _report(ex, *scenario)
    for name in REPORT_SECTIONS:
        _section(sections, name)
    order = [name for name in sections if name in REPORT_SECTIONS]
    expect(order == REPORT_SECTIONS, f"The sections are in the order {order}; a reader "
                                     f"expects {REPORT_SECTIONS}.")


@pytest.mark.parametrize("scenario", REPORT_SCENARIOS, ids=["planted", "other_log"])
def test_incident_report_states_the_impact_in_numbers(ex, scenario):
    made, _, sections = _report(ex, *scenario)
    numbers = _numbers(_section(sections, "impact"))
    at = made.log["timestamp"] >= made.started_at
    for label, rows in (("before", made.log[~at]), ("after", made.log[at])):
        median = float(rows["latency_ms"].median())
        expect(any(abs(n - median) <= max(2.0, 0.03 * median) for n in numbers),
               f"The Impact section should give the median latency {label} the change "
               f"(about {median:.0f} ms in this log), computed from the log.")
    expect(int(at.sum()) in numbers, "The Impact section should say how many requests were "
                                     "served at or after the change, counted from the log.")


@pytest.mark.parametrize("scenario", REPORT_SCENARIOS, ids=["planted", "other_log"])
def test_incident_report_timeline_lists_every_event(ex, scenario):
    made, _, sections = _report(ex, *scenario)
    timeline = _section(sections, "timeline")
    missing = [f"{t:{TIME}}" for t in made.events["timestamp"] if f"{t:{TIME}}" not in timeline]
    expect(not missing, f"The Timeline misses the events at {missing}; list every event of the "
                        "event log, with its time written as YYYY-MM-DD HH:MM.")


@pytest.mark.parametrize("scenario", REPORT_SCENARIOS, ids=["planted", "other_log"])
def test_incident_report_names_root_cause_fix_and_follow_ups(ex, scenario):
    made, _, sections = _report(ex, *scenario)
    cause = _section(sections, "root cause")
    expect(made.cause in cause, "The Root cause section should name the root-cause code your "
                                "diagnosis finds in this log.")
    expect(f"{made.started_at:{TIME}}" in cause, "The Root cause section should give the time "
                                                 "of the event that caused it (YYYY-MM-DD HH:MM).")
    expect(FIX_FOR[made.cause] in _section(sections, "fix"), "The Fix section should name the "
                                                             "fix code.")
    bullets = re.findall(r"^\s*[-*]\s+\S", _section(sections, "follow-ups"), re.M)
    expect(len(bullets) >= 2, f"Follow-ups has {len(bullets)} bullet points; write at least two "
                              "concrete actions that stop this from happening again.")


# Exercise 5: retraining --------------------------------------------------------------------

RETRAIN_CASES = [  # (psi, accuracy drop, days since training, new labelled rows) -> decision
    (0.02, 0.00, 3, 50_000, "wait"),  # all quiet
    (0.30, 0.01, 10, 20_000, "retrain"),  # real drift
    (0.05, 0.00, 45, 20_000, "retrain"),  # the model is old
    (0.12, 0.04, 10, 20_000, "retrain"),  # worse, and the inputs moved
    (0.02, 0.08, 10, 20_000, "investigate"),  # worse while the inputs did not move
    (3.50, 0.20, 10, 20_000, "investigate"),  # a shift this big is a bug (e.g. cents)
    (0.40, 0.05, 10, 300, "wait"),  # drift, but too few labels to learn from
    (0.02, 0.00, 60, 500, "wait"),  # old, but nothing new to learn from
    (0.25, 0.00, 0, 1_000, "retrain"),  # boundaries are inclusive
    (0.2499, 0.00, 29, 1_000, "wait"),
    (1.00, 0.00, 0, 1_000_000, "investigate"),
    (0.10, 0.05, 5, 5_000, "retrain"),  # 0.10 is no longer "quiet"
    (0.0999, 0.05, 5, 5_000, "investigate"),
    (0.30, 0.06, 5, 999, "wait"),
    (0.05, -0.02, 10, 5_000, "wait"),  # better than at training time
]
RETRAIN_WHY = {
    "investigate": "Retraining can't fix a bug: a huge PSI or an accuracy drop with quiet "
                   "inputs needs a person first (rules 1 and 2 come before everything else).",
    "wait": "Check the order of the rules: with too few new labelled rows there is nothing to "
            "retrain on, and with nothing wrong there is no reason to.",
    "retrain": "Drift at or above 0.25, an accuracy drop of 3 points or a model 30+ days old "
               "is a reason to retrain when there is enough new data.",
}  # fmt: skip


@pytest.mark.parametrize("case", RETRAIN_CASES,
                         ids=[f"psi{c[0]}-drop{c[1]}-{c[2]}d-{c[3]}rows" for c in RETRAIN_CASES])
def test_retraining_decision_matches_the_policy(ex, case):
    *args, expected = case
    got = ex.retraining_decision(*args)
    expect(got in ("retrain", "wait", "investigate"),
           f"Return 'retrain', 'wait' or 'investigate', not {got!r}.")
    expect(got == expected, f"With PSI {args[0]}, an accuracy drop of {args[1]}, a model "
                            f"{args[2]} days old and {args[3]:,} new labelled rows the decision "
                            f"is {expected!r}, not {got!r}. {RETRAIN_WHY[expected]}")
