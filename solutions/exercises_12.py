"""Module 12 - Classic algorithms from scratch: exercises.

You write the core of the classic machine-learning algorithms with nothing but NumPy, then
check each one against the scikit-learn estimator that does the same job: logistic
regression trained by gradient descent, the Gini split at the root of a decision tree,
k-nearest neighbours, k-means, PCA, and a z-score rule for spotting anomalous prices.

Conventions used everywhere in this file:
- a data set `X` has one row per example and one column per feature: shape (n, d);
- labels `y` are a 1-D array with one entry per row of `X`;
- distances are Euclidean;
- "ties go to the smallest label": when two classes are equally popular, pick the smaller.

This is the reference solution: every body is written, with comments on why. Grade it with
`uv run pytest --solutions exercises/test_exercises_12.py` or with the check panel at the end
of `notebooks/12_classic_algorithms.py`. Keep the names and signatures as they are.
"""

from __future__ import annotations

import numpy as np

# Exercise 1: logistic regression from scratch ----------------------------------------------


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function 1 / (1 + e^-z), elementwise, without overflow.

    Args:
        z: Scores, any shape.

    Returns:
        Values in [0, 1] with the shape of `z`. No step may overflow, even for z = -1000
        (NumPy's "overflow encountered in exp" counts as a failure).

    >>> sigmoid(np.array([0.0, 1000.0]))
    array([0.5, 1. ])
    """
    z = np.asarray(z, dtype=float)
    # exp(-z) overflows for very negative z. exp(-|z|) is at most 1, so it never does:
    # for z >= 0 use 1 / (1 + e^-z); for z < 0 the same value written as e^z / (1 + e^z).
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_loss(y: np.ndarray, p: np.ndarray, eps: float = 1e-15) -> float:
    """Mean binary cross-entropy (log loss) of predicted probabilities.

    Each row costs -(y log p + (1 - y) log(1 - p)). Probabilities are first clipped into
    [eps, 1 - eps], so a confident mistake costs a lot but never infinity.

    Args:
        y: True labels, 0 or 1, shape (n,).
        p: Predicted probabilities of class 1, shape (n,).
        eps: Smallest distance from 0 and 1 a probability is allowed.

    Returns:
        The mean loss over the rows, as a float.

    >>> round(log_loss(np.array([1, 0]), np.array([0.5, 0.5])), 4)
    0.6931
    """
    # Clipping keeps log away from 0: one p = 0 for a true 1 would make the mean infinite.
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    y = np.asarray(y, dtype=float)
    # Both terms are needed: the first charges true 1s, the second true 0s.
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def fit_logistic(
    X: np.ndarray, y: np.ndarray, lr: float, epochs: int
) -> tuple[np.ndarray, float, list[float]]:
    """Fit logistic regression by full-batch gradient descent on the mean log loss.

    The model predicts P(y = 1) = sigmoid(X @ w + b). Start from w = 0 and b = 0. Each epoch
    computes the probabilities for all rows, records the loss, then takes one step:
    w -= lr * X.T @ (p - y) / n and b -= lr * mean(p - y). No regularisation.

    Args:
        X: Features, shape (n, d).
        y: Labels, 0 or 1, shape (n,).
        lr: Learning rate (step size).
        epochs: Number of gradient-descent steps.

    Returns:
        `(w, b, losses)`: weights of shape (d,), the bias as a float, and the log loss of
        every epoch measured before its step (a list of `epochs` floats).

    >>> w, b, losses = fit_logistic(np.array([[-1.0], [1.0]]), np.array([0, 1]), 1.0, 1)
    >>> w, b, round(losses[0], 4)
    (array([0.5]), 0.0, 0.6931)
    """
    n, d = X.shape
    w, b, losses = np.zeros(d), 0.0, []
    for _ in range(epochs):
        p = sigmoid(X @ w + b)
        losses.append(log_loss(y, p))
        # The gradient of the mean log loss is remarkably simple: the error p - y, weighted
        # by the inputs. Dividing by n matches the *mean*, so lr does not depend on n.
        error = p - y
        w = w - lr * (X.T @ error) / n
        b = b - lr * float(error.mean())
    return w, float(b), losses


# Exercise 2: a decision-tree split by Gini impurity ----------------------------------------


def gini_impurity(labels: np.ndarray) -> float:
    """Gini impurity of a node: 1 - sum over classes of p_k squared.

    p_k is the share of the node's labels that belong to class k. A pure node scores 0; two
    classes half and half score 0.5. An empty node scores 0.

    Args:
        labels: The labels that reached the node, shape (n,).

    Returns:
        The impurity, a float in [0, 1).

    >>> gini_impurity(np.array([0, 0, 1, 1]))
    0.5
    """
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    shares = counts / counts.sum()  # proportions, not counts: impurity must not grow with n
    return float(1.0 - np.sum(shares**2))


def best_gini_split(X: np.ndarray, y: np.ndarray) -> tuple[int, float, float]:
    """The split `X[:, feature] <= threshold` that minimises the weighted Gini impurity.

    Candidate thresholds are the midpoints between consecutive distinct values of each
    feature. A split's score is the impurity of each side weighted by its share of the
    rows: (n_left * gini_left + n_right * gini_right) / n. On a tie, keep the first found
    (lowest feature index, then lowest threshold). At least one feature has two distinct
    values.

    Args:
        X: Features, shape (n, d).
        y: Labels, shape (n,).

    Returns:
        `(feature, threshold, weighted_gini)`: a column index, the threshold and the
        weighted impurity of the best split.

    >>> best_gini_split(np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([0, 0, 1, 1]))
    (0, 2.5, 0.0)
    """
    n = len(y)
    best: tuple[int, float, float] | None = None
    for feature in range(X.shape[1]):
        values = np.unique(X[:, feature])  # sorted and distinct
        # Midpoints, as scikit-learn uses: the threshold sits halfway between two values, so
        # a new value between them falls on the side it is closer to.
        for threshold in (values[:-1] + values[1:]) / 2:
            left = X[:, feature] <= threshold
            n_left = int(left.sum())
            # Weight by size: a pure side of 2 rows should not outweigh an impure side of 98.
            score = (n_left * gini_impurity(y[left]) + (n - n_left) * gini_impurity(y[~left])) / n
            if best is None or score < best[2]:  # strictly better: ties keep the first found
                best = (feature, float(threshold), float(score))
    if best is None:
        raise ValueError("no feature has two distinct values, so no split exists")
    return best


# Exercise 3: k-nearest neighbours ----------------------------------------------------------


def majority_vote(labels: np.ndarray) -> object:
    """The most common label; ties go to the smallest label.

    Args:
        labels: Labels, shape (n,), n >= 1.

    Returns:
        One label, an element of `labels`.

    >>> int(majority_vote(np.array([3, 1, 3, 1, 2])))
    1
    """
    # np.unique returns the labels sorted, and argmax returns the first of equal maxima, so a
    # tie goes to the smallest label. Counter.most_common would pick the first one *seen*,
    # which depends on the order of the neighbours.
    values, counts = np.unique(labels, return_counts=True)
    return values[np.argmax(counts)]


def _distances(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Euclidean distance between every row of A and every row of B, shape (len(A), len(B))."""
    return np.sqrt(((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2))


def knn_predict(
    X_train: np.ndarray, y_train: np.ndarray, X_query: np.ndarray, k: int
) -> np.ndarray:
    """Predict the class of each query row by a vote of its k nearest training rows.

    Args:
        X_train: Training features, shape (n, d).
        y_train: Training labels, shape (n,).
        X_query: Rows to classify, shape (m, d).
        k: Number of neighbours that vote (1 <= k <= n).

    Returns:
        Predicted labels, shape (m,); vote ties go to the smallest label.

    >>> knn_predict(np.array([[0.0], [1.0], [5.0]]), np.array([0, 0, 1]), np.array([[4.0]]), 1)
    array([1])
    """
    distances = _distances(X_query, X_train)
    # A stable sort keeps equal distances in training order, so the answer is reproducible.
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    return np.array([majority_vote(y_train[row]) for row in nearest])


def knn_loo_accuracy(X: np.ndarray, y: np.ndarray, k: int) -> float:
    """Leave-one-out accuracy of k-nearest neighbours.

    Each row in turn is predicted by a vote of its k nearest *other* rows (it is never its
    own neighbour), and the score is the share of rows predicted right.

    Args:
        X: Features, shape (n, d).
        y: Labels, shape (n,).
        k: Number of neighbours that vote (1 <= k < n).

    Returns:
        The accuracy, a float in [0, 1].

    >>> knn_loo_accuracy(np.array([[0.0], [0.1], [5.0], [5.1]]), np.array([0, 0, 1, 1]), 1)
    1.0
    """
    distances = _distances(X, X)
    # Every row is at distance 0 from itself. Left in, 1-NN would "predict" each row from
    # its own label and score 100% on any data: that is training accuracy, not a test.
    np.fill_diagonal(distances, np.inf)
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    predicted = np.array([majority_vote(y[row]) for row in nearest])
    return float(np.mean(predicted == y))


# Exercise 4: k-means -----------------------------------------------------------------------


def kmeans(
    X: np.ndarray, k: int, seed: int, max_iter: int = 100
) -> tuple[np.ndarray, np.ndarray, float]:
    """Cluster the rows of X into k groups with Lloyd's k-means algorithm.

    Start from k distinct rows chosen by `np.random.default_rng(seed).choice(len(X), size=k,
    replace=False)`, in that order. Then repeat: assign each row to its nearest center, move
    each center to the mean of its rows (a center that loses all its rows stays where it
    is), until the assignment no longer changes or `max_iter` updates have been made.

    Args:
        X: Data, shape (n, d).
        k: Number of clusters (1 <= k <= n).
        seed: Seed for choosing the starting centers.
        max_iter: Most center updates to make.

    Returns:
        `(centers, labels, inertia)`: centers of shape (k, d), the cluster of each row
        (integers 0..k-1, shape (n,)) and the inertia, the sum over rows of the *squared*
        distance to their center.

    >>> centers, labels, inertia = kmeans(np.array([[0.0], [1.0], [10.0], [11.0]]), 2, 0)
    >>> sorted(centers.ravel().tolist()), inertia
    ([0.5, 10.5], 1.0)
    """
    X = np.asarray(X, dtype=float)
    rng = np.random.default_rng(seed)
    centers = X[rng.choice(len(X), size=k, replace=False)].copy()
    labels = _distances(X, centers).argmin(axis=1)
    for _ in range(max_iter):
        # Update step: each center moves to the mean of the rows assigned to it.
        new_centers = centers.copy()
        for cluster in range(k):
            members = X[labels == cluster]
            if len(members):  # an empty cluster keeps its old center instead of a NaN mean
                new_centers[cluster] = members.mean(axis=0)
        centers = new_centers
        # Assignment step: each row joins its nearest (new) center.
        new_labels = _distances(X, centers).argmin(axis=1)
        if np.array_equal(new_labels, labels):
            break  # nothing moved: the centers are the means of their rows and stay so
        labels = new_labels
    # Inertia uses squared distances: that is the quantity both steps make smaller.
    inertia = float(((X - centers[labels]) ** 2).sum())
    return centers, labels, inertia


# Exercise 5: PCA ---------------------------------------------------------------------------


def pca_from_scratch(X: np.ndarray, n_components: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Principal component analysis through the SVD of the centered data.

    Args:
        X: Data, shape (n, d).
        n_components: Number of components to keep (1 <= n_components <= min(n, d)).

    Returns:
        `(scores, components, explained_variance_ratio)`: the centered data projected on the
        components, shape (n, n_components); the components as unit-length rows, shape
        (n_components, d), strongest first; and each component's share of the total
        variance, shape (n_components,).

    >>> scores, components, ratio = pca_from_scratch(np.array([[0.0, 0], [2, 2], [4, 4]]), 1)
    >>> ratio
    array([1.])
    """
    X = np.asarray(X, dtype=float)
    # Center first: PCA describes spread around the mean. Without it, the first "direction
    # of most variance" just points from the origin to the data's mean.
    centered = X - X.mean(axis=0)
    _, singular, vt = np.linalg.svd(centered, full_matrices=False)
    components = vt[:n_components]  # rows of V^T are the directions, strongest first
    # Each component's variance is its singular value squared / (n - 1); the ratio over the
    # *total* (all components, not just the kept ones) says how much the kept ones explain.
    variance = singular**2
    ratio = variance[:n_components] / variance.sum()
    scores = centered @ components.T
    return scores, components, ratio


# Exercise 6: anomaly detection -------------------------------------------------------------


def zscore_anomalies(values: np.ndarray, threshold: float = 3.0) -> np.ndarray:
    """Flag values more than `threshold` standard deviations from the mean, on either side.

    z = (value - mean) / std, with the population standard deviation (ddof=0, as
    `scipy.stats.zscore` uses by default). A value is an anomaly when |z| > threshold. When
    every value is the same there is no spread and nothing is flagged.

    Args:
        values: Numbers, shape (n,).
        threshold: How many standard deviations count as anomalous.

    Returns:
        A boolean array, shape (n,): True for the anomalies.

    >>> np.flatnonzero(zscore_anomalies(np.array([1.0] * 9 + [10.0]), 2.5))
    array([9])
    """
    values = np.asarray(values, dtype=float)
    std = values.std()
    if std == 0:  # no spread: z is 0 / 0, and no value stands out from the others
        return np.zeros(len(values), dtype=bool)
    z = (values - values.mean()) / std
    # Both tails: a suspiciously cheap listing is as interesting as a suspiciously dear one.
    return np.abs(z) > threshold
