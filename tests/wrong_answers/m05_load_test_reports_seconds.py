"""Latencies reported in seconds under keys that promise milliseconds."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import numpy as np

REJECTED_BY = ["test_load_test_reports_milliseconds"]


def load_test(url, payload, n_requests, concurrency):
    def one(client):
        started = time.perf_counter()
        ok = client.post(url, json=payload).is_success
        return time.perf_counter() - started, ok

    with httpx.Client(trust_env=False) as client:
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(lambda _: one(client), range(n_requests)))
        elapsed = time.perf_counter() - started
    p50, p95, p99 = np.percentile([s for s, _ in results], [50, 95, 99])
    errors = sum(not ok for _, ok in results)
    return {"p50_ms": p50, "p95_ms": p95, "p99_ms": p99,
            "throughput_rps": n_requests / elapsed, "errors": errors}  # fmt: skip
