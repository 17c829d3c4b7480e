"""Each of the `concurrency` workers sends `n_requests // concurrency` requests: when the
division is not exact, the remainder is never sent (37 requests at concurrency 5 sends 35)."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import numpy as np

REJECTED_BY = ["test_load_test_sends_exactly_n_requests"]


def load_test(url, payload, n_requests, concurrency):
    def worker(client):
        timings = []
        for _ in range(n_requests // concurrency):
            started = time.perf_counter()
            ok = client.post(url, json=payload).is_success
            timings.append(((time.perf_counter() - started) * 1000, ok))
        return timings

    with httpx.Client(trust_env=False) as client:
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            results = [t for part in pool.map(lambda _: worker(client), range(concurrency))
                       for t in part]  # fmt: skip
        elapsed = time.perf_counter() - started
    p50, p95, p99 = np.percentile([ms for ms, _ in results], [50, 95, 99])
    return {"p50_ms": p50, "p95_ms": p95, "p99_ms": p99,
            "throughput_rps": len(results) / elapsed,
            "errors": sum(not ok for _, ok in results)}  # fmt: skip
