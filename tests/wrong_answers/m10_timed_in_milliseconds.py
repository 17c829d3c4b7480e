"""Records milliseconds although the contract (and every other duration in Python) is seconds."""

import functools
import time

REJECTED_BY = ["test_timed_measures_seconds"]


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            wrapper.durations.append((time.perf_counter() - start) * 1000)

    wrapper.durations = []
    return wrapper
