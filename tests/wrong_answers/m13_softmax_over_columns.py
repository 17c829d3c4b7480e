"""Softmax normalised along axis 0: each class sums to 1 over the batch, not each row over
the classes."""

import numpy as np

REJECTED_BY = [
    "test_softmax_rows_are_probabilities",
    "test_softmax_matches_a_log_sum_exp_reference",
]


def softmax(logits):
    e = np.exp(logits - logits.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
