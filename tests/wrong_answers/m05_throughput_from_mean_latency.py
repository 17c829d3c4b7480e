"""Throughput computed as 1000 / mean latency: right for one client, but it ignores that
`concurrency` requests run in parallel, so it understates the server's rate."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import numpy as np

REJECTED_BY = ["test_load_test_throughput_is_requests_over_wall_time"]


def load_test(url, payload, n_requests, concurrency):
    def one(client):
        started = time.perf_counter()
        ok = client.post(url, json=payload).is_success
        return (time.perf_counter() - started) * 1000, ok

    with httpx.Client(trust_env=False) as client, ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda _: one(client), range(n_requests)))
    latencies = np.array([ms for ms, _ in results])
    p50, p95, p99 = np.percentile(latencies, [50, 95, 99])
    errors = sum(not ok for _, ok in results)
    return {"p50_ms": p50, "p95_ms": p95, "p99_ms": p99,
            "throughput_rps": 1000 / latencies.mean(), "errors": errors}  # fmt: skip
