"""Stores the result but keeps looping and then re-raises the last error it saw: a success is
retried, and after a recovery the caller still gets the old exception."""

import functools

REJECTED_BY = [
    "test_retry_returns_the_result_after_failures",
    "test_retry_calls_a_working_function_once",
]


def retry(times, exceptions=(Exception,)):
    if times < 1:
        raise ValueError(f"times must be at least 1, not {times}")

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            error = None
            for _ in range(times):
                try:
                    result = func(*args, **kwargs)
                except exceptions as caught:
                    error = caught
            if error is not None:
                raise error
            return result

        return wrapper

    return decorator
