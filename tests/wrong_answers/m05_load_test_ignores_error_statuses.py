"""Errors counted only when no response arrives: a server that answers every request with
422 or 500 looks perfectly healthy."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import numpy as np

REJECTED_BY = ["test_load_test_counts_failed_requests"]


def load_test(url, payload, n_requests, concurrency):
    def one(client):
        started = time.perf_counter()
        try:
            client.post(url, json=payload)
            ok = True
        except httpx.HTTPError:
            ok = False
        return (time.perf_counter() - started) * 1000, ok

    with httpx.Client(trust_env=False) as client:
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(lambda _: one(client), range(n_requests)))
        elapsed = time.perf_counter() - started
    p50, p95, p99 = np.percentile([ms for ms, _ in results], [50, 95, 99])
    errors = sum(not ok for _, ok in results)
    return {"p50_ms": p50, "p95_ms": p95, "p99_ms": p99,
            "throughput_rps": n_requests / elapsed, "errors": errors}  # fmt: skip
