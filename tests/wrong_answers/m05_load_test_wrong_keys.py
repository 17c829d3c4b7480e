"""A report with keys of its own ("p50", "rps"): a dashboard or a test that reads the agreed
names ("p50_ms", "throughput_rps") finds nothing."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import numpy as np

REJECTED_BY = ["test_load_test_reports_latency_percentiles_and_throughput"]


def load_test(url, payload, n_requests, concurrency):
    def one(client):
        started = time.perf_counter()
        ok = client.post(url, json=payload).is_success
        return (time.perf_counter() - started) * 1000, ok

    with httpx.Client(trust_env=False) as client:
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(lambda _: one(client), range(n_requests)))
        elapsed = time.perf_counter() - started
    p50, p95, p99 = np.percentile([ms for ms, _ in results], [50, 95, 99])
    return {"p50": p50, "p95": p95, "p99": p99, "rps": n_requests / elapsed,
            "errors": sum(not ok for _, ok in results)}  # fmt: skip
