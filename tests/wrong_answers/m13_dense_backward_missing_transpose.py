"""The input gradient as grad_out @ W, without the transpose: it fails on most shapes and is
silently wrong on square weights."""

REJECTED_BY = ["test_dense_backward_passes_a_gradient_check"]


def dense_backward(X, W, grad_out):
    return grad_out @ W, X.T @ grad_out, grad_out.sum(axis=0)
