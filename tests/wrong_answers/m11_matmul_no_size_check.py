"""A matrix product that never compares the inner sizes: zip quietly drops the extra column
of `A`, and a product that should not exist comes back as a matrix."""

REJECTED_BY = ["test_matmul_refuses_mismatched_sizes"]


def matmul(A, B):
    columns = list(zip(*B))  # noqa: B905 (the mistake under test)
    return [
        [float(sum(a * b for a, b in zip(row, column))) for column in columns]  # noqa: B905
        for row in A
    ]
