"""Softmax that subtracts the largest logit of the whole batch instead of each row's own:
a row far below the batch maximum underflows to 0 / 0."""

import numpy as np

REJECTED_BY = ["test_softmax_is_stable_for_huge_logits"]


def softmax(logits):
    e = np.exp(logits - logits.max())
    return e / e.sum(axis=1, keepdims=True)
