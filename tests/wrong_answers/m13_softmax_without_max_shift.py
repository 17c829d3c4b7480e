"""Softmax as exp(z) / sum(exp(z)) with no shift: exp(1000) overflows to inf and the
probabilities become nan."""

import numpy as np

REJECTED_BY = ["test_softmax_is_stable_for_huge_logits"]


def softmax(logits):
    e = np.exp(logits)
    return e / e.sum(axis=1, keepdims=True)
