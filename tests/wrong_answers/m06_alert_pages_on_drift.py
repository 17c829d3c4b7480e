"""An alert rule that pages on large drift: a PSI of 5 is work for the morning (often a data
bug upstream), not a user-facing outage worth waking someone for."""

REJECTED_BY = ["test_alert_level_never_pages_on_noise"]

POLICY = {
    "error_rate": {"page": (0.05, 5), "ticket": (0.01, 30)},
    "latency_p95_ms": {"page": (10.0, 10), "ticket": (2.0, 30)},
    "accuracy": {"page": (0.10, 60), "ticket": (0.03, 360)},
    "psi": {"page": (1.0, 0), "ticket": (0.25, 0)},
}


def alert_level(metric: str, value: float, baseline: float, sustained_minutes: float) -> str:
    if metric not in POLICY:
        raise ValueError(metric)
    severity = value
    if metric == "latency_p95_ms":
        severity = value / baseline
    elif metric == "accuracy":
        severity = baseline - value
    for level in ("page", "ticket"):
        threshold, minutes = POLICY[metric][level]
        if severity >= threshold and sustained_minutes >= minutes:
            return level
    return "log"
