"""Reads `times` as the number of *retries*: a function that always fails is called once more
than asked."""

import functools

REJECTED_BY = ["test_retry_gives_up_after_times_attempts"]


def retry(times, exceptions=(Exception,)):
    if times < 1:
        raise ValueError(f"times must be at least 1, not {times}")

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for _ in range(times):
                try:
                    return func(*args, **kwargs)
                except exceptions:
                    continue
            return func(*args, **kwargs)

        return wrapper

    return decorator
