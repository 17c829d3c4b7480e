"""A majority vote with Counter.most_common: on a tie it returns the label seen first, so the
answer depends on the order of the neighbours rather than on the labels."""

from collections import Counter

REJECTED_BY = ["test_majority_vote_breaks_ties_towards_the_smallest_label"]


def majority_vote(labels):
    return Counter(labels.tolist()).most_common(1)[0][0]
