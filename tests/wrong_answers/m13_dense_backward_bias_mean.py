"""The bias gradient averaged over the batch instead of summed: right for one row, n times
too small for n rows."""

REJECTED_BY = ["test_dense_backward_passes_a_gradient_check"]


def dense_backward(X, W, grad_out):
    return grad_out @ W.T, X.T @ grad_out, grad_out.mean(axis=0)
