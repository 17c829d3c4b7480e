"""Reads every item into a list and returns a list of all batches: fine for `range(10)`, never
returns on an endless stream and reads everything before the first batch is used."""

REJECTED_BY = [
    "test_batched_returns_an_iterator_not_a_list",
    "test_batched_works_on_an_endless_stream",
    "test_batched_reads_only_what_each_batch_needs",
]


def batched(items, size):
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size}")
    items = list(items)
    return [items[start : start + size] for start in range(0, len(items), size)]
