"""Laplace noise of scale epsilon / sensitivity instead of sensitivity / epsilon: a smaller
privacy budget now adds *less* noise."""

REJECTED_BY = ["test_laplace_noise_has_scale_sensitivity_over_epsilon"]


def laplace_mechanism(true_value, sensitivity, epsilon, rng):
    if sensitivity <= 0 or epsilon <= 0:
        raise ValueError("sensitivity and epsilon must be > 0")
    return float(true_value + rng.laplace(0.0, epsilon / sensitivity))
