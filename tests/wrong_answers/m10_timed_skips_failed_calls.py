"""Appends the duration after the call instead of in `finally`: a call that raises is never
recorded, so the slowest failures vanish from the timings."""

import functools
import time

REJECTED_BY = ["test_timed_records_a_call_that_raises"]


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        wrapper.durations.append(time.perf_counter() - start)
        return result

    wrapper.durations = []
    return wrapper
