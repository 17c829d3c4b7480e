"""A vote that averages the neighbours' labels and rounds, as kNN regression would: classes are
names, not amounts, so the mean of classes 0 and 2 is not a vote for class 1."""

import numpy as np

REJECTED_BY = ["test_majority_vote_matches_scipy_mode", "test_knn_predict_matches_sklearn"]


def majority_vote(labels):
    return int(np.rint(np.mean(labels)))
