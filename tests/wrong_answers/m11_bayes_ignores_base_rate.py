"""Bayes' rule without the base rate: it weighs fakes and genuine listings as if they were
equally common, so a rare fake looks as likely as a coin flip after a flag."""

REJECTED_BY = [
    "test_bayes_posterior_matches_a_joint_probability_table",
    "test_bayes_posterior_grows_with_the_base_rate",
]


def bayes_posterior(prior, sensitivity, false_positive_rate):
    return sensitivity / (sensitivity + false_positive_rate)
