"""Replaces the list on every call instead of appending: only the last duration survives."""

import functools
import time

REJECTED_BY = ["test_timed_records_one_duration_per_call"]


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            wrapper.durations = [time.perf_counter() - start]

    wrapper.durations = []
    return wrapper
