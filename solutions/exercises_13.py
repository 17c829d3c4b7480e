"""Module 13 - Neural networks from scratch in NumPy: exercises.

You build a small neural network library one piece at a time, with nothing but NumPy: a
perceptron, the activation functions, the softmax and its loss, a dense layer's forward and
backward pass, and then a whole network that learns XOR and reads handwritten digits. Each
piece is graded on its own, so a mistake is caught where it is made, not three layers later.

Conventions used everywhere in this file:
- a batch of inputs `X` has one row per example: shape (n, d);
- a dense layer computes `X @ W + b` with `W` of shape (d_in, d_out) and `b` of shape (d_out,);
- class labels are integers 0..k-1 in a 1-D array `y`.

This is the reference solution: every body is written, with comments on why. Grade it with
`uv run pytest --solutions exercises/test_exercises_13.py` or with the check panel at the end of
`notebooks/13_neural_networks.py`. Keep the names and signatures as they are.
"""

from __future__ import annotations

import numpy as np

# Exercise 1: the perceptron -----------------------------------------------------------------


def perceptron_train(
    X: np.ndarray, y: np.ndarray, epochs: int, lr: float
) -> tuple[np.ndarray, float, list[int]]:
    """Train a perceptron with Rosenblatt's rule and count its mistakes in every epoch.

    The perceptron predicts 1 when `x @ w + b > 0` and 0 otherwise. Start from `w = 0`,
    `b = 0`. An epoch visits the rows of `X` once, in order; after each row, nudge the weights
    by `lr * (target - prediction)` times the input (and the bias by the same amount without
    the input). A correct prediction changes nothing.

    Args:
        X: Inputs, shape (n, d).
        y: Targets, 0 or 1, shape (n,).
        epochs: Number of passes over the data; train for exactly this many.
        lr: Learning rate (> 0).

    Returns:
        `(w, b, mistakes)`: the weights (shape (d,)), the bias as a float, and a list with the
        number of wrong predictions made during each epoch (length `epochs`).

    >>> w, b, mistakes = perceptron_train(np.array([[0, 0], [1, 1]]), np.array([0, 1]), 3, 1.0)
    >>> mistakes
    [1, 1, 0]
    """
    w = np.zeros(X.shape[1])
    b = 0.0
    mistakes = []
    # A fixed number of epochs, not "until no mistakes": on data no line can separate (XOR)
    # the perceptron never stops making mistakes, so a convergence loop would never end.
    for _ in range(epochs):
        wrong = 0
        for x_i, target in zip(X, y, strict=True):
            predicted = 1 if x_i @ w + b > 0 else 0
            error = target - predicted  # -1, 0 or +1: the direction to move the line
            if error != 0:
                w = w + lr * error * x_i
                b = b + lr * error  # the bias is a weight on an input that is always 1
                wrong += 1
        mistakes.append(wrong)
    return w, float(b), mistakes


# Exercise 2: activation functions and softmax ----------------------------------------------


def activate(z: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Apply an activation function elementwise and return its derivative too.

    Args:
        z: Pre-activations, any shape.
        kind: "sigmoid" (1 / (1 + e^-z)), "tanh", or "relu" (max(0, z), derivative 0 at 0).

    Returns:
        `(a, da_dz)`, both with the shape of `z`: the activation and its derivative at `z`.
        Both are finite for any finite `z`, however large.

    Raises:
        ValueError: for any other `kind`.

    >>> activate(np.array([0.0]), "sigmoid")
    (array([0.5]), array([0.25]))
    """
    if kind == "sigmoid":
        # 1 / (1 + e^-z) overflows for very negative z; this form only ever takes exp of
        # a non-positive number, so it stays finite and exact everywhere.
        e = np.exp(-np.abs(z))
        a = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
        return a, a * (1.0 - a)  # the derivative is written with the output, not with z
    if kind == "tanh":
        a = np.tanh(z)
        return a, 1.0 - a**2
    if kind == "relu":
        return np.maximum(z, 0.0), (z > 0).astype(float)
    # Failing loudly beats quietly falling back to some other function.
    raise ValueError(f"unknown activation {kind!r}: use 'sigmoid', 'tanh' or 'relu'")


def softmax(logits: np.ndarray) -> np.ndarray:
    """Turn each row of scores into probabilities that sum to 1, without overflowing.

    Args:
        logits: Scores, shape (n, k): one row per example, one column per class.

    Returns:
        Probabilities, shape (n, k); every row is positive and sums to 1, even for logits
        in the thousands.

    >>> softmax(np.array([[0.0, 0.0]]))
    array([[0.5, 0.5]])
    """
    # Subtracting each row's own maximum changes nothing mathematically (it cancels in the
    # ratio) but makes the largest exponent e^0 = 1, so exp can never overflow.
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


# Exercise 3: the loss ----------------------------------------------------------------------


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax(logits) against the labels, and its gradient.

    Args:
        logits: Scores, shape (n, k).
        y: True class of each row, integers 0..k-1, shape (n,).

    Returns:
        `(loss, grad)`: the mean over rows of -log(probability of the true class), as a
        finite float even for extreme logits, and d loss / d logits, shape (n, k).

    >>> loss, grad = cross_entropy(np.array([[0.0, 0.0]]), np.array([1]))
    >>> round(loss, 4), grad
    (0.6931, array([[ 0.5, -0.5]]))
    """
    n = len(y)
    rows = np.arange(n)
    # log softmax = z - max - log(sum(exp(z - max))): never takes the log of a 0 that
    # underflowed, so a confident wrong answer gets a large, finite loss instead of inf.
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[rows, y].mean()
    # Softmax and cross-entropy together have the simplest gradient there is: p - one_hot.
    # Dividing by n because the loss is a mean over the rows.
    grad = np.exp(log_probs)
    grad[rows, y] -= 1.0
    return float(loss), grad / n


# Exercise 4: a dense layer, forward and backward -------------------------------------------


def dense_forward(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The output of a dense (fully connected) layer: `X @ W + b`.

    Args:
        X: Inputs, shape (n, d_in).
        W: Weights, shape (d_in, d_out).
        b: Biases, shape (d_out,).

    Returns:
        Outputs, shape (n, d_out).

    >>> dense_forward(np.array([[1.0, 2.0]]), np.array([[1.0], [1.0]]), np.array([0.5]))
    array([[3.5]])
    """
    # b broadcasts over the rows: every example gets the same bias.
    return X @ W + b


def dense_backward(
    X: np.ndarray, W: np.ndarray, grad_out: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Backpropagate through a dense layer: gradients of the loss for its input and parameters.

    Args:
        X: The inputs the forward pass saw, shape (n, d_in).
        W: The layer's weights, shape (d_in, d_out).
        grad_out: d loss / d output, shape (n, d_out).

    Returns:
        `(grad_X, grad_W, grad_b)`: d loss / d X (shape of X), d loss / d W (shape of W) and
        d loss / d b (shape (d_out,)).

    >>> gX, gW, gb = dense_backward(np.ones((2, 3)), np.ones((3, 1)), np.ones((2, 1)))
    >>> gX.shape, gW.shape, gb.shape
    ((2, 3), (3, 1), (1,))
    """
    # out[i, j] = sum_k X[i, k] W[k, j] + b[j]. Each gradient is the upstream gradient times
    # the factor its variable is multiplied by; the transposes make the shapes line up.
    grad_X = grad_out @ W.T  # (n, d_out) @ (d_out, d_in)
    grad_W = X.T @ grad_out  # (d_in, n) @ (n, d_out): summed over the batch
    grad_b = grad_out.sum(axis=0)  # b was added to every row, so its gradients add up
    return grad_X, grad_W, grad_b


# Exercise 5: a multi-layer perceptron ------------------------------------------------------


def mlp_predict(params: dict[str, np.ndarray], X: np.ndarray) -> np.ndarray:
    """Predict classes with a one-hidden-layer network.

    The network is `dense -> tanh -> dense`, and the predicted class is the column with the
    largest output score (softmax would not change which one that is).

    Args:
        params: "W1" (d, h), "b1" (h,), "W2" (h, k), "b2" (k,).
        X: Inputs, shape (n, d).

    Returns:
        Predicted classes, integers, shape (n,).

    >>> p = {"W1": np.eye(2), "b1": np.zeros(2), "W2": np.eye(2), "b2": np.zeros(2)}
    >>> mlp_predict(p, np.array([[1.0, 0.0], [0.0, 1.0]]))
    array([0, 1])
    """
    hidden, _ = activate(dense_forward(X, params["W1"], params["b1"]), "tanh")
    scores = dense_forward(hidden, params["W2"], params["b2"])
    return scores.argmax(axis=1)


def train_mlp(
    X: np.ndarray, y: np.ndarray, hidden: int, epochs: int, lr: float, seed: int
) -> tuple[dict[str, np.ndarray], list[float]]:
    """Train a `dense -> tanh -> dense -> softmax` network by full-batch gradient descent.

    Use `np.random.default_rng(seed)` for the initial weights: draw them at random, e.g.
    normal with standard deviation 1 / sqrt(fan-in), where fan-in is the number of inputs
    of the layer, and start the biases at 0. Each epoch is one forward pass over all of
    `X`, the mean cross-entropy loss, one backward pass and one gradient-descent step on
    every parameter.

    Args:
        X: Inputs, shape (n, d).
        y: Labels 0..k-1, shape (n,); the number of classes is k = y.max() + 1.
        hidden: Units in the hidden layer.
        epochs: Gradient-descent steps to take.
        lr: Learning rate.
        seed: Seed for the initial weights; the same seed gives the same network.

    Returns:
        `(params, losses)`: the trained parameters as in `mlp_predict`, and the loss of every
        epoch (measured before its step), as a list of `epochs` floats.

    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> params, losses = train_mlp(X, np.array([0, 1, 1, 0]), 8, 500, 0.5, 0)
    >>> mlp_predict(params, X)
    array([0, 1, 1, 0])
    """
    rng = np.random.default_rng(seed)
    d, k = X.shape[1], int(y.max()) + 1
    # Random weights break the symmetry between hidden units: if they all started equal,
    # they would all get the same gradient and stay copies of each other forever.
    params = {
        "W1": rng.normal(0.0, 1.0 / np.sqrt(d), size=(d, hidden)),
        "b1": np.zeros(hidden),
        "W2": rng.normal(0.0, 1.0 / np.sqrt(hidden), size=(hidden, k)),
        "b2": np.zeros(k),
    }
    losses = []
    for _ in range(epochs):
        # Forward, keeping what the backward pass needs.
        z1 = dense_forward(X, params["W1"], params["b1"])
        h, dh_dz1 = activate(z1, "tanh")
        scores = dense_forward(h, params["W2"], params["b2"])
        loss, grad_scores = cross_entropy(scores, y)
        losses.append(loss)
        # Backward: the chain rule, one layer at a time, from the loss back to the input.
        grad_h, grad_W2, grad_b2 = dense_backward(h, params["W2"], grad_scores)
        _, grad_W1, grad_b1 = dense_backward(X, params["W1"], grad_h * dh_dz1)
        grads = {"W1": grad_W1, "b1": grad_b1, "W2": grad_W2, "b2": grad_b2}
        # Step downhill: minus the gradient. New arrays, so no caller's array is changed.
        params = {name: value - lr * grads[name] for name, value in params.items()}
    return params, losses


# Exercise 6: reading handwritten digits ----------------------------------------------------


def train_digits(X_train: np.ndarray, y_train: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """Train a network that reads 8x8 handwritten digits, in a few seconds.

    The grader keeps a quarter of scikit-learn's digits aside, trains your network on the
    rest, and expects `mlp_predict(params, X_test)` to be right on at least 90% of the
    held-out digits. Training should take a few seconds; the grader stops it after 20.

    Args:
        X_train: Images as rows of 64 pixels scaled to [0, 1], shape (n, 64).
        y_train: The digit in each image, 0..9, shape (n,).
        seed: Seed for the initial weights.

    Returns:
        Parameters for `mlp_predict` ("W1", "b1", "W2", "b2").

    >>> from sklearn.datasets import load_digits  # doctest: +SKIP
    >>> params = train_digits(load_digits().data / 16, load_digits().target, 0)  # doctest: +SKIP
    """
    # 32 hidden units are plenty for 8x8 digits, and 200 full-batch steps at a learning rate
    # of 0.5 take well under a second. Doubling the epochs would buy less than one point.
    params, _ = train_mlp(X_train, y_train, hidden=32, epochs=200, lr=0.5, seed=seed)
    return params
