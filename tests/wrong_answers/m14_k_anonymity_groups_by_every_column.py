"""Groups formed over every column, card and price included: almost every row is unique, so k
is 1 even when no outsider could tell the sellers apart."""

REJECTED_BY = ["test_k_anonymity_is_the_smallest_group_size"]


def k_anonymity(table, quasi_identifiers):
    return int(table.groupby(list(table.columns)).size().min())
