"""Every weight starts at zero: all hidden units get the same gradient, stay identical, and
the network never becomes more than one unit wide. The seed no longer matters either."""

import numpy as np

REJECTED_BY = ["test_train_mlp_learns_xor", "test_train_mlp_same_seed_same_network"]


def train_mlp(X, y, hidden, epochs, lr, seed):
    k = int(y.max()) + 1
    W1, b1 = np.zeros((X.shape[1], hidden)), np.zeros(hidden)
    W2, b2 = np.zeros((hidden, k)), np.zeros(k)
    one_hot, losses = np.eye(k)[y], []
    for _ in range(epochs):
        h = np.tanh(X @ W1 + b1)
        scores = h @ W2 + b2
        e = np.exp(scores - scores.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(float(-np.log(p[one_hot == 1]).mean()))
        g = (p - one_hot) / len(y)
        gh = g @ W2.T * (1 - h**2)
        W2, b2 = W2 - lr * h.T @ g, b2 - lr * g.sum(axis=0)
        W1, b1 = W1 - lr * X.T @ gh, b1 - lr * gh.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, losses
