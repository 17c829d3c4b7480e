"""Module 14 - Responsible ML: exercises.

PokeMarket's price model decides things that matter to sellers: which cards go on the
"worth featuring" shelf, and what price a seller is told to ask. This module measures whether
those decisions treat groups of cards alike, explains what the model relies on, audits it
segment by segment, and releases data about sellers without exposing any one of them.

Conventions used everywhere in this file:
- `y_true` and `y_pred` are 1-D arrays of 0/1 (1 = positive: "worth featuring");
- `groups` is a 1-D array with one group label per row (e.g. the card's series);
- a result "per group" is a pandas Series or DataFrame indexed by the group labels, sorted;
- an error metric is lower-is-better, `metric(y_true, y_pred) -> float`.

Write each function body and delete its `raise NotImplementedError` line. Check your work with
`uv run pytest exercises/test_exercises_14.py` or with the check panel at the end of
`notebooks/14_responsible_ml.py`. Keep the names and signatures as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

# Exercise 1: who gets selected ------------------------------------------------------------


def selection_rates(y_pred: np.ndarray, groups: np.ndarray) -> pd.Series:
    """The share of rows predicted positive in each group.

    Args:
        y_pred: Predictions, 0 or 1, shape (n,).
        groups: Group label of each row, shape (n,).

    Returns:
        Selection rate per group: a Series indexed by the group labels (sorted), values in
        [0, 1], named "selection_rate".

    >>> selection_rates(np.array([1, 0, 1, 1]), np.array(["a", "a", "b", "b"])).to_dict()
    {'a': 0.5, 'b': 1.0}
    """
    # TODO: group the predictions by the group labels and take each group's mean.
    raise NotImplementedError


def demographic_parity_difference(y_pred: np.ndarray, groups: np.ndarray) -> float:
    """The largest gap in selection rate between any two groups.

    Args:
        y_pred: Predictions, 0 or 1, shape (n,).
        groups: Group label of each row, shape (n,).

    Returns:
        max(selection rate) - min(selection rate) over the groups: 0 means parity.

    >>> demographic_parity_difference(np.array([1, 0, 1, 1]), np.array(["a", "a", "b", "b"]))
    0.5
    """
    # TODO: take the largest minus the smallest of the selection rates.
    raise NotImplementedError


def disparate_impact_ratio(y_pred: np.ndarray, groups: np.ndarray) -> float:
    """The lowest selection rate divided by the highest: the four-fifths rule's ratio.

    Below 0.8, the four-fifths rule of thumb (from US hiring guidelines) says the
    least-selected group is at a disadvantage worth investigating.

    Args:
        y_pred: Predictions, 0 or 1, shape (n,).
        groups: Group label of each row, shape (n,).

    Returns:
        min(selection rate) / max(selection rate), in [0, 1]; NaN when no row is selected.

    >>> disparate_impact_ratio(np.array([1, 0, 1, 1]), np.array(["a", "a", "b", "b"]))
    0.5
    """
    # TODO: divide the smallest selection rate by the largest (NaN if it is 0).
    raise NotImplementedError


# Exercise 2: error rates per group --------------------------------------------------------


def group_error_rates(y_true: np.ndarray, y_pred: np.ndarray, groups: np.ndarray) -> pd.DataFrame:
    """Size, true positive rate and false positive rate of each group.

    TPR = TP / (TP + FN), the share of actual positives predicted positive (recall).
    FPR = FP / (FP + TN), the share of actual negatives predicted positive.

    Args:
        y_true: True labels, 0 or 1, shape (n,).
        y_pred: Predictions, 0 or 1, shape (n,).
        groups: Group label of each row, shape (n,).

    Returns:
        A DataFrame indexed by the group labels (sorted) with columns "n" (rows in the
        group), "tpr" and "fpr"; a rate is NaN when its group has no actual positives
        (for "tpr") or no actual negatives (for "fpr").

    >>> group_error_rates(np.array([1, 1, 0, 0]), np.array([1, 0, 1, 0]),
    ...                   np.array(["a", "a", "a", "a"])).to_dict("list")
    {'n': [4], 'tpr': [0.5], 'fpr': [0.5]}
    """
    # TODO: per group: n, the share predicted 1 among actual 1s (tpr) and among actual 0s (fpr).
    raise NotImplementedError


def equalized_odds_gaps(
    y_true: np.ndarray, y_pred: np.ndarray, groups: np.ndarray
) -> dict[str, float]:
    """How far the groups' error rates are apart.

    Args:
        y_true: True labels, 0 or 1, shape (n,).
        y_pred: Predictions, 0 or 1, shape (n,).
        groups: Group label of each row, shape (n,).

    Returns:
        {"equal_opportunity": max - min TPR over the groups,
         "fpr_gap": max - min FPR over the groups,
         "equalized_odds": the larger of the two}. Groups whose rate is NaN are left out.

    >>> equalized_odds_gaps(np.array([1, 1, 0, 1]), np.array([1, 1, 1, 0]),
    ...                     np.array(["a", "a", "b", "b"]))
    {'equal_opportunity': 1.0, 'fpr_gap': 0.0, 'equalized_odds': 1.0}
    """
    # TODO: take max - min of the tpr and fpr columns of group_error_rates, then the larger gap.
    raise NotImplementedError


# Exercise 3: who is undervalued, in dollars ----------------------------------------------


def mean_signed_error_by_group(
    true_price: np.ndarray, predicted_price: np.ndarray, groups: np.ndarray
) -> pd.Series:
    """The mean of (predicted - true) price in each group, in dollars.

    A negative value means the model undervalues the group's cards on average: a seller
    who follows the suggested price loses that much per card.

    Args:
        true_price: Market prices in dollars, shape (n,).
        predicted_price: The model's prices in dollars, shape (n,).
        groups: Group label of each row, shape (n,).

    Returns:
        A Series indexed by the group labels (sorted), named "mean_signed_error".

    >>> mean_signed_error_by_group(np.array([10.0, 10.0, 2.0]), np.array([8.0, 9.0, 3.0]),
    ...                            np.array(["old", "old", "new"])).to_dict()
    {'new': 1.0, 'old': -1.5}
    """
    # TODO: subtract the true prices from the predictions and average per group.
    raise NotImplementedError


# Exercise 4: a bias audit ----------------------------------------------------------------


def bias_audit(
    results: pd.DataFrame,
    group_column: str,
    metric: Callable[[pd.DataFrame], float],
    threshold: float,
    min_n: int = 30,
) -> pd.DataFrame:
    """One row per group: its size, its metric, its gap to the whole table, and a flag.

    Args:
        results: One row per prediction, with the group column and whatever `metric` reads.
        group_column: The column whose values define the groups.
        metric: Computes one number from a table of rows, e.g.
            `lambda rows: (rows["predicted"] - rows["true"]).mean()`.
        threshold: A group is flagged when |gap| is strictly greater than this.
        min_n: Groups with fewer rows are reported but never flagged: too few to tell.

    Returns:
        A DataFrame indexed by the group values, columns "n" (int), "metric", "gap"
        (the group's metric minus the metric of all rows together) and "flagged" (bool),
        sorted by |gap|, largest first.

    >>> rows = pd.DataFrame({"g": ["a", "a", "b"], "e": [1.0, 3.0, 8.0]})
    >>> bias_audit(rows, "g", lambda r: r["e"].mean(), threshold=3.0, min_n=1)
       n  metric  gap  flagged
    b  1     8.0  4.0     True
    a  2     2.0 -2.0    False
    """
    # TODO: compute the overall metric, then each group's n, metric, gap and flag, worst gap first.
    raise NotImplementedError


# Exercise 5: permutation importance ------------------------------------------------------


def permutation_importance(
    model: Any,
    X: pd.DataFrame,
    y: np.ndarray,
    metric: Callable[[np.ndarray, np.ndarray], float],
    n_repeats: int,
    seed: int,
) -> pd.DataFrame:
    """How much worse a fitted model gets when one column's values are shuffled.

    For each column and each repeat: shuffle that column alone (the others untouched),
    predict with the same fitted model, and record metric(shuffled) - metric(original).

    Args:
        model: A fitted model with `predict(X)`; it is never refitted.
        X: The rows to evaluate on, one column per feature.
        y: True targets, shape (n,).
        metric: An error, lower is better, called as `metric(y, predictions)`.
        n_repeats: Shuffles per column.
        seed: Seeds `np.random.default_rng`, the only source of randomness.

    Returns:
        A DataFrame indexed by X's columns (in order) with columns "importance_mean" and
        "importance_std" (over the repeats, numpy's default ddof=0).

    >>> class UsesA:
    ...     def predict(self, X): return X["a"].to_numpy()
    >>> X = pd.DataFrame({"a": [0.0, 1.0, 2.0], "b": [5.0, 6.0, 7.0]})
    >>> mse = lambda y, p: float(np.mean((y - p) ** 2))
    >>> table = permutation_importance(UsesA(), X, np.array([0.0, 1.0, 2.0]), mse, 2, 0)
    >>> float(table.loc["b", "importance_mean"])  # the model never reads b
    0.0
    """
    # TODO: for each column and repeat, shuffle that column alone; record the rise in the metric.
    raise NotImplementedError


# Exercise 6: partial dependence ----------------------------------------------------------


def partial_dependence(model: Any, X: pd.DataFrame, feature: str, grid: np.ndarray) -> np.ndarray:
    """The model's average prediction with one feature set to each value of a grid.

    For each grid value v: set `feature` to v in every row of X (all other columns as they
    are), predict, and average over the rows.

    Args:
        model: A fitted model with `predict(X)`.
        X: The rows to average over.
        feature: The column to vary.
        grid: The values to set it to, shape (g,).

    Returns:
        The average prediction at each grid value, shape (g,).

    >>> class Double:
    ...     def predict(self, X): return 2 * X["a"].to_numpy() + X["b"].to_numpy()
    >>> X = pd.DataFrame({"a": [0.0, 5.0], "b": [1.0, 3.0]})
    >>> partial_dependence(Double(), X, "a", np.array([0.0, 1.0]))
    array([2., 4.])
    """
    # TODO: for every grid value, set the feature to it in all rows, predict and average.
    raise NotImplementedError


# Exercise 7: k-anonymity ------------------------------------------------------------------


def k_anonymity(table: pd.DataFrame, quasi_identifiers: list[str]) -> int:
    """The k of a table: the size of its smallest group of rows sharing quasi-identifiers.

    Anyone who knows a person's quasi-identifiers (zip code, age) can narrow their rows down
    to that person's group; k is the smallest such crowd to hide in. k = 1 means someone is
    unique, so re-identifiable.

    Args:
        table: The table to be released, at least one row.
        quasi_identifiers: The columns an outsider could know.

    Returns:
        The number of rows in the smallest group of identical quasi-identifier values.

    >>> table = pd.DataFrame({"zip": [100, 100, 200], "price": [1.0, 2.0, 3.0]})
    >>> k_anonymity(table, ["zip"])
    1
    """
    # TODO: group the rows by the quasi-identifiers and return the smallest group size.
    raise NotImplementedError


def generalize(table: pd.DataFrame, widths: dict[str, int]) -> pd.DataFrame:
    """Coarsen numeric columns to the start of their bucket: value // width * width.

    With width 10, ages 37 and 31 both become 30; with width 100, zip code 94107 becomes
    94100. Width 1 leaves whole numbers as they are.

    Args:
        table: The table to coarsen; it is not changed.
        widths: Column -> bucket width (a positive whole number). Other columns are kept.

    Returns:
        A new table with the listed columns coarsened.

    >>> generalize(pd.DataFrame({"age": [37, 31, 45]}), {"age": 10})["age"].tolist()
    [30, 30, 40]
    """
    # TODO: copy the table, then floor each listed column to a multiple of its width.
    raise NotImplementedError


def generalize_to_k(
    table: pd.DataFrame, ladders: dict[str, list[int]], k: int
) -> tuple[pd.DataFrame, int]:
    """The least coarse generalization, from a ladder of levels, that makes a table k-anonymous.

    Level i generalizes every column c of `ladders` with width `ladders[c][i]`; the
    columns of `ladders` are the quasi-identifiers. Levels go from finest to coarsest.

    Args:
        table: The table to release.
        ladders: Quasi-identifier -> widths for levels 0, 1, 2, ... (all the same length).
        k: The smallest group size required.

    Returns:
        `(generalized table, level)` for the first level whose k-anonymity is at least k.

    Raises:
        ValueError: if even the coarsest level does not reach k.

    >>> table = pd.DataFrame({"age": [31, 37, 45, 48]})
    >>> generalize_to_k(table, {"age": [1, 10]}, 2)[1]
    1
    """
    # TODO: try the levels from finest to coarsest and return the first one that reaches k.
    raise NotImplementedError


# Exercise 8: differential privacy --------------------------------------------------------


def laplace_mechanism(
    true_value: float, sensitivity: float, epsilon: float, rng: np.random.Generator
) -> float:
    """Release a number with Laplace noise of scale sensitivity / epsilon.

    The sensitivity is the most one person can change the true value (1 for a count).
    Smaller epsilon means more privacy and more noise.

    Args:
        true_value: The exact answer.
        sensitivity: The largest change one person can cause (> 0).
        epsilon: The privacy budget (> 0).
        rng: The random generator to draw the noise from (and only from it).

    Returns:
        true_value plus one draw of Laplace(0, sensitivity / epsilon) noise.

    Raises:
        ValueError: if sensitivity or epsilon is not positive.

    >>> round(laplace_mechanism(120.0, 1.0, 0.5, np.random.default_rng(0)), 2)  # rng.laplace
    120.64
    """
    # TODO: check the arguments, then add one draw of Laplace noise with the right scale.
    raise NotImplementedError


def private_mean(
    values: np.ndarray, lower: float, upper: float, epsilon: float, rng: np.random.Generator
) -> float:
    """A differentially private mean: clip to [lower, upper], average, add Laplace noise.

    With n values clipped to [lower, upper], one person changes the mean by at most
    (upper - lower) / n: that is the sensitivity (n itself is treated as public).

    Args:
        values: The values, shape (n,), n >= 1.
        lower: Lowest value counted; smaller values are raised to it.
        upper: Highest value counted; larger values are lowered to it.
        epsilon: The privacy budget (> 0).
        rng: The random generator to draw the noise from.

    Returns:
        The clipped mean plus Laplace noise of scale (upper - lower) / (n * epsilon).

    >>> round(private_mean(np.array([1.0, 3.0, 500.0]), 0.0, 10.0, 1e9,
    ...                    np.random.default_rng(0)), 3)
    4.667
    """
    # TODO: clip, average, and pass the mean with its sensitivity to laplace_mechanism.
    raise NotImplementedError
