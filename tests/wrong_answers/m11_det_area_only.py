"""The determinant as an unsigned area, `abs(a*d - b*c)`: right for the area of the
parallelogram, but a mirror no longer shows as a negative determinant."""

REJECTED_BY = ["test_det_2x2_matches_numpy"]


def det_2x2(A):
    (a, b), (c, d) = A
    return float(abs(a * d - b * c))
