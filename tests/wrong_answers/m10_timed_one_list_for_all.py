"""One module-level list for every decorated function: their durations get mixed together."""

import functools
import time

REJECTED_BY = ["test_timed_keeps_each_functions_durations_apart"]

DURATIONS = []


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            DURATIONS.append(time.perf_counter() - start)

    wrapper.durations = DURATIONS
    return wrapper
