"""A sample size with only the alpha term: it sizes the test to reach significance when the
true effect is exactly the minimum, which happens about half the time (power 50%)."""

import math

from scipy.stats import norm

REJECTED_BY = [
    "test_sample_size_matches_the_power_calculation",
    "test_sample_size_reaches_the_power_in_simulation",
]


def ab_sample_size(baseline_rate, minimum_effect, alpha=0.05, power=0.8):
    p1, p2 = baseline_rate, baseline_rate + minimum_effect
    pooled = (p1 + p2) / 2
    z_alpha = norm.ppf(1 - alpha / 2) * math.sqrt(2 * pooled * (1 - pooled))
    return math.ceil(z_alpha**2 / minimum_effect**2)
