"""Both decorators return a bare `wrapper`: every timed or retried function is now called
'wrapper' in logs, tracebacks and help(), and its docstring is gone."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import time

REJECTED_BY = ["test_timed_keeps_the_name_and_docstring", "test_retry_keeps_the_name_and_docstring"]


def timed(func):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            wrapper.durations.append(time.perf_counter() - start)

    wrapper.durations = []
    return wrapper


def retry(times, exceptions=(Exception,)):
    if times < 1:
        raise ValueError(f"times must be at least 1, not {times}")

    def decorator(func):
        def wrapper(*args, **kwargs):
            for _ in range(times - 1):
                try:
                    return func(*args, **kwargs)
                except exceptions:
                    continue
            return func(*args, **kwargs)

        return wrapper

    return decorator
