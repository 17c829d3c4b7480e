"""An alert rule that quietly logs a metric it has no policy for: a typo in a dashboard's
metric name ("latency_p99_ms") then means that metric can never alert."""

REJECTED_BY = ["test_alert_level_rejects_an_unknown_metric"]

_policy_level = alert_level  # noqa: F821 (the solution's function, defined above this file)


def alert_level(metric: str, value: float, baseline: float, sustained_minutes: float) -> str:
    if metric not in ("error_rate", "latency_p95_ms", "accuracy", "psi"):
        return "log"
    return _policy_level(metric, value, baseline, sustained_minutes)
