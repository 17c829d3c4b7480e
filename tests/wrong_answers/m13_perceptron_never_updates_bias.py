"""A perceptron that updates the weights but forgets the bias: every line it can draw passes
through the origin, so AND and NAND are out of reach."""

import numpy as np

REJECTED_BY = [
    "test_perceptron_learns_linearly_separable_gates",
    "test_perceptron_separates_two_clouds_of_points",
]


def perceptron_train(X, y, epochs, lr):
    w, b, mistakes = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        wrong = 0
        for x_i, target in zip(X, y, strict=True):
            error = target - (1 if x_i @ w + b > 0 else 0)
            if error:
                w = w + lr * error * x_i
                wrong += 1
        mistakes.append(wrong)
    return w, b, mistakes
