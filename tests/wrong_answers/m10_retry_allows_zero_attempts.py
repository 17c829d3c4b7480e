"""Never checks `times`: `retry(0)` quietly builds a decorator instead of refusing."""

import functools

REJECTED_BY = ["test_retry_refuses_fewer_than_one_attempt"]


def retry(times, exceptions=(Exception,)):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for _ in range(times - 1):
                try:
                    return func(*args, **kwargs)
                except exceptions:
                    continue
            return func(*args, **kwargs)

        return wrapper

    return decorator
