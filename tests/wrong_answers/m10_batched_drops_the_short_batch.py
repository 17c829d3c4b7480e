"""The `zip(*[iter(items)] * size)` idiom: tuples instead of lists, and the last, shorter batch
silently disappears."""

REJECTED_BY = ["test_batched_cases"]


def batched(items, size):
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size}")
    iterator = iter(items)
    yield from zip(*[iterator] * size, strict=False)
