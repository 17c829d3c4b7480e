"""A perceptron that ignores `epochs` and trains until an epoch has no mistakes: on XOR,
which no line separates, that moment never comes and the loop never ends."""

import numpy as np

REJECTED_BY = ["test_perceptron_cannot_learn_xor_and_still_stops"]


def perceptron_train(X, y, epochs, lr):
    w, b, mistakes = np.zeros(X.shape[1]), 0.0, []
    while not mistakes or mistakes[-1] > 0:
        wrong = 0
        for x_i, target in zip(X, y, strict=True):
            error = target - (1 if x_i @ w + b > 0 else 0)
            if error:
                w, b, wrong = w + lr * error * x_i, b + lr * error, wrong + 1
        mistakes.append(wrong)
    return w, b, mistakes[-epochs:]
