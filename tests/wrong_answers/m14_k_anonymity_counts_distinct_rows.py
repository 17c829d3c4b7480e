"""k as the number of distinct quasi-identifier combinations: a table with one unique seller
among large groups still claims a large k."""

REJECTED_BY = [
    "test_k_anonymity_is_the_smallest_group_size",
    "test_k_anonymity_on_a_listing_table",
]


def k_anonymity(table, quasi_identifiers):
    return int(len(table[quasi_identifiers].drop_duplicates()))
