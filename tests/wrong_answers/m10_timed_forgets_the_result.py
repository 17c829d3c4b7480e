"""Calls the function but forgets to return its result: every decorated function returns None."""

import functools
import time

REJECTED_BY = ["test_timed_returns_the_functions_result"]


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            func(*args, **kwargs)
        finally:
            wrapper.durations.append(time.perf_counter() - start)

    wrapper.durations = []
    return wrapper
