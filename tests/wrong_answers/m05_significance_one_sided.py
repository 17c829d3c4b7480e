"""A one-sided p-value (no doubling) for a two-sided question: B could be worse as well as
better, and halving the p-value doubles the false positives."""

import math

from scipy.stats import norm

REJECTED_BY = ["test_significance_matches_the_chi_square_test"]


def ab_significance(conversions_a, visitors_a, conversions_b, visitors_b, alpha=0.05):
    rate_a, rate_b = conversions_a / visitors_a, conversions_b / visitors_b
    pooled = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    z = (rate_b - rate_a) / math.sqrt(pooled * (1 - pooled) * (1 / visitors_a + 1 / visitors_b))
    p_value = float(norm.sf(abs(z)))
    return {"rate_a": rate_a, "rate_b": rate_b, "difference": rate_b - rate_a, "z": z,
            "p_value": p_value, "significant": p_value < alpha}  # fmt: skip
