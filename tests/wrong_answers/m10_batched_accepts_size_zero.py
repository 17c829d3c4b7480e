"""Never checks `size`: with 0 the batch is never full, so everything comes back as one batch."""

REJECTED_BY = ["test_batched_refuses_a_size_below_one"]


def batched(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
