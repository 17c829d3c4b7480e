"""A "matrix product" that multiplies matching entries (numpy's `A * B`), not rows by columns."""

REJECTED_BY = ["test_matmul_matches_numpy"]


def matmul(A, B):
    if any(len(row) != len(B) for row in A):
        raise ValueError("inner sizes differ")
    return [[a * b for a, b in zip(row_a, row_b)] for row_a, row_b in zip(A, B)]  # noqa: B905
