"""Cross-entropy as -log(softmax(z)[true class]): a confidently wrong row has probability 0
after underflow, and log(0) makes the loss infinite."""

import numpy as np

REJECTED_BY = ["test_cross_entropy_is_finite_for_confident_mistakes"]


def cross_entropy(logits, y):
    rows = np.arange(len(y))
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    grad = probs.copy()
    grad[rows, y] -= 1
    return float(-np.log(probs[rows, y]).mean()), grad / len(y)
