"""Module 11 - Foundations: math for ML: exercises.

The mathematics under every model, written as code you can run and check: vectors and
matrices, derivatives taken numerically, linear regression trained by gradient descent and
solved exactly by the normal equation, probabilities estimated by simulation, and Bayes' rule.
Each function is small; together they are what `LinearRegression().fit` and a fraud
detector's alert rate rest on.

Conventions used everywhere in this file:
- a batch of inputs `X` has one row per example: shape (n, d);
- a linear model predicts `X @ w + b`, with weights `w` of shape (d,) and a bias `b`;
- the loss is the mean squared error, MSE = mean((X @ w + b - y) ** 2).

This is the reference solution: every body is written, with comments on why. Grade it with
`uv run pytest --solutions exercises/test_exercises_11.py` or with the check panel at the end
of `notebooks/11_math_for_ml.py`. Keep the names and signatures as they are.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

# Exercise 1: vectors and matrices by hand --------------------------------------------------


def dot(u: list[float], v: list[float]) -> float:
    """The dot product of two vectors: the sum of their products, entry by entry.

    Write it with a plain Python loop (or `sum` over a generator), without numpy: it is the
    one operation every matrix product, prediction and similarity score is made of.

    Args:
        u: A vector, as a list of numbers.
        v: A vector of the same length.

    Returns:
        `u[0] * v[0] + u[1] * v[1] + ...` as a float (0.0 for two empty vectors).

    Raises:
        ValueError: when the lengths differ.

    >>> dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    32.0
    """
    # zip() alone would stop at the shorter list and return a wrong number without a word;
    # a length mismatch is always a bug upstream, so refuse it.
    if len(u) != len(v):
        raise ValueError(f"vectors of different lengths: {len(u)} and {len(v)}")
    return float(sum(a * b for a, b in zip(u, v, strict=True)))


def matmul(A: list[list[float]], B: list[list[float]]) -> list[list[float]]:
    """The matrix product `A @ B`, with matrices given as lists of rows, without numpy.

    Entry (i, j) of the product is the dot product of row i of `A` and column j of `B`, so the
    number of columns of `A` must equal the number of rows of `B`.

    Args:
        A: An (n, k) matrix as n lists of k numbers.
        B: A (k, m) matrix as k lists of m numbers.

    Returns:
        The (n, m) product as n lists of m floats.

    Raises:
        ValueError: when the inner sizes differ (columns of `A` != rows of `B`).

    >>> matmul([[1.0, 2.0], [3.0, 4.0]], [[0.0, 1.0], [1.0, 0.0]])
    [[2.0, 1.0], [4.0, 3.0]]
    """
    if any(len(row) != len(B) for row in A):
        raise ValueError(f"A has rows of length {[len(r) for r in A]}, B has {len(B)} rows")
    # zip(*B) turns the rows of B into its columns, so each entry is one dot product.
    columns = [list(column) for column in zip(*B, strict=True)]
    return [[dot(row, column) for column in columns] for row in A]


def det_2x2(A: np.ndarray) -> float:
    """The signed determinant of a 2x2 matrix: how much it scales areas, and if it flips.

    The matrix `[[a, b], [c, d]]` sends the unit square to the parallelogram spanned by its
    columns `(a, c)` and `(b, d)`. The area of that parallelogram is |ad - bc|; the sign is
    negative when the matrix mirrors the plane (turns clockwise order into anticlockwise).

    Args:
        A: A 2x2 array.

    Returns:
        `a * d - b * c` as a float.

    >>> det_2x2(np.array([[2.0, 0.0], [0.0, 3.0]]))
    6.0
    """
    (a, b), (c, d) = A
    # Keep the sign: it tells a rotation from a reflection, and 0 means the plane collapses
    # onto a line, so the matrix cannot be inverted.
    return float(a * d - b * c)


# Exercise 2: derivatives by finite differences ---------------------------------------------


def numeric_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5
) -> np.ndarray:
    """The gradient of `f` at `x` by central differences, one coordinate at a time.

    For each coordinate i, move only x[i], by +h and by -h, and take
    `(f(x + h e_i) - f(x - h e_i)) / (2 h)`. Its error shrinks like h**2, where the forward
    difference `(f(x + h e_i) - f(x)) / h` only shrinks like h.

    Args:
        f: A function of a 1-D float array that returns a number.
        x: The point, shape (d,); it may hold integers. Leave it unchanged.
        h: The step.

    Returns:
        The gradient, a float array of shape (d,).

    >>> numeric_gradient(lambda v: float(v @ v), np.array([1.0, 2.0])).round(6)
    array([2., 4.])
    """
    # Work on a float copy: an integer array would silently round x + 1e-5 back to x, and
    # changing the caller's x would corrupt whatever computed it.
    point = np.array(x, dtype=float)
    grad = np.zeros_like(point)
    for i in range(point.size):
        original = point[i]
        point[i] = original + h
        up = f(point)
        point[i] = original - h
        down = f(point)
        point[i] = original  # restore before the next coordinate moves
        grad[i] = (up - down) / (2 * h)
    return grad


# Exercise 3: the loss of linear regression and its gradient -------------------------------


def mse_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
    """The mean squared error of the linear model `X @ w + b` on the data `(X, y)`.

    Args:
        X: Inputs, shape (n, d).
        y: Targets, shape (n,).
        w: Weights, shape (d,).
        b: Bias.

    Returns:
        mean((X @ w + b - y) ** 2), a float.

    >>> mse_loss(np.array([[1.0], [2.0]]), np.array([1.0, 3.0]), np.array([1.0]), 0.0)
    0.5
    """
    residuals = X @ w + b - y
    return float(np.mean(residuals**2))


def mse_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> tuple[np.ndarray, float]:
    """The gradient of `mse_loss` with respect to the weights and the bias.

    With residuals r = X @ w + b - y, the loss is mean(r ** 2); the chain rule gives
    d loss / d w = (2 / n) * X.T @ r and d loss / d b = (2 / n) * sum(r).

    Args:
        X: Inputs, shape (n, d).
        y: Targets, shape (n,).
        w: Weights, shape (d,).
        b: Bias.

    Returns:
        `(grad_w, grad_b)`: an array of shape (d,) and a float.

    >>> mse_gradient(np.array([[1.0], [2.0]]), np.array([1.0, 3.0]), np.array([1.0]), 0.0)
    (array([-2.]), -1.0)
    """
    n = len(y)
    residuals = X @ w + b - y  # prediction minus target: the sign that makes descent go down
    # The 2 comes from differentiating the square, the 1/n from the mean.
    grad_w = (2.0 / n) * (X.T @ residuals)
    grad_b = (2.0 / n) * float(residuals.sum())
    return grad_w, grad_b


# Exercise 4: gradient descent --------------------------------------------------------------


def gradient_descent(
    X: np.ndarray, y: np.ndarray, lr: float, epochs: int
) -> tuple[np.ndarray, float, list[float]]:
    """Fit a linear model by full-batch gradient descent on the mean squared error.

    Start from `w = 0` and `b = 0`. Each epoch: record the current loss, compute the gradient
    on all rows, and step both the weights and the bias against it,
    `w -= lr * grad_w` and `b -= lr * grad_b`. Do not stop early or change `lr`: a learning
    rate that is too large should show as a loss that grows.

    Args:
        X: Inputs, shape (n, d).
        y: Targets, shape (n,).
        lr: Learning rate (> 0).
        epochs: Number of steps to take.

    Returns:
        `(w, b, losses)`: the final weights (shape (d,)), the final bias as a float, and the
        loss before each step, a list of `epochs` floats (so `losses[0]` is the loss of the
        all-zero model, mean(y ** 2)).

    >>> w, b, losses = gradient_descent(np.array([[0.0], [1.0]]), np.array([1.0, 3.0]), 0.5, 200)
    >>> np.round(w, 3), round(b, 3)
    (array([2.]), 1.0)
    """
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for _ in range(epochs):
        losses.append(mse_loss(X, y, w, b))  # before the step, so losses[0] is the start
        grad_w, grad_b = mse_gradient(X, y, w, b)
        # New arrays rather than in-place updates, so no caller's array is ever changed.
        w = w - lr * grad_w
        b = b - lr * grad_b  # the bias learns too: the mean of log price is far from 0
    return w, float(b), losses


def standardize(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rescale each column to mean 0 and standard deviation 1, as scikit-learn's
    `StandardScaler` does.

    Use the population standard deviation (divide by n, numpy's default `ddof=0`). A
    constant column has standard deviation 0: use 1 for it instead, so it becomes all zeros
    rather than NaN.

    Args:
        X: Inputs, shape (n, d).

    Returns:
        `(Z, mean, std)`: the standardized inputs (shape (n, d)), and the mean and standard
        deviation used for each column (shape (d,)), to apply the same scaling to new rows
        later: `(X_new - mean) / std`.

    >>> Z, mean, std = standardize(np.array([[1.0, 5.0], [3.0, 5.0]]))
    >>> Z, mean, std
    (array([[-1.,  0.],
           [ 1.,  0.]]), array([2., 5.]), array([1., 1.]))
    """
    mean = X.mean(axis=0)  # one mean per column (feature), not one for the whole table
    std = X.std(axis=0)  # ddof=0, like StandardScaler
    std = np.where(std == 0, 1.0, std)  # a constant column carries no information: keep it 0
    return (X - mean) / std, mean, std


# Exercise 5: the exact answer --------------------------------------------------------------


def normal_equation(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """The least-squares weights and bias in one step, without any iteration.

    Add a column of ones to `X` for the bias, A = [1, X]; the parameters theta = (b, w) that
    minimise the squared error solve the normal equation `(A.T @ A) theta = A.T @ y`.
    Use `np.linalg.solve` or `np.linalg.lstsq`; never invert a matrix to solve a system.

    Args:
        X: Inputs, shape (n, d), with linearly independent columns.
        y: Targets, shape (n,).

    Returns:
        `(w, b)`: the weights (shape (d,)) and the bias as a float, the same as
        scikit-learn's `LinearRegression().fit(X, y)` gives in `coef_` and `intercept_`.

    >>> w, b = normal_equation(np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0]))
    >>> np.round(w, 6), round(b, 6)
    (array([2.]), 1.0)
    """
    A = np.column_stack([np.ones(len(X)), X])  # the column of ones is what fits the bias
    # lstsq solves the same least-squares problem as the normal equation, but through an
    # orthogonal factorisation: it does not square the condition number as A.T @ A does.
    theta, *_ = np.linalg.lstsq(A, y, rcond=None)
    return theta[1:], float(theta[0])


# Exercise 6: probability by simulation -----------------------------------------------------


def simulate_packs(rng: np.random.Generator, n_packs: int, slots: int, p_hit: float) -> np.ndarray:
    """Open `n_packs` booster packs at random and count the hits in each.

    Each pack has `slots` cards; each card is a hit (a rare pull) with probability `p_hit`,
    independently of the others. Draw every random number from `rng`, the generator you are
    given, so that a seeded generator gives the same packs every time.

    Args:
        rng: The random generator to draw from, e.g. `np.random.default_rng(0)`.
        n_packs: Number of packs to open.
        slots: Cards per pack.
        p_hit: Probability that one card is a hit, between 0 and 1.

    Returns:
        An integer array of shape (n_packs,): the number of hits in each pack, 0 to `slots`.

    >>> simulate_packs(np.random.default_rng(0), 5, 10, 0.0)
    array([0, 0, 0, 0, 0])
    """
    # The number of successes in `slots` independent trials is binomial: one draw per pack,
    # the same distribution as `(rng.random((n_packs, slots)) < p_hit).sum(axis=1)`.
    return rng.binomial(slots, p_hit, size=n_packs)


def monte_carlo_estimate(
    event: Callable[[np.random.Generator, int], np.ndarray], n: int, seed: int
) -> tuple[float, float]:
    """Estimate a probability by simulation, with its standard error.

    Make a generator with `np.random.default_rng(seed)`, call `event(rng, n)` once to get
    `n` simulated outcomes (True where the event happened), and return the share of True
    and its standard error sqrt(p * (1 - p) / n), which shrinks like 1 / sqrt(n).

    Args:
        event: Takes a generator and a count, returns that many booleans.
        n: Number of simulated trials (>= 1).
        seed: Seed of the generator; the same seed gives the same estimate.

    Returns:
        `(estimate, standard_error)`, two floats.

    >>> monte_carlo_estimate(lambda rng, n: rng.random(n) < 2.0, 100, 0)
    (1.0, 0.0)
    """
    # A seeded generator makes the estimate reproducible: a grader, a colleague or you next
    # week gets the same number. Different seeds give independent estimates.
    rng = np.random.default_rng(seed)
    outcomes = np.asarray(event(rng, n), dtype=bool)
    p = float(outcomes.mean())
    # Each outcome is a coin with probability p: variance p(1 - p); a mean of n divides it.
    return p, math.sqrt(p * (1.0 - p) / n)


# Exercise 7: Bayes' rule -------------------------------------------------------------------


def bayes_posterior(prior: float, sensitivity: float, false_positive_rate: float) -> float:
    """The probability that a listing is fake, given that the detector flagged it.

    Bayes' rule: P(fake | flag) = P(flag | fake) P(fake) / P(flag), where the chance of a
    flag at all counts both ways to get one:
    P(flag) = P(flag | fake) P(fake) + P(flag | genuine) P(genuine).

    Args:
        prior: P(fake), the share of listings that are fake (the base rate).
        sensitivity: P(flag | fake), the share of fakes the detector flags.
        false_positive_rate: P(flag | genuine), the share of genuine listings it flags.

    Returns:
        P(fake | flag), a float between 0 and 1.

    >>> round(bayes_posterior(0.01, 0.99, 0.05), 4)
    0.1667
    """
    flagged_fake = sensitivity * prior  # fakes that are flagged
    flagged_genuine = false_positive_rate * (1.0 - prior)  # genuine listings flagged anyway
    # With a rare base rate the second term dominates: most flags are false alarms.
    return float(flagged_fake / (flagged_fake + flagged_genuine))
