"""A load test that sends its requests one after another, whatever `concurrency` says: it
never measures how the server behaves with several clients at once."""

import time

import httpx
import numpy as np

REJECTED_BY = ["test_load_test_keeps_concurrency_requests_in_flight"]


def load_test(url, payload, n_requests, concurrency):
    latencies, errors = [], 0
    with httpx.Client(trust_env=False) as client:
        started = time.perf_counter()
        for _ in range(n_requests):
            sent = time.perf_counter()
            errors += not client.post(url, json=payload).is_success
            latencies.append((time.perf_counter() - sent) * 1000)
        elapsed = time.perf_counter() - started
    p50, p95, p99 = np.percentile(latencies, [50, 95, 99])
    return {"p50_ms": p50, "p95_ms": p95, "p99_ms": p99,
            "throughput_rps": n_requests / elapsed, "errors": errors}  # fmt: skip
