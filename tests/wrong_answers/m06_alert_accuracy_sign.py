"""An alert rule that measures the accuracy change as value - baseline: real drops come out
negative and never alert, while an improvement opens a ticket."""

REJECTED_BY = ["test_alert_level_matches_the_policy"]

POLICY = {
    "error_rate": {"page": (0.05, 5), "ticket": (0.01, 30)},
    "latency_p95_ms": {"page": (10.0, 10), "ticket": (2.0, 30)},
    "accuracy": {"page": (0.10, 60), "ticket": (0.03, 360)},
    "psi": {"page": None, "ticket": (0.25, 0)},
}


def alert_level(metric: str, value: float, baseline: float, sustained_minutes: float) -> str:
    if metric not in POLICY:
        raise ValueError(metric)
    severity = value
    if metric == "latency_p95_ms":
        severity = value / baseline
    elif metric == "accuracy":
        severity = value - baseline
    for level in ("page", "ticket"):
        rule = POLICY[metric][level]
        if rule is not None and severity >= rule[0] and sustained_minutes >= rule[1]:
            return level
    return "log"
