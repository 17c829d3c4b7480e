"""Ignores `exceptions` and retries anything: a bug (KeyError) is retried as if the network
had hiccupped."""

import functools

REJECTED_BY = ["test_retry_does_not_retry_other_exceptions"]


def retry(times, exceptions=(Exception,)):
    if times < 1:
        raise ValueError(f"times must be at least 1, not {times}")

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for _ in range(times - 1):
                try:
                    return func(*args, **kwargs)
                except Exception:
                    continue
            return func(*args, **kwargs)

        return wrapper

    return decorator
