"""Graders for module 11, Foundations: math for ML.

Run them with `uv run pytest exercises/test_exercises_11.py`. Products and determinants are
compared with numpy; derivatives with calculus done by hand; the loss, the scaling and the
fitted regressions with scikit-learn (`mean_squared_error`, `StandardScaler`,
`LinearRegression`), also on the real card prices; the simulated packs with scipy's binomial
distribution; Bayes' rule with a joint probability table.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

import numpy as np
import pytest
from scipy import stats
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error
from sklearn.preprocessing import StandardScaler

from mlcourse.data import load_cards
from mlcourse.grading import LearnerError, expect, expect_close, expect_type

SEED = 11
STEP = 1e-6  # finite-difference step of the grader's own gradient check
GRAD_TOL = 1e-5  # allowed gap between a gradient and the grader's finite differences
NUMBER = (int, float, np.integer, np.floating)  # what counts as one number


def _close(got: object, expected: np.ndarray, rtol: float = 1e-9, atol: float = 1e-9) -> bool:
    got = np.asarray(got, dtype=float)
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=rtol, atol=atol))


def _raises_value_error(ex, name: str, *args: object) -> None:
    """Fail unless the learner's function `name` raises ValueError for these arguments."""
    try:
        result = getattr(ex, name)(*args)
    except LearnerError as error:
        expect(
            isinstance(error.original, ValueError),
            f"{name} should raise ValueError here, not {type(error.original).__name__}.",
        )
        return
    expect(
        False,
        f"{name} returned {result!r} instead of raising ValueError. zip() stops at the "
        "shorter input without a word: check the sizes yourself.",
    )


# Exercise 1: vectors and matrices by hand --------------------------------------------------

DOT_CASES = {
    "empty": ([], []),
    "one_entry": ([2.0], [3.0]),
    "three_entries": ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]),
    "negatives": ([-1.5, 0.0, 2.0, 4.0], [2.0, 7.0, -0.5, 0.25]),
}


@pytest.mark.parametrize("case", list(DOT_CASES))
def test_dot_matches_numpy(ex, case):
    u, v = DOT_CASES[case]
    got = ex.dot(u, v)
    expected = float(np.dot(u, v)) if u else 0.0
    expect_close(
        got,
        expected,
        rel=1e-12,
        abs_tol=1e-12,
        what=f"dot({u}, {v})",
        why="The dot product adds up u[i] * v[i] over every i.",
    )


def test_dot_refuses_vectors_of_different_lengths(ex):
    ex.dot([1.0, 2.0], [3.0, 4.0])  # a stub stops here as "not attempted"
    _raises_value_error(ex, "dot", [1.0, 2.0, 3.0], [1.0, 2.0])


MATMUL_SHAPES = [(1, 1, 1), (2, 2, 2), (2, 3, 4), (3, 1, 2), (4, 3, 1)]  # (n, k, m)


@pytest.mark.parametrize("shape", MATMUL_SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_matmul_matches_numpy(ex, shape):
    n, k, m = shape
    rng = np.random.default_rng(SEED + n * 100 + k * 10 + m)
    A = rng.integers(-5, 6, size=(n, k)).astype(float)
    B = rng.integers(-5, 6, size=(k, m)).astype(float)
    got = ex.matmul(A.tolist(), B.tolist())
    expect_type(got, list, "matmul's result")
    expect(
        all(isinstance(row, list) for row in got),
        "matmul should return a list of rows, each a list of numbers (not numpy arrays).",
    )
    expected = A @ B
    got_shape = (len(got), len(got[0]) if got else 0)
    expect(
        got_shape == expected.shape,
        f"An ({n}, {k}) matrix times a ({k}, {m}) one is ({n}, {m}), yours is {got_shape}. "
        "Entry (i, j) is row i of A with column j of B.",
    )
    expect(
        _close(got, expected),
        f"matmul({A.tolist()}, {B.tolist()}) should be {expected.tolist()}, not {got}. "
        "Multiplying entry by entry is not a matrix product: each entry is a dot product.",
    )


def test_matmul_refuses_mismatched_sizes(ex):
    ex.matmul([[1.0]], [[2.0]])  # a stub stops here as "not attempted"
    _raises_value_error(ex, "matmul", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[1.0, 2.0], [3.0, 4.0]])


DET_CASES = {
    "identity": [[1.0, 0.0], [0.0, 1.0]],
    "stretch": [[2.0, 0.0], [0.0, 3.0]],
    "shear": [[1.0, 1.5], [0.0, 1.0]],
    "rotation": [[0.6, -0.8], [0.8, 0.6]],
    "mirror": [[0.0, 1.0], [1.0, 0.0]],
    "flattens": [[1.0, 2.0], [2.0, 4.0]],
    "general": [[1.5, -2.0], [0.5, 3.0]],
    "mirrors_and_stretches": [[-2.0, 1.0], [3.0, 0.5]],
}


@pytest.mark.parametrize("case", list(DET_CASES))
def test_det_2x2_matches_numpy(ex, case):
    A = np.array(DET_CASES[case])
    got = ex.det_2x2(A)
    expected = float(np.linalg.det(A))
    why = "It is a*d - b*c for [[a, b], [c, d]]."
    if expected < 0 and isinstance(got, NUMBER) and math.isclose(got, -expected):
        why = "The area is right but the sign is lost: a mirror makes the determinant negative."
    expect_close(got, expected, rel=1e-9, abs_tol=1e-12, what=f"det_2x2({A.tolist()})", why=why)


# Exercise 2: derivatives by finite differences ---------------------------------------------

FUNCTIONS: dict[str, tuple[Callable, Callable, list[float]]] = {
    # name: (f, its gradient worked out by hand, a point)
    "square": (lambda x: float(x[0] ** 2), lambda x: np.array([2 * x[0]]), [3.0]),
    "sum_of_exp": (lambda x: float(np.exp(x).sum()), np.exp, [0.5, -1.0, 2.0]),
    "cross_terms": (
        lambda x: float(np.sin(x[0]) * x[1] ** 2 + x[0] * x[2]),
        lambda x: np.array([np.cos(x[0]) * x[1] ** 2 + x[2], 2 * np.sin(x[0]) * x[1], x[0]]),
        [0.7, -1.2, 2.5],
    ),
}


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_numeric_gradient_matches_the_analytic_gradient(ex, name):
    f, gradient, point = FUNCTIONS[name]
    x = np.array(point)
    got = ex.numeric_gradient(f, x)
    expected = gradient(x)
    expect(
        np.shape(got) == expected.shape,
        f"The gradient should have the shape of x, {expected.shape}, not {np.shape(got)}.",
    )
    expect(
        _close(got, expected, rtol=1e-6, atol=1e-7),
        f"numeric_gradient at {point} gave {np.round(got, 6).tolist()}, calculus gives "
        f"{np.round(expected, 6).tolist()}. Move one coordinate at a time and put it back "
        "before moving the next; a forward difference with a large h is too rough.",
    )


@pytest.mark.parametrize(("point", "h"), [([1.0], 0.5), ([1.0, 2.0], 0.1), ([-2.0, 0.5], 0.25)])
def test_numeric_gradient_uses_central_differences_with_the_given_step(ex, point, h):
    x = np.array(point)
    got = np.asarray(ex.numeric_gradient(lambda v: float((v**3).sum()), x, h), dtype=float)
    # For x**3 the central difference is exactly 3x**2 + h**2: calculus, not approximation.
    expected = 3 * x**2 + h**2
    forward = ((x + h) ** 3 - x**3) / h
    why = (
        " That is the forward difference (f(x + h) - f(x)) / h, whose error shrinks only like "
        "h; use (f(x + h) - f(x - h)) / (2h)."
        if _close(got, forward, 1e-6)
        else " Does it use the `h` it is given?"
    )
    expect(
        _close(got, expected, rtol=1e-6),
        f"For f(x) = sum(x**3) at {point} with h = {h}, central differences give exactly "
        f"{expected.tolist()}, yours {np.round(got, 6).tolist()}.{why}",
    )


def test_numeric_gradient_works_on_integer_points(ex):
    x = np.array([1, 2, 3])
    got = np.asarray(ex.numeric_gradient(lambda v: float((v**2).sum()), x), dtype=float)
    expected = np.array([2.0, 4.0, 6.0])
    why = (
        " An integer array rounds x + 1e-5 to a whole number: copy it as floats first, "
        "`np.array(x, dtype=float)`."
        if not _close(got, expected, rtol=0.1)
        else ""
    )
    expect(
        _close(got, expected, rtol=1e-6),
        f"At the integer point {x.tolist()} the gradient of sum(x**2) is [2, 4, 6], yours is "
        f"{np.round(got, 6).tolist()}.{why}",
    )


# Exercise 3: the loss and its gradient -----------------------------------------------------

REGRESSION_SHAPES = [(1, 1), (5, 2), (40, 4)]  # (n, d)


def _regression_problem(n: int, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    rng = np.random.default_rng(SEED + 10 * n + d)
    return rng.normal(size=(n, d)), rng.normal(2.0, 1.0, size=n), rng.normal(size=d), 0.7


def _reference_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
    predictions = np.einsum("ij,j->i", X, w) + b
    return float(mean_squared_error(y, predictions))


@pytest.mark.parametrize("shape", REGRESSION_SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_mse_loss_matches_sklearn(ex, shape):
    X, y, w, b = _regression_problem(*shape)
    got = ex.mse_loss(X, y, w, b)
    expected = _reference_loss(X, y, w, b)
    why = "mean((X @ w + b - y) ** 2)."
    if isinstance(got, NUMBER):
        if math.isclose(got, math.sqrt(expected), rel_tol=1e-9):
            why = "That is the root of the MSE (RMSE): leave out the square root."
        elif math.isclose(got, expected * len(y), rel_tol=1e-9) and len(y) > 1:
            why = "That is the sum of the squares: take their mean."
        elif math.isclose(got, _reference_loss(X, y, w, 0.0), rel_tol=1e-9):
            why = "The bias b is part of every prediction."
    expect_close(got, expected, rel=1e-9, what="mse_loss", why=why)


def _numeric_gradient(X, y, w, b) -> tuple[np.ndarray, float]:
    """The grader's own central differences of scikit-learn's MSE."""
    grad_w = np.array(
        [
            (_reference_loss(X, y, w + STEP * e, b) - _reference_loss(X, y, w - STEP * e, b))
            / (2 * STEP)
            for e in np.eye(len(w))
        ]
    )
    grad_b = (_reference_loss(X, y, w, b + STEP) - _reference_loss(X, y, w, b - STEP)) / (2 * STEP)
    return grad_w, grad_b


def _mse_gradient(ex, X, y, w, b) -> tuple[np.ndarray, float]:
    result = ex.mse_gradient(X, y, w, b)
    expect(
        isinstance(result, tuple) and len(result) == 2,
        "mse_gradient should return a tuple (grad_w, grad_b).",
    )
    grad_w = np.asarray(result[0], dtype=float)
    expect(
        grad_w.shape == w.shape,
        f"grad_w should have the shape of w, {w.shape}, not {grad_w.shape}. X.T @ residuals.",
    )
    expect(np.size(result[1]) == 1, f"grad_b should be one number, not {result[1]!r}.")
    return grad_w, float(np.asarray(result[1], dtype=float).reshape(-1)[0])


def _gradient_slip(got: np.ndarray, expected: np.ndarray, n: int) -> str:
    """Name the usual slip when `got` is a multiple of the true gradient."""
    for factor, slip in [
        (-1.0, "It points the wrong way: residuals are prediction - y."),
        (0.5, "It is half the true gradient: the square brings down a 2."),
        (float(n), "It is n times too large: the loss is a mean, divide by n."),
        (n / 2, "It is the gradient of the sum of squares without the 2/n."),
    ]:
        if (n > 1 or factor in (-1.0, 0.5)) and _close(got, factor * expected, 1e-4, 1e-7):
            return " " + slip
    return " It is (2 / n) X.T @ (X @ w + b - y), and (2 / n) sum(...) for the bias."


@pytest.mark.parametrize("shape", REGRESSION_SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_mse_gradient_matches_finite_differences(ex, shape):
    X, y, w, b = _regression_problem(*shape)
    grad_w, grad_b = _mse_gradient(ex, X, y, w, b)
    numeric_w, numeric_b = _numeric_gradient(X, y, w, b)
    expect(
        _close(grad_w, numeric_w, rtol=GRAD_TOL, atol=GRAD_TOL),
        f"grad_w is {np.round(grad_w, 5).tolist()}, finite differences of the MSE give "
        f"{np.round(numeric_w, 5).tolist()}.{_gradient_slip(grad_w, numeric_w, len(y))}",
    )
    slip = _gradient_slip(np.array([grad_b]), np.array([numeric_b]), len(y))
    expect(
        _close(grad_b, np.array(numeric_b), rtol=GRAD_TOL, atol=GRAD_TOL),
        f"grad_b is {grad_b:.6g}, finite differences give {numeric_b:.6g}.{slip}",
    )


def test_mse_gradient_is_zero_at_the_least_squares_fit(ex):
    X, y, _, _ = _regression_problem(40, 4)
    y = y + 5.0  # a fit with a large bias
    fit = LinearRegression().fit(X, y)
    grad_w, grad_b = _mse_gradient(ex, X, y, fit.coef_, float(fit.intercept_))
    expect(
        _close(grad_w, np.zeros(4), atol=1e-9) and abs(grad_b) < 1e-9,
        f"At scikit-learn's least-squares fit the loss is at its minimum, so the gradient "
        f"must be 0; yours is {np.round(grad_w, 6).tolist()} and {grad_b:.3g}. Do the "
        "residuals include the bias, X @ w + b - y?",
    )


# Exercise 4: gradient descent and feature scaling ------------------------------------------


def _descend(ex, X, y, lr, epochs) -> tuple[np.ndarray, float, list[float]]:
    result = ex.gradient_descent(X, y, lr, epochs)
    expect(
        isinstance(result, tuple) and len(result) == 3,
        "gradient_descent should return a tuple (w, b, losses).",
    )
    w, b, losses = result
    w = np.asarray(w, dtype=float)
    expect(w.shape == (X.shape[1],), f"w should have shape {(X.shape[1],)}, not {w.shape}.")
    expect_type(b, NUMBER, "b")
    losses = [float(v) for v in losses]
    expect(
        len(losses) == epochs,
        f"losses should hold one value per epoch ({epochs}), not {len(losses)}. Take every "
        "step: no early stop.",
    )
    return w, float(b), losses


def _synthetic_fit_problem() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(200, 3))
    return X, X @ np.array([1.5, -2.0, 0.5]) + 5.0 + rng.normal(0.0, 0.3, size=200)


def test_gradient_descent_first_step_from_zero(ex):
    X = np.array([[1.0, 2.0], [3.0, -1.0], [0.0, 1.0]])
    y = np.array([2.0, 1.0, 4.0])
    w, b, losses = _descend(ex, X, y, lr=0.1, epochs=1)
    # From w = 0, b = 0 the residuals are -y, so one step moves by lr * (2 / n) * X.T @ y.
    expected_w, expected_b = 0.1 * 2 / 3 * (X.T @ y), 0.1 * 2 / 3 * y.sum()
    expect(
        math.isclose(losses[0], float(np.mean(y**2)), rel_tol=1e-9),
        f"losses[0] should be the loss of the all-zero model, mean(y**2) = "
        f"{np.mean(y**2):.6g}, not {losses[0]:.6g}. Record the loss before stepping.",
    )
    expect(b != 0.0, "After one step the bias is still 0: step b as well as w.")
    expect(
        _close(w, expected_w) and math.isclose(b, expected_b, rel_tol=1e-9),
        f"One step from zero with lr 0.1 should give w = {expected_w.round(6).tolist()}, "
        f"b = {expected_b:.6g}; yours gave {w.round(6).tolist()}, {b:.6g}."
        f"{_gradient_slip(np.append(w, b), np.append(expected_w, expected_b), 3)}",
    )


def test_gradient_descent_reaches_the_least_squares_fit(ex):
    X, y = _synthetic_fit_problem()
    w, b, losses = _descend(ex, X, y, lr=0.1, epochs=500)
    fit = LinearRegression().fit(X, y)
    expect(
        abs(b - fit.intercept_) < 1e-6,
        f"After 500 steps the bias should be {fit.intercept_:.4f}, as LinearRegression finds, "
        f"not {b:.4g}. Does b get its own update, b -= lr * grad_b?",
    )
    expect(
        _close(w, fit.coef_, atol=1e-6),
        f"After 500 steps the weights should be {fit.coef_.round(4).tolist()}, as "
        f"LinearRegression finds, not {w.round(4).tolist()}.",
    )


def test_gradient_descent_loss_goes_down_for_a_small_rate(ex):
    X, y = _synthetic_fit_problem()
    _, _, losses = _descend(ex, X, y, lr=0.05, epochs=50)
    rises = [i for i in range(1, len(losses)) if losses[i] > losses[i - 1] + 1e-12]
    where = f" and rises at step {rises[0]}" if rises else ""
    expect(
        not rises and losses[-1] < losses[0],
        f"With a small learning rate the loss must fall at every step; yours goes "
        f"{losses[0]:.3f} -> {losses[-1]:.3f}{where}. Step against the gradient: "
        "w - lr * grad_w.",
    )


def test_gradient_descent_diverges_when_the_rate_is_too_large(ex):
    X, y = _synthetic_fit_problem()
    with np.errstate(all="ignore"):
        _, _, losses = _descend(ex, X, y, lr=1.5, epochs=30)
    expect(
        not losses[-1] <= losses[0],  # a loss that overflows to inf or nan also counts
        f"At lr = 1.5 these standardized features overshoot, so the loss should grow "
        f"({losses[0]:.3g} -> {losses[-1]:.3g} in your run). Keep lr fixed and take every "
        "step: a learning rate that is too large must show, not be hidden.",
    )


@cache
def card_regression_data() -> tuple[np.ndarray, np.ndarray]:
    """Hit points, retreat cost, set age in years and a holo flag -> log price, real cards."""
    cards = load_cards().dropna(subset=["hp", "retreat_cost"])
    age = (cards["price_date"] - cards["set_release_date"]).dt.days / 365.25
    X = np.column_stack(
        [
            cards["hp"].astype(float),
            cards["retreat_cost"].astype(float),
            age.astype(float),
            (cards["finish"] != "normal").astype(float),
        ]
    )
    return X, np.log(cards["market_price"].to_numpy(dtype=float))


def test_gradient_descent_matches_sklearn_on_card_prices(ex):
    X, y = card_regression_data()
    Z = StandardScaler().fit_transform(X)
    w, b, losses = _descend(ex, Z, y, lr=0.3, epochs=300)
    fit = LinearRegression().fit(Z, y)
    best = float(mean_squared_error(y, fit.predict(Z)))
    expect(
        abs(losses[-1] - best) < 1e-6 + 1e-3 * abs(best) or losses[-1] < best,
        f"On {len(y):,} real cards the loss should approach LinearRegression's "
        f"{best:.4f}; yours ends at {losses[-1]:.4g}.",
    )
    expect(
        _close(w, fit.coef_, atol=1e-4) and abs(b - fit.intercept_) < 1e-4,
        f"LinearRegression's weights are {fit.coef_.round(4).tolist()} and bias "
        f"{fit.intercept_:.4f}; yours are {w.round(4).tolist()} and {b:.4f}.",
    )


STANDARDIZE_CASES = {
    "one_column": [[1.0], [2.0], [6.0]],
    "different_scales": [[120.0, 1.0, 0.5], [60.0, 2.0, 3.5], [300.0, 3.0, 1.0], [90.0, 1.0, 7.0]],
    "card_features": None,  # filled from the real cards
}


def _standardize(ex, X) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    result = ex.standardize(X)
    expect(
        isinstance(result, tuple) and len(result) == 3,
        "standardize should return a tuple (Z, mean, std).",
    )
    return tuple(np.asarray(part, dtype=float) for part in result)


@pytest.mark.parametrize("case", list(STANDARDIZE_CASES))
def test_standardize_matches_standard_scaler(ex, case):
    rows = STANDARDIZE_CASES[case]
    X = card_regression_data()[0][:500] if rows is None else np.array(rows)
    Z, mean, std = _standardize(ex, X)
    scaler = StandardScaler().fit(X)
    expect(
        _close(mean, scaler.mean_),
        f"The means should be one per column, {scaler.mean_.round(4).tolist()}, not "
        f"{np.round(mean, 4).tolist()}. Use axis=0.",
    )
    ddof1 = X.std(axis=0, ddof=1) if len(X) > 1 else None
    why = (
        " That is the sample standard deviation (ddof=1); StandardScaler divides by n."
        if ddof1 is not None and _close(std, ddof1)
        else ""
    )
    expect(
        _close(std, scaler.scale_),
        f"The standard deviations should be {scaler.scale_.round(4).tolist()}, not "
        f"{np.round(std, 4).tolist()}.{why}",
    )
    expect(
        _close(Z, scaler.transform(X)),
        "Z should be (X - mean) / std, column by column, as StandardScaler's transform.",
    )


def test_standardize_keeps_a_constant_column_finite(ex):
    X = np.array([[1.0, 4.0], [2.0, 4.0], [3.0, 4.0]])
    with np.errstate(all="ignore"):
        Z, _, std = _standardize(ex, X)
    expect(
        bool(np.isfinite(Z).all()),
        f"A constant column became {Z[:, 1].tolist()}: its std is 0, and 0 / 0 is nan. "
        "Use a std of 1 for such a column, as StandardScaler does.",
    )
    expect(
        _close(Z[:, 1], np.zeros(3)) and std[1] == 1.0,
        f"The constant column should become zeros with std 1, not {Z[:, 1].tolist()} "
        f"with std {std[1]}.",
    )


# Exercise 5: the normal equation -----------------------------------------------------------


def _normal_equation(ex, X, y) -> tuple[np.ndarray, float]:
    result = ex.normal_equation(X, y)
    expect(
        isinstance(result, tuple) and len(result) == 2,
        "normal_equation should return a tuple (w, b).",
    )
    w = np.asarray(result[0], dtype=float)
    expect(
        w.shape == (X.shape[1],),
        f"w should have one weight per column of X, shape {(X.shape[1],)}, not {w.shape}. "
        "Split the bias off the solution.",
    )
    expect_type(result[1], NUMBER, "b")
    return w, float(result[1])


@pytest.mark.parametrize("shape", [(3, 1), (20, 2), (100, 5)], ids=lambda s: "x".join(map(str, s)))
def test_normal_equation_matches_linear_regression(ex, shape):
    n, d = shape
    rng = np.random.default_rng(SEED + n)
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) - 3.0 + rng.normal(0.0, 0.1, size=n)
    w, b = _normal_equation(ex, X, y)
    fit = LinearRegression().fit(X, y)
    why = " Without a column of ones the line must pass through 0." if b == 0.0 else ""
    expect(
        _close(w, fit.coef_, rtol=1e-7, atol=1e-8)
        and math.isclose(b, fit.intercept_, rel_tol=1e-7),
        f"LinearRegression finds w = {fit.coef_.round(5).tolist()}, b = "
        f"{fit.intercept_:.5f}; yours are {w.round(5).tolist()}, {b:.5f}.{why}",
    )


def test_normal_equation_on_card_prices(ex):
    X, y = card_regression_data()
    w, b = _normal_equation(ex, X, y)
    fit = LinearRegression().fit(X, y)
    expect(
        _close(w, fit.coef_, rtol=1e-6, atol=1e-9)
        and math.isclose(b, fit.intercept_, rel_tol=1e-6),
        f"On the {len(y):,} cards with hit points, LinearRegression on the raw features "
        f"finds w = {fit.coef_.round(5).tolist()}, b = {fit.intercept_:.4f}; yours are "
        f"{w.round(5).tolist()}, {b:.4f}.",
    )


# Exercise 6: probability by simulation -----------------------------------------------------


@pytest.mark.parametrize(
    ("n_packs", "slots", "p_hit"), [(1, 1, 0.5), (10, 10, 0.0), (10, 10, 1.0), (1000, 10, 0.3)]
)
def test_simulate_packs_returns_one_count_per_pack(ex, n_packs, slots, p_hit):
    got = ex.simulate_packs(np.random.default_rng(SEED), n_packs, slots, p_hit)
    expect_type(got, np.ndarray, "simulate_packs's result")
    expect(got.shape == (n_packs,), f"One count per pack: shape {(n_packs,)}, not {got.shape}.")
    expect(
        np.issubdtype(got.dtype, np.integer),
        f"Counts of hits are whole numbers: an integer array, not {got.dtype}.",
    )
    expect(
        bool(((got >= 0) & (got <= slots)).all()),
        f"A pack of {slots} cards holds 0 to {slots} hits; yours range from {got.min()} "
        f"to {got.max()}.",
    )
    if p_hit in (0.0, 1.0):
        expect(
            bool((got == slots * p_hit).all()),
            f"With p_hit = {p_hit} every pack has {int(slots * p_hit)} hits.",
        )


def test_simulate_packs_follows_the_binomial_distribution(ex):
    n_packs, slots, p_hit = 20_000, 10, 0.12
    got = np.asarray(ex.simulate_packs(np.random.default_rng(SEED), n_packs, slots, p_hit))
    observed = np.bincount(got.astype(int), minlength=slots + 1)[: slots + 1]
    expected = stats.binom.pmf(np.arange(slots + 1), slots, p_hit) * n_packs
    pooled = expected >= 5  # the chi-square test needs 5 expected packs per cell
    obs = np.append(observed[pooled], observed[~pooled].sum())
    exp = np.append(expected[pooled], expected[~pooled].sum())
    p_value = stats.chisquare(obs, exp * obs.sum() / exp.sum()).pvalue
    expect(
        p_value > 1e-4,
        f"The number of hits in {slots} independent cards is binomial: expected about "
        f"{expected[:4].round().astype(int).tolist()} packs with 0-3 hits, yours have "
        f"{observed[:4].tolist()} (chi-square p = {p_value:.2g}). Draw each card, or one "
        "binomial count per pack, not one coin per pack.",
    )


def test_simulate_packs_draws_from_the_given_generator(ex):
    first = ex.simulate_packs(np.random.default_rng(1), 200, 10, 0.3)
    again = ex.simulate_packs(np.random.default_rng(1), 200, 10, 0.3)
    other = ex.simulate_packs(np.random.default_rng(2), 200, 10, 0.3)
    expect(
        np.array_equal(first, again),
        "Two generators seeded alike gave different packs: draw every random number from "
        "`rng`, not from np.random or a new default_rng().",
    )
    expect(not np.array_equal(first, other), "Seeds 1 and 2 gave the very same 200 packs.")


def _coin(p: float) -> Callable[[np.random.Generator, int], np.ndarray]:
    return lambda rng, n: rng.random(n) < p


def _four_dice_with_a_six(rng: np.random.Generator, n: int) -> np.ndarray:
    return (rng.integers(1, 7, size=(n, 4)) == 6).any(axis=1)


MC_EVENTS = {  # name: (event, its exact probability)
    "coin_0.3": (_coin(0.3), 0.3),
    "rare_coin_0.02": (_coin(0.02), 0.02),
    "a_six_in_four_dice": (_four_dice_with_a_six, 1 - (5 / 6) ** 4),
}


def _monte_carlo(ex, event, n, seed) -> tuple[float, float]:
    result = ex.monte_carlo_estimate(event, n, seed)
    expect(
        isinstance(result, tuple) and len(result) == 2,
        "monte_carlo_estimate should return a tuple (estimate, standard_error).",
    )
    expect_type(result[0], NUMBER, "the estimate")
    expect_type(result[1], NUMBER, "the standard error")
    return float(result[0]), float(result[1])


@pytest.mark.parametrize("name", list(MC_EVENTS))
def test_monte_carlo_estimate_is_close_to_the_exact_probability(ex, name):
    event, exact = MC_EVENTS[name]
    n = 20_000
    estimate, error = _monte_carlo(ex, event, n, SEED)
    true_error = math.sqrt(exact * (1 - exact) / n)
    expect(
        abs(estimate - exact) < 4 * true_error,
        f"The exact probability is {exact:.4f}; with {n:,} trials the estimate should be "
        f"within {4 * true_error:.4f} of it, yours is {estimate:.4f}. Return the share of "
        "trials where the event happened.",
    )
    expect(
        math.isclose(error, true_error, rel_tol=0.1),
        f"The standard error should be about sqrt(p (1 - p) / n) = {true_error:.5f}, "
        f"not {error:.5f}.",
    )


@pytest.mark.parametrize(
    "pattern", [[True, False, False, False], [True] * 3 + [False] * 7, [True, True]]
)
def test_monte_carlo_standard_error_matches_the_formula(ex, pattern):
    n = len(pattern)
    estimate, error = _monte_carlo(ex, lambda rng, size: np.array(pattern[:size]), n, SEED)
    p = sum(pattern) / n
    expect(
        math.isclose(estimate, p, rel_tol=1e-12),
        f"{sum(pattern)} successes in {n} trials is an estimate of {p}, not {estimate}.",
    )
    why = (
        " That is the variance: take its square root."
        if math.isclose(error, p * (1 - p) / n, abs_tol=1e-15) and p not in (0, 1)
        else ""
    )
    expect(
        math.isclose(error, math.sqrt(p * (1 - p) / n), rel_tol=1e-12, abs_tol=1e-15),
        f"For an estimate of {p} from {n} trials the standard error is sqrt(p (1 - p) / n) "
        f"= {math.sqrt(p * (1 - p) / n):.6g}, not {error:.6g}.{why}",
    )


def test_monte_carlo_same_seed_same_estimate(ex):
    first = _monte_carlo(ex, _coin(0.5), 1_000, 3)
    again = _monte_carlo(ex, _coin(0.5), 1_000, 3)
    other = _monte_carlo(ex, _coin(0.5), 1_000, 4)
    expect(
        first == again,
        f"The same seed gave {first[0]} and then {again[0]}: build the generator with "
        "np.random.default_rng(seed) and hand it to `event`.",
    )
    expect(
        first != other, f"Seeds 3 and 4 both gave {first[0]}: does the seed reach the generator?"
    )


# Exercise 7: Bayes' rule -------------------------------------------------------------------


def _joint_table_posterior(prior: float, sensitivity: float, false_positive_rate: float) -> float:
    """P(fake | flag) read off the joint table of (status, detector outcome)."""
    status = np.array([prior, 1 - prior])  # fake, genuine
    flag_given_status = np.array(
        [[sensitivity, 1 - sensitivity], [false_positive_rate, 1 - false_positive_rate]]
    )
    joint = status[:, None] * flag_given_status  # rows: status; columns: flagged, not flagged
    return float(joint[0, 0] / joint[:, 0].sum())


BAYES_CASES = [  # (prior, sensitivity, false positive rate)
    (0.5, 0.9, 0.1),
    (0.01, 0.99, 0.05),
    (0.001, 0.95, 0.01),
    (0.2, 0.8, 0.0),
    (0.0, 0.9, 0.1),
    (0.3, 0.6, 0.2),
]


@pytest.mark.parametrize(("prior", "sensitivity", "fpr"), BAYES_CASES)
def test_bayes_posterior_matches_a_joint_probability_table(ex, prior, sensitivity, fpr):
    got = ex.bayes_posterior(prior, sensitivity, fpr)
    expected = _joint_table_posterior(prior, sensitivity, fpr)
    why = "P(fake | flag) = sensitivity * prior / P(flag)."
    if isinstance(got, NUMBER):
        if math.isclose(got, sensitivity) and not math.isclose(expected, sensitivity):
            why = "That is the sensitivity, P(flag | fake): the base rate of fakes is missing."
        elif math.isclose(got, sensitivity * prior) and prior > 0:
            why = "Divide by P(flag), the chance of a flag from fakes and genuine listings."
    expect_close(
        got,
        expected,
        rel=1e-9,
        abs_tol=1e-12,
        what=f"bayes_posterior({prior}, {sensitivity}, {fpr})",
        why=why,
    )


def test_bayes_posterior_grows_with_the_base_rate(ex):
    priors = [0.001, 0.01, 0.1, 0.5]
    got = [float(ex.bayes_posterior(prior, 0.99, 0.05)) for prior in priors]
    expect(
        all(a < b for a, b in zip(got, got[1:], strict=False)),
        f"The same detector (sensitivity 0.99, 5% false positives) for base rates {priors} "
        f"gave {np.round(got, 4).tolist()}. A flag should mean more where fakes are more "
        "common; with 1 fake in 1,000 most flags are false alarms.",
    )
