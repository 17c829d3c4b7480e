"""An alert rule that ignores how long a reading lasted: a two-minute blip pages the on-call
engineer at 3 a.m., and soon nobody trusts the pager."""

REJECTED_BY = ["test_alert_level_never_pages_on_noise"]

PAGE = {"error_rate": 0.05, "latency_p95_ms": 10.0, "accuracy": 0.10}
TICKET = {"error_rate": 0.01, "latency_p95_ms": 2.0, "accuracy": 0.03, "psi": 0.25}


def alert_level(metric: str, value: float, baseline: float, sustained_minutes: float) -> str:
    if metric not in TICKET:
        raise ValueError(metric)
    severity = value
    if metric == "latency_p95_ms":
        severity = value / baseline
    elif metric == "accuracy":
        severity = baseline - value
    if metric in PAGE and severity >= PAGE[metric]:
        return "page"
    return "ticket" if severity >= TICKET[metric] else "log"
