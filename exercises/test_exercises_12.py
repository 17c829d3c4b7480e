"""Graders for module 12, Foundations: classic algorithms.

Run them with `uv run pytest exercises/test_exercises_12.py`. Every from-scratch algorithm is
checked against the library that does the same job: `scipy.special.expit` and
`sklearn.metrics.log_loss`, an unpenalised `LogisticRegression`, the root of a fitted
`DecisionTreeClassifier`, `scipy.stats.mode`, `KNeighborsClassifier` (with leave-one-out
cross-validation), `KMeans` started from the same rows, `PCA`, and `scipy.stats.zscore`.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from scipy.special import expit
from scipy.stats import mode, zscore
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris, load_wine, make_blobs, make_classification, make_moons
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import LeaveOneOut, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier

from mlcourse.grading import LearnerError, expect, expect_close, expect_type


def _array(got: object, what: str) -> np.ndarray:
    expect(
        isinstance(got, np.ndarray | list | tuple),
        f"{what} should be a NumPy array, not {type(got).__name__}.",
    )
    return np.asarray(got)


# Exercise 1: logistic regression -----------------------------------------------------------

SIGMOID_CASES = {
    "zero": [0.0],
    "small": [-2.0, -0.5, 0.5, 2.0],
    "matrix": [[-30.0, -1.0], [1.0, 30.0]],
}


@pytest.mark.parametrize("case", list(SIGMOID_CASES))
def test_sigmoid_matches_scipy_expit(ex, case):
    z = np.array(SIGMOID_CASES[case])
    got = _array(ex.sigmoid(z), "sigmoid(z)").astype(float)
    expected = expit(z)
    expect(got.shape == z.shape, f"sigmoid should keep the shape of z, {z.shape}, not {got.shape}.")
    mirrored = " The sign is lost: it is 1 / (1 + e^-z)." if np.allclose(got, expit(-z)) else ""
    expect(
        np.allclose(got, expected, rtol=1e-12, atol=1e-15),
        f"sigmoid({z.tolist()}) should be {expected.round(6).tolist()} (scipy's expit), "
        f"yours is {got.round(6).tolist()}.{mirrored}",
    )


def test_sigmoid_never_overflows(ex):
    z = np.array([-1000.0, -710.0, -40.0, 40.0, 710.0, 1000.0])
    try:
        with np.errstate(over="raise", invalid="raise"):
            got = np.asarray(ex.sigmoid(z), dtype=float)
    except LearnerError as error:
        expect(
            not isinstance(error.original, FloatingPointError),
            f"sigmoid({z.tolist()}) overflows: NumPy raised '{error.original}'. exp(1000) "
            "is too large for a float. Only ever take exp of a number <= 0, e.g. "
            "exp(-|z|); note that np.where computes *both* branches for every element.",
        )
        raise
    expect(
        bool(np.isfinite(got).all()) and np.allclose(got, expit(z), rtol=1e-12, atol=1e-12),
        f"sigmoid of huge scores should be {expit(z).tolist()}, yours is {got.tolist()}.",
    )


LOSS_CASES = {
    "one_row": ([1], [0.8]),
    "two_rows": ([1, 0], [0.9, 0.3]),
    "thirty_rows": None,  # random, below
}


def _loss_case(case: str) -> tuple[np.ndarray, np.ndarray]:
    if LOSS_CASES[case] is not None:
        y, p = LOSS_CASES[case]
        return np.array(y), np.array(p)
    rng = np.random.default_rng(12)
    return rng.integers(0, 2, 30), rng.uniform(0.02, 0.98, 30)


@pytest.mark.parametrize("case", list(LOSS_CASES))
def test_log_loss_matches_sklearn(ex, case):
    y, p = _loss_case(case)
    got = ex.log_loss(y, p)
    expected = log_loss(y, p, labels=[0, 1])
    positives_only = float(-np.mean(y * np.log(p)))
    why = ""
    if np.isclose(float(got), expected * len(y)) and len(y) > 1:
        why = "It is n times too large: take the mean over the rows, not the sum."
    elif np.isclose(float(got), positives_only):
        why = "Only the rows with y = 1 count: add the (1 - y) * log(1 - p) term."
    expect_close(got, expected, rel=1e-9, what=f"log_loss({y.tolist()[:4]}..., ...)", why=why)


def test_log_loss_is_finite_for_certain_mistakes(ex):
    y, p = np.array([1, 0, 1]), np.array([0.0, 1.0, 1.0])  # two certain, wrong answers
    with np.errstate(all="ignore"):
        got = ex.log_loss(y, p, eps=1e-6)
        default = ex.log_loss(y, p)
    expected = float(-(np.log(1e-6) * 2 + np.log(1 - 1e-6)) / 3)  # clipped into [eps, 1-eps]
    expect(
        bool(np.isfinite(got)) and bool(np.isfinite(default)),
        f"log_loss({y.tolist()}, {p.tolist()}) is {got}: log(0) is -inf. Clip p into "
        "[eps, 1 - eps] before taking logs.",
    )
    expect_close(
        got,
        expected,
        rel=1e-9,
        what="the loss with eps=1e-6",
        why="Clip p into [eps, 1 - eps] with the eps you were given (np.clip).",
    )
    expect(
        float(default) > 20,
        f"With the default eps=1e-15 two certain mistakes should cost "
        f"over 20 on average; yours cost {float(default):.3g}.",
    )


def _logistic_data() -> tuple[np.ndarray, np.ndarray]:
    X, y = make_classification(
        200, 2, n_informative=2, n_redundant=0, n_clusters_per_class=1, flip_y=0.1, random_state=0
    )
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def _fit_logistic(ex, X, y, lr, epochs):
    result = ex.fit_logistic(X, y, lr, epochs)
    expect(
        isinstance(result, tuple) and len(result) == 3,
        "fit_logistic should return a tuple (w, b, losses).",
    )
    w, b, losses = result
    w = _array(w, "w").astype(float)
    expect(w.shape == (X.shape[1],), f"w should have shape {(X.shape[1],)}, not {w.shape}.")
    expect_type(b, (int, float, np.integer, np.floating), "b")
    losses = [float(v) for v in losses]
    expect(
        len(losses) == epochs,
        f"losses should hold one value per epoch ({epochs}), not {len(losses)}.",
    )
    return w, float(b), losses


@pytest.mark.parametrize("epochs", [1, 2, 3])
def test_fit_logistic_follows_the_gradient_step_by_step(ex, epochs):
    rng = np.random.default_rng(epochs)
    X, y, lr = rng.normal(size=(5, 2)), np.array([0, 1, 1, 0, 1]), 0.3
    w, b, losses = _fit_logistic(ex, X, y, lr, epochs)
    w_ref, b_ref, losses_ref = np.zeros(2), 0.0, []
    for _ in range(epochs):  # gradient descent on the mean log loss, spelled out
        p = expit(X @ w_ref + b_ref)
        losses_ref.append(log_loss(y, p))
        w_ref, b_ref = w_ref - lr * X.T @ (p - y) / len(y), b_ref - lr * np.mean(p - y)
    hint = ""
    if np.allclose(w, -w_ref):
        hint = " The step has the wrong sign: subtract lr * gradient, with gradient X.T @ (p - y)."
    elif np.allclose(w, w_ref * len(y)):
        hint = " The step is n times too big: divide the gradient by the number of rows."
    expect(
        np.allclose(w, w_ref, rtol=1e-9, atol=1e-12),
        f"After {epochs} step(s) with lr={lr}, w should be {w_ref.round(6).tolist()}, yours "
        f"is {w.round(6).tolist()}.{hint}",
    )
    expect(
        np.isclose(b, b_ref, rtol=1e-9, atol=1e-12),
        f"After {epochs} step(s) b should be {b_ref:.6f}, yours is {b:.6f}. Does the bias "
        "take its step, lr * mean(p - y)?",
    )
    expect(
        np.allclose(losses, losses_ref, rtol=1e-9),
        f"losses should be {np.round(losses_ref, 6).tolist()}: the loss of each epoch before "
        f"its step (the first one, from w = 0, is log 2). Yours: {np.round(losses, 6)}.",
    )


def test_fit_logistic_loss_goes_down(ex):
    X, y = _logistic_data()
    _, _, losses = _fit_logistic(ex, X, y, lr=0.5, epochs=200)
    expect(bool(np.isfinite(losses).all()), "Some losses are inf or nan.")
    rises = int(np.sum(np.diff(losses) > 1e-12))
    expect(
        rises == 0 and losses[-1] < losses[0] - 0.2,
        f"The loss went from {losses[0]:.4f} to {losses[-1]:.4f} and rose {rises} times. "
        "With a small learning rate every gradient-descent step should lower it.",
    )


@pytest.mark.time_limit(20)
def test_fit_logistic_matches_sklearn_without_penalty(ex):
    X, y = _logistic_data()
    w, b, _ = _fit_logistic(ex, X, y, lr=0.5, epochs=2000)
    model = LogisticRegression(C=np.inf).fit(X, y)  # C = inf: no regularisation, like yours
    expected = np.append(model.coef_[0], model.intercept_[0])
    got = np.append(w, b)
    expect(
        np.allclose(got, expected, atol=2e-3),
        f"After 2,000 epochs (w, b) should be close to scikit-learn's unpenalised fit, "
        f"{expected.round(4).tolist()}; yours is {got.round(4).tolist()}.",
    )


# Exercise 2: a Gini split ------------------------------------------------------------------

GINI_CASES = {
    "pure": [1, 1, 1],
    "half_and_half": [0, 0, 1, 1],
    "seven_three": [0] * 7 + [1] * 3,
    "three_classes": [0, 1, 2, 2, 1, 0, 2, 2, 2],
    "text_labels": ["holo", "normal", "normal", "reverse", "normal"],
}


@pytest.mark.parametrize("case", list(GINI_CASES))
def test_gini_matches_a_fitted_trees_root(ex, case):
    labels = np.array(GINI_CASES[case])
    got = ex.gini_impurity(labels)
    root = DecisionTreeClassifier(max_depth=1).fit(np.zeros((len(labels), 1)), labels)
    expected = float(root.tree_.impurity[0])  # scikit-learn's Gini impurity of the root node
    _, counts = np.unique(labels, return_counts=True)
    why = (
        "Use the shares of each class (count / n), not the counts."
        if np.isclose(float(got), 1 - np.sum(counts**2))
        else "It is 1 - sum(p_k ** 2)."
    )
    expect_close(
        got, expected, rel=1e-12, abs_tol=1e-12, what=f"gini_impurity({labels.tolist()})", why=why
    )


def test_gini_of_an_empty_node_is_zero(ex):
    with np.errstate(all="ignore"):
        got = ex.gini_impurity(np.array([], dtype=int))
    expect_close(
        got,
        0.0,
        abs_tol=1e-12,
        what="gini_impurity of an empty node",
        why="An empty node holds nothing to mix up; with no counts, 1 - sum(...) is 1, "
        "so return 0.0 for it first.",
    )


def _best_split(ex, X, y) -> tuple[int, float, float]:
    result = ex.best_gini_split(X, y)
    expect(
        isinstance(result, tuple) and len(result) == 3,
        "best_gini_split should return a tuple (feature, threshold, weighted_gini).",
    )
    feature, threshold, score = result
    expect_type(feature, (int, np.integer), "feature")
    return int(feature), float(threshold), float(score)


SPLIT_HAND_CASES = {  # (X, y, (feature, threshold, weighted gini)), worked out by hand
    "one_feature": ([[1], [2], [3], [4]], [0, 0, 1, 1], (0, 2.5, 0.0)),
    "second_feature": ([[1, 10], [2, 30], [3, 20], [4, 40]], [0, 1, 0, 1], (1, 25.0, 0.0)),
    "tie_keeps_first": ([[1], [2], [3], [4]], [0, 1, 0, 1], (0, 1.5, 1 / 3)),
}


@pytest.mark.parametrize("case", list(SPLIT_HAND_CASES))
def test_best_split_on_hand_worked_cases(ex, case):
    X, y, expected = SPLIT_HAND_CASES[case]
    X, y = np.array(X, dtype=float), np.array(y)
    got = _best_split(ex, X, y)
    expect(
        got[0] == expected[0]
        and np.isclose(got[1], expected[1])
        and np.isclose(got[2], expected[2]),
        f"best_gini_split({X.tolist()}, {y.tolist()}) should be (feature, threshold, gini) = "
        f"{expected}, yours is {got}. Thresholds are midpoints between consecutive distinct "
        "values; each side's impurity is weighted by its share of the rows; ties keep the "
        "first split found.",
    )


@cache
def _split_case(case: str) -> tuple[np.ndarray, np.ndarray]:
    if case == "wine":
        wine = load_wine()
        return wine.data, wine.target
    seed = int(case[-1])
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 400, size=(60, 3)) / 8  # eighths: exact in float32, as trees store X
    score = X[:, seed] + 0.5 * X[:, (seed + 1) % 3] + rng.normal(0, 10, 60)
    return X, (score > np.median(score)).astype(int)


@pytest.mark.parametrize("case", ["random_0", "random_1", "random_2", "wine"])
def test_best_split_matches_a_decision_stump(ex, case):
    X, y = _split_case(case)
    tree = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y).tree_
    n = tree.n_node_samples
    expected_gini = (n[1] * tree.impurity[1] + n[2] * tree.impurity[2]) / n[0]
    feature, threshold, score = _best_split(ex, X, y)
    expect(
        feature == tree.feature[0] and np.isclose(threshold, tree.threshold[0], rtol=1e-6),
        f"On {case} ({X.shape[0]} rows, {X.shape[1]} features) a depth-1 DecisionTreeClassifier "
        f"splits on feature {tree.feature[0]} at {tree.threshold[0]:.6g}; yours splits on "
        f"feature {feature} at {threshold:.6g}. Weight each side's impurity by its number "
        "of rows, and put the threshold halfway between two values.",
    )
    expect_close(
        score,
        float(expected_gini),
        rel=1e-9,
        what="the weighted Gini impurity",
        why="It is (n_left * gini_left + n_right * gini_right) / n.",
    )


# Exercise 3: k-nearest neighbours ----------------------------------------------------------

VOTE_CASES = {"one": [5], "clear_winner": [1, 2, 2], "random_small": 1, "random_large": 2}


@pytest.mark.parametrize("case", list(VOTE_CASES))
def test_majority_vote_matches_scipy_mode(ex, case):
    labels = VOTE_CASES[case]
    if isinstance(labels, int):
        labels = np.random.default_rng(labels).integers(0, 4, size=7 * labels)
    labels = np.array(labels)
    got = ex.majority_vote(labels)
    expected = mode(labels).mode  # scipy: the most common value, the smallest on a tie
    expect(
        got == expected, f"majority_vote({labels.tolist()}) should be {expected}, yours is {got!r}."
    )


@pytest.mark.parametrize(
    "labels",
    [[2, 2, 1, 1], [3, 1, 3, 1, 2], [9, 4, 9, 4, 0]],
    ids=["two_way_tie", "tie_seen_later", "tie_with_a_loser"],
)
def test_majority_vote_breaks_ties_towards_the_smallest_label(ex, labels):
    got = ex.majority_vote(np.array(labels))
    winners = [v for v in set(labels) if labels.count(v) == max(map(labels.count, labels))]
    expect(
        got == min(winners),
        f"majority_vote({labels}) is a tie between {sorted(winners)}; it should go to "
        f"{min(winners)}, the smallest, but yours gives {got!r}. (Counter.most_common picks "
        "the label seen first, which depends on the order of the neighbours.)",
    )


def test_knn_predict_with_k_1_copies_the_nearest_label(ex):
    X_train, y_train = np.array([[0.0, 0.0], [4.0, 0.0], [0.0, 3.0]]), np.array([7, 8, 9])
    X_query = np.array([[3.5, 0.5], [0.2, 2.0], [-1.0, -1.0]])
    got = _array(ex.knn_predict(X_train, y_train, X_query, 1), "knn_predict(...)")
    expect(
        np.array_equal(got, [8, 9, 7]),
        f"With k=1 each query takes the label of the closest training row: [8, 9, 7]; "
        f"yours gives {got.tolist()}. Sort the distances ascending: nearest first.",
    )


@cache
def _knn_data() -> tuple[np.ndarray, ...]:
    X, y = make_blobs(100, centers=3, cluster_std=3.0, random_state=0)
    return X[:60], y[:60], X[60:]


@pytest.mark.parametrize("k", [1, 3, 4, 7])
def test_knn_predict_matches_sklearn(ex, k):
    X_train, y_train, X_query = _knn_data()
    got = _array(ex.knn_predict(X_train, y_train, X_query, k), "knn_predict(...)")
    model = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X_train, y_train)
    expected = model.predict(X_query)
    expect(
        got.shape == expected.shape,
        f"One prediction per query row: shape {expected.shape}, not {got.shape}.",
    )
    differ = np.flatnonzero(got != expected)
    expect(
        len(differ) == 0,
        f"With k={k}, {len(differ)} of {len(expected)} predictions differ from "
        f"KNeighborsClassifier, e.g. at queries {differ[:3].tolist()}: yours "
        f"{got[differ[:3]].tolist()}, scikit-learn {expected[differ[:3]].tolist()}. Do "
        "exactly k neighbours vote, the nearest ones, with ties to the smallest label?",
    )


@pytest.mark.parametrize("k", [1, 3, 5])
def test_knn_leave_one_out_matches_sklearn(ex, k):
    X, y = make_moons(60, noise=0.35, random_state=1)
    got = ex.knn_loo_accuracy(X, y, k)
    model = KNeighborsClassifier(n_neighbors=k, algorithm="brute")
    expected = float(cross_val_score(model, X, y, cv=LeaveOneOut()).mean())
    why = (
        "Each row is at distance 0 from itself: leave it out of its own neighbours."
        if float(got) > expected
        else ""
    )
    expect_close(got, expected, rel=1e-12, what=f"knn_loo_accuracy with k={k}", why=why)


# Exercise 4: k-means -----------------------------------------------------------------------


def _kmeans(ex, X, k, seed, **kwargs) -> tuple[np.ndarray, np.ndarray, float]:
    result = ex.kmeans(X, k, seed, **kwargs)
    expect(
        isinstance(result, tuple) and len(result) == 3,
        "kmeans should return a tuple (centers, labels, inertia).",
    )
    centers, labels, inertia = result
    centers, labels = _array(centers, "centers").astype(float), _array(labels, "labels")
    expect(
        centers.shape == (k, X.shape[1]),
        f"centers should have shape {(k, X.shape[1])}, not {centers.shape}.",
    )
    expect(labels.shape == (len(X),), f"labels should have shape {(len(X),)}, not {labels.shape}.")
    expect_type(inertia, (float, np.floating, int, np.integer), "inertia")
    return centers, labels, float(inertia)


def test_kmeans_with_one_cluster_finds_the_mean(ex):
    X = np.array([[0.0, 0.0], [2.0, 0.0], [4.0, 6.0]])
    centers, labels, inertia = _kmeans(ex, X, 1, 0)
    expect(
        np.allclose(centers, [[2.0, 2.0]]),
        f"One cluster's center is the mean of all rows, [[2, 2]]; yours is "
        f"{centers.tolist()}. Do the centers move to the mean of their rows?",
    )
    expect(np.array_equal(labels, [0, 0, 0]), f"Every row is in cluster 0, not {labels}.")
    expect_close(
        inertia,
        32.0,
        what="the inertia",
        why="It is the sum of *squared* distances to the center: 8 + 4 + 20.",
    )


@pytest.mark.parametrize(("k", "seed"), [(2, 0), (3, 1), (4, 2), (5, 3)])
def test_kmeans_matches_sklearn_from_the_same_start(ex, k, seed):
    X, _ = make_blobs(150, centers=4, cluster_std=2.0, random_state=seed)
    start = X[np.random.default_rng(seed).choice(len(X), size=k, replace=False)]
    model = KMeans(k, init=start, n_init=1, algorithm="lloyd", tol=0.0).fit(X)
    centers, labels, inertia = _kmeans(ex, X, k, seed)
    expect(
        np.allclose(centers, model.cluster_centers_, atol=1e-8),
        f"Started from the documented rows, KMeans ends with centers "
        f"{model.cluster_centers_.round(3).tolist()}; yours are {centers.round(3).tolist()}. "
        "Start from X[rng.choice(len(X), size=k, replace=False)] with rng = "
        "np.random.default_rng(seed), and repeat assign + update until nothing changes.",
    )
    expect(
        np.array_equal(labels, model.labels_),
        f"{np.sum(labels != model.labels_)} labels differ from KMeans's.",
    )
    rooted = float(np.sqrt(((X - model.cluster_centers_[model.labels_]) ** 2).sum(axis=1)).sum())
    expect_close(
        inertia,
        float(model.inertia_),
        rel=1e-9,
        what="the inertia",
        why="It is the sum over rows of the squared distance to their center."
        + (" Yours sums plain distances." if np.isclose(inertia, rooted) else ""),
    )


def test_kmeans_ends_at_a_fixed_point(ex):
    X = np.random.default_rng(12).uniform(0, 10, size=(120, 2))  # no clusters: many moves
    centers, labels, inertia = _kmeans(ex, X, 5, 7)
    means = np.array(
        [X[labels == c].mean(axis=0) if np.any(labels == c) else centers[c] for c in range(5)]
    )
    expect(
        np.allclose(centers, means),
        "The centers are not the means of their rows: after the last assignment, each "
        "center should have moved to the mean of the rows assigned to it.",
    )
    nearest = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    expect(
        np.array_equal(labels, nearest),
        f"{np.sum(labels != nearest)} rows are not labelled with their nearest center: keep "
        "alternating assign and update until the labels stop changing.",
    )
    expect_close(
        inertia,
        float(((X - centers[labels]) ** 2).sum()),
        rel=1e-9,
        what="the inertia",
        why="It is the sum of squared distances to the centers.",
    )


def test_kmeans_same_seed_same_clusters(ex):
    X, _ = make_blobs(90, centers=3, cluster_std=2.5, random_state=5)
    first, again = _kmeans(ex, X, 3, 11), _kmeans(ex, X, 3, 11)
    expect(
        np.array_equal(first[0], again[0]) and np.array_equal(first[1], again[1]),
        "Two runs with the same seed gave different clusters: draw the starting rows from "
        "np.random.default_rng(seed), not from an unseeded generator.",
    )


# Exercise 5: PCA ---------------------------------------------------------------------------

PCA_CASES = [("iris", 1), ("iris", 2), ("wine", 3)]


@cache
def _pca_data(name: str) -> np.ndarray:
    return {"iris": load_iris, "wine": load_wine}[name]().data


def _pca(ex, X: np.ndarray, n_components: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    result = ex.pca_from_scratch(X, n_components)
    expect(
        isinstance(result, tuple) and len(result) == 3,
        "pca_from_scratch should return a tuple (scores, components, ratio).",
    )
    scores, components, ratio = (
        _array(part, name).astype(float)
        for part, name in zip(result, ["scores", "components", "ratio"], strict=True)
    )
    shapes = {
        "scores": ((len(X), n_components), scores.shape),
        "components": ((n_components, X.shape[1]), components.shape),
        "ratio": ((n_components,), ratio.shape),
    }
    for name, (expected, got) in shapes.items():
        expect(
            got == expected,
            f"{name} should have shape {expected}, not {got}. Components "
            "are rows, one per direction, like scikit-learn's.",
        )
    return scores, components, ratio


@pytest.mark.parametrize(("data", "n_components"), PCA_CASES)
def test_pca_explained_variance_matches_sklearn(ex, data, n_components):
    X = _pca_data(data)
    _, _, ratio = _pca(ex, X, n_components)
    expected = PCA(n_components).fit(X).explained_variance_ratio_
    why = ""
    if np.allclose(ratio.sum(), 1.0) and n_components < X.shape[1]:
        why = " Divide by the variance of *all* components, not just the kept ones."
    expect(
        np.allclose(ratio, expected, rtol=1e-8),
        f"On {data}, the explained variance ratios should be {expected.round(5).tolist()} "
        f"(scikit-learn's PCA), yours are {ratio.round(5).tolist()}. A component's variance "
        f"is its singular value squared; was X centered first?{why}",
    )


@pytest.mark.parametrize(("data", "n_components"), PCA_CASES)
def test_pca_components_and_scores_match_sklearn_up_to_sign(ex, data, n_components):
    X = _pca_data(data)
    scores, components, _ = _pca(ex, X, n_components)
    model = PCA(n_components).fit(X)
    signs = np.sign(np.sum(components * model.components_, axis=1))  # a direction's sign is free
    signs[signs == 0] = 1
    expect(
        np.allclose(components * signs[:, None], model.components_, atol=1e-8),
        f"On {data}, your components are not scikit-learn's (even allowing each to flip "
        "sign). Center X before the SVD; the components are the first rows of V^T.",
    )
    expect(
        np.allclose(scores * signs, model.transform(X), atol=1e-6),
        f"On {data}, the scores are not the centered data projected on the components, "
        "(X - X.mean(axis=0)) @ components.T.",
    )


# Exercise 6: anomalies ---------------------------------------------------------------------


def _flags(ex, values: np.ndarray, threshold: float) -> np.ndarray:
    flags = _array(ex.zscore_anomalies(values, threshold), "zscore_anomalies(...)")
    expect(
        flags.shape == values.shape and flags.dtype == bool,
        f"zscore_anomalies should return booleans of shape {values.shape}, not "
        f"{flags.dtype} of shape {flags.shape}.",
    )
    return flags


@pytest.mark.parametrize("threshold", [2.0, 2.5, 3.0])
def test_zscore_flags_match_scipy(ex, threshold):
    values = np.random.default_rng(12).lognormal(1.0, 0.8, size=300)  # price-like, one tail
    flags = _flags(ex, values, threshold)
    expected = np.abs(zscore(values)) > threshold
    expect(
        np.array_equal(flags, expected),
        f"With threshold {threshold}, {expected.sum()} values have |z| > {threshold} "
        f"(scipy.stats.zscore); you flag {flags.sum()}, {np.sum(flags != expected)} "
        "differing. z = (value - mean) / std, with the population std (ddof=0).",
    )


def test_zscore_flags_cheap_and_expensive_outliers(ex):
    values = np.array([100.0, 104, 96, 100, 103, 97, 100, 102, 98, 100] * 3 + [140.0, 60.0])
    flags = _flags(ex, values, 3.0)
    expect(
        bool(flags[-1]) and bool(flags[-2]) and not flags[:-2].any(),
        "Among prices between $96 and $104, exactly the last two, $140 and $60, lie over 3 "
        f"standard deviations from the mean, one on each side; you flag "
        f"{values[flags].tolist()}. Divide by the standard deviation, and compare |z| with "
        "the threshold, so both tails count.",
    )


def test_zscore_constant_values_flag_nothing(ex):
    values = np.full(8, 4.99)
    with np.errstate(all="ignore"):
        flags = _flags(ex, values, 3.0)
    expect(
        not flags.any(),
        "All values are equal, so none stands out; return all False "
        "when the standard deviation is 0.",
    )
