"""Generalization that rounds to the nearest multiple: 37 becomes 40 and 34 becomes 30, so a
released "40" covers ages 35 to 44, not the bucket 40-49 a reader expects."""

REJECTED_BY = ["test_generalize_floors_to_the_bucket_start"]


def generalize(table, widths):
    coarse = table.copy()
    for column, width in widths.items():
        coarse[column] = (table[column] / width).round().astype(int) * width
    return coarse
