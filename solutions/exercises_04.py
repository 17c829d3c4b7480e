"""Module 04 - Model evaluation and validation: exercises.

A model is only as good as the evidence for it. These exercises build that evidence for two
models: a screening classifier on scikit-learn's breast-cancer data, and PokeMarket's price
model. You pick the right metric for a problem, compute metrics from their definitions, break
the error down by segment, measure calibration and uncertainty, and write up the result for
a model card and for the people who decide.

This is the reference solution: every body is written, with comments on why. Grade it with
`uv run pytest --solutions exercises/test_exercises_04.py` or with the check panel at the end of
`notebooks/04_evaluation.py`. Keep the names, signatures and constants as they are.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

# Exercise 1: pick the metric ---------------------------------------------------------------

METRICS: dict[str, str] = {
    "accuracy": "share of all predictions that are right",
    "precision": "of the items flagged positive, the share that really are positive",
    "recall": "of the items that really are positive, the share that get flagged",
    "f1": "harmonic mean of precision and recall at one threshold",
    "roc_auc": (
        "chance that a random positive is scored above a random negative, over all thresholds"
    ),
    "average_precision": (
        "area under the precision-recall curve: how clean the flags are at every level of "
        "recall, over all thresholds"
    ),
    "precision_at_k": "share of relevant items among the k items shown first",
    "mae": "mean absolute error, in the target's own unit (here dollars)",
    "rmse": "root mean squared error, in the target's unit; large errors dominate it",
    "mape": "mean absolute percentage error: the mean of |prediction - truth| / truth",
    "mae_log": (
        "mean absolute error of the logs: the typical error as a ratio, the same for a "
        "factor of 2 too high and a factor of 2 too low"
    ),
    "r2": "share of the target's variance that the model explains",
}

METRIC_REASONS: dict[str, str] = {
    "false_positive_costly": "a false alarm costs much more than a miss",
    "false_negative_costly": "a miss costs much more than a false alarm",
    "rare_positive_class": (
        "positives are very rare, so metrics that count the many easy negatives look good "
        "even when most flags are wrong"
    ),
    "only_top_ranked_seen": (
        "users only see the first few items, so only the top of the list counts"
    ),
    "relative_errors_heavy_tail": (
        "the target spans orders of magnitude, so an error only means something relative to "
        "the true value, in either direction"
    ),
    "large_errors_worst": "one large error costs far more than several small ones",
    "balanced_costs": "the classes are balanced and both kinds of error cost about the same",
    "explained_variance": "the question is how much of the variation the model explains",
}

PROBLEMS: dict[str, str] = {
    "spam_filter": (
        "PokeMarket's messaging moves every message it flags as spam to a folder nobody reads. "
        "About 30% of messages are spam. A buyer's real question that lands in that folder "
        "usually means a lost sale; a spam message that gets through costs the reader a second "
        "to delete."
    ),
    "cancer_screening": (
        "A screening model decides which patients are sent for a biopsy. A missed cancer is "
        "found months later, when treatment is harder; a false alarm costs an extra biopsy and "
        "a worried week."
    ),
    "card_pricing": (
        "The listing assistant suggests a price for every card. Market prices run from $0.03 "
        "to over $1,700. A suggestion 30% too high should count as much on a 20-cent card as "
        "on a $200 one, and suggesting double the price should count as badly as suggesting "
        "half."
    ),
    "fraud": (
        "A fraud model scores every payment. Analysts review the highest-scored payments each "
        "day, and how many they can review changes with staffing. About 1 payment in 500 is "
        "fraud. The team needs one number to compare candidate models."
    ),
    "recommendations": (
        "The home page shows each buyer 5 cards picked from the 10,000 listed. Buyers rarely "
        "scroll; success is a click on one of those 5."
    ),
}


def choose_metrics() -> dict[str, tuple[str, str]]:
    """Pick the metric that should judge a model for each problem in `PROBLEMS`, and why.

    Returns:
        A dict with one entry per key of `PROBLEMS`: problem id -> (metric, reason), where
        metric is a key of `METRICS` and reason the key of `METRIC_REASONS` that decides it.

    >>> choose_metrics()["some_problem"]  # doctest: +SKIP
    ('accuracy', 'balanced_costs')
    """
    return {
        # Only the flagged messages are hidden from people: their purity is what matters.
        "spam_filter": ("precision", "false_positive_costly"),
        # Every missed cancer counts; a false alarm only costs a biopsy.
        "cancer_screening": ("recall", "false_negative_costly"),
        # Log error treats x2 and /2 alike and makes a 30% miss the same on any price.
        "card_pricing": ("mae_log", "relative_errors_heavy_tail"),
        # With 1 fraud in 500, ROC-AUC and accuracy are flattered by the honest payments;
        # average precision covers every review capacity (threshold) at once.
        "fraud": ("average_precision", "rare_positive_class"),
        # Only the 5 cards shown can be clicked.
        "recommendations": ("precision_at_k", "only_top_ranked_seen"),
    }


# Exercise 2: classification metrics from a confusion matrix ---------------------------------


def confusion_counts(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, int]:
    """Count the four cells of a binary confusion matrix; 1 is the positive class.

    Args:
        y_true: True labels, 0 or 1.
        y_pred: Predicted labels, 0 or 1, same length.

    Returns:
        A dict of ints: "tp" (true positives), "fp" (false positives: predicted 1, really 0),
        "fn" (false negatives: predicted 0, really 1) and "tn" (true negatives).

    >>> confusion_counts(np.array([1, 1, 0, 0, 0]), np.array([1, 0, 1, 0, 0]))
    {'tp': 1, 'fp': 1, 'fn': 1, 'tn': 2}
    """
    truth = np.asarray(y_true) == 1
    flagged = np.asarray(y_pred) == 1
    # int() turns numpy integers into plain ints, which print and compare as documented.
    return {
        "tp": int(np.sum(truth & flagged)),
        "fp": int(np.sum(~truth & flagged)),
        "fn": int(np.sum(truth & ~flagged)),
        "tn": int(np.sum(~truth & ~flagged)),
    }


def _ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, or 0.0 when nothing was counted (scikit-learn's zero_division=0)."""
    return numerator / denominator if denominator else 0.0


def classification_metrics(counts: dict[str, int]) -> dict[str, float]:
    """Precision, recall, F1, specificity and accuracy from confusion-matrix counts.

    A metric whose denominator is 0 (e.g. precision when nothing was flagged) is 0.0.

    Args:
        counts: A dict with the keys "tp", "fp", "fn" and "tn", as `confusion_counts` returns.

    Returns:
        A dict of floats with the keys "precision", "recall", "f1", "specificity", "accuracy".

    >>> metrics = classification_metrics({"tp": 8, "fp": 2, "fn": 4, "tn": 86})
    >>> {name: round(value, 3) for name, value in metrics.items()}
    {'precision': 0.8, 'recall': 0.667, 'f1': 0.727, 'specificity': 0.977, 'accuracy': 0.94}
    """
    tp, fp, fn, tn = (counts[key] for key in ("tp", "fp", "fn", "tn"))
    precision = _ratio(tp, tp + fp)  # of everything flagged, how much is right
    recall = _ratio(tp, tp + fn)  # of every real positive, how much is found
    return {
        "precision": precision,
        "recall": recall,
        # The harmonic mean is low when either one is low, unlike the arithmetic mean.
        "f1": _ratio(2 * precision * recall, precision + recall),
        "specificity": _ratio(tn, tn + fp),  # recall of the negative class
        "accuracy": _ratio(tp + tn, tp + fp + fn + tn),
    }


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve, computed from scores (not from predicted labels).

    It equals the probability that a randomly chosen positive gets a higher score than a
    randomly chosen negative, with ties counting half.

    Args:
        y_true: True labels, 0 or 1; both classes must occur.
        scores: One score per row, higher meaning "more likely positive": probabilities,
            or any other number such as a decision function's output.

    Returns:
        The ROC-AUC as a float between 0 and 1.

    >>> roc_auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8]))
    0.75
    """
    truth = np.asarray(y_true) == 1
    scores = np.asarray(scores, dtype=float)
    # Compare every positive's score with every negative's: a win counts 1, a tie 1/2.
    # This table has n_pos x n_neg cells; for millions of rows, rank the scores once
    # instead (the Mann-Whitney rank-sum form gives the same number).
    positives = scores[truth][:, None]
    negatives = scores[~truth][None, :]
    wins = (positives > negatives).sum() + 0.5 * (positives == negatives).sum()
    return float(wins / (positives.size * negatives.size))


# Exercise 3: regression metrics ------------------------------------------------------------


def regression_metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    """MAE, RMSE, MAPE, R2 and the share of predictions within 10% of the truth.

    Args:
        y_true: True prices in dollars (all > 0).
        y_pred: Predicted prices in dollars, same length.

    Returns:
        A dict of floats:
        - "mae": mean absolute error, in dollars;
        - "rmse": root mean squared error, in dollars;
        - "mape": mean of |y_pred - y_true| / y_true, as a fraction (0.25 means 25%), the
          way scikit-learn's `mean_absolute_percentage_error` returns it;
        - "r2": coefficient of determination, 1 - (squared error) / (squared deviation from
          the mean of y_true);
        - "within_10": share of rows with |y_pred - y_true| <= 0.10 * y_true.

    >>> regression_metrics(np.array([1.0, 2.0, 4.0]), np.array([1.0, 2.5, 3.0]))["mae"]
    0.5
    """
    truth = np.asarray(y_true, dtype=float)
    error = np.asarray(y_pred, dtype=float) - truth
    relative = np.abs(error) / truth
    return {
        "mae": float(np.mean(np.abs(error))),
        # Square, average, then take the root: squaring first lets large errors dominate.
        "rmse": float(np.sqrt(np.mean(error**2))),
        "mape": float(np.mean(relative)),
        "r2": float(1 - np.sum(error**2) / np.sum((truth - truth.mean()) ** 2)),
        "within_10": float(np.mean(relative <= 0.10)),
    }


# Exercise 4: error by segment --------------------------------------------------------------

TRUE_COLUMN = "market_price"  # the real price, dollars
PRED_COLUMN = "predicted_price"  # the model's price, dollars
MISSING_SEGMENT = "missing"  # the label of rows whose segment value is missing
WITHIN_25 = 0.25  # "close enough" for a suggested price: within 25% of the market price


def error_by_segment(results: pd.DataFrame, by: str) -> pd.DataFrame:
    """The price model's error in each segment of `results`, worst segment first.

    Args:
        results: One row per priced card, with the columns `TRUE_COLUMN`, `PRED_COLUMN` and
            `by` (e.g. "rarity", "series" or an era column).
        by: The column whose values define the segments.

    Returns:
        A tidy table, one row per segment, index 0..k-1, columns in this order:
        - `by`: the segment's value; rows where `by` is missing form one segment labelled
          `MISSING_SEGMENT`, so every row is counted;
        - "n": the number of rows in the segment (int);
        - "mae_log": mean of |log(predicted) - log(true)| over the segment's rows;
        - "within_25": share of its rows with |predicted - true| <= 0.25 * true.
        Sorted by "mae_log", largest first.

    >>> table = error_by_segment(results, "rarity")  # doctest: +SKIP
    >>> list(table.columns)  # doctest: +SKIP
    ['rarity', 'n', 'mae_log', 'within_25']
    """
    truth = results[TRUE_COLUMN].to_numpy(dtype=float)
    predicted = results[PRED_COLUMN].to_numpy(dtype=float)
    rows = pd.DataFrame(
        {
            # groupby drops missing keys by default: label them so their rows still count.
            by: results[by].astype("object").where(results[by].notna(), MISSING_SEGMENT),
            "abs_log_error": np.abs(np.log(predicted) - np.log(truth)),
            "close": np.abs(predicted - truth) <= WITHIN_25 * truth,
        }
    )
    table = rows.groupby(by, sort=False).agg(
        n=("abs_log_error", "size"),
        mae_log=("abs_log_error", "mean"),
        within_25=("close", "mean"),
    )
    return table.sort_values("mae_log", ascending=False).reset_index()


# Exercise 5: expected calibration error ----------------------------------------------------


def expected_calibration_error(
    y_true: np.ndarray, probs: np.ndarray, n_bins: int = 10
) -> float:
    """Expected calibration error (ECE) with equal-width bins.

    The predicted probabilities are put into `n_bins` bins of equal width on [0, 1]:
    bin i holds probabilities in [i / n_bins, (i + 1) / n_bins), and 1.0 goes into the last
    bin. In each non-empty bin compare the share of positives with the mean predicted
    probability; the ECE is the average of those gaps, each weighted by the share of rows
    in its bin:

        ECE = sum over bins b of (n_b / n) * |mean(y_true in b) - mean(probs in b)|

    Args:
        y_true: True labels, 0 or 1.
        probs: Predicted probabilities of the positive class, in [0, 1].
        n_bins: Number of equal-width bins.

    Returns:
        The ECE as a float: 0.0 for a perfectly calibrated model, at most 1.0.

    >>> expected_calibration_error(np.array([0, 0, 0, 1]), np.array([0.25, 0.25, 0.25, 0.25]))
    0.0
    """
    truth = np.asarray(y_true, dtype=float)
    probs = np.asarray(probs, dtype=float)
    # floor(p * n_bins) is the bin's number; p = 1.0 would be bin n_bins, so clip it.
    bins = np.minimum((probs * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in np.unique(bins):  # only the bins that hold rows
        in_bin = bins == b
        gap = abs(truth[in_bin].mean() - probs[in_bin].mean())
        # Weight by the bin's share of rows: a gap on 3 rows matters less than on 300.
        ece += in_bin.mean() * gap
    return float(ece)


# Exercise 6: bootstrap confidence interval -------------------------------------------------


def bootstrap_ci(
    y_true: np.ndarray,
    y_pred: np.ndarray,
    metric: Callable[[np.ndarray, np.ndarray], float],
    n_resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap confidence interval for a metric of (y_true, y_pred).

    Draw `n_resamples` resamples of the rows: each picks len(y_true) row positions at random
    *with replacement*, taking y_true and y_pred of the same rows. Compute `metric` on each
    resample; the interval runs from the (1 - confidence) / 2 quantile of those values to the
    1 - (1 - confidence) / 2 quantile. All randomness comes from
    `np.random.default_rng(seed)`, so the same seed gives the same interval.

    Args:
        y_true: True values, one per row.
        y_pred: Predictions, one per row.
        metric: A function metric(y_true, y_pred) -> float, e.g. a mean absolute error.
        n_resamples: Number of bootstrap resamples.
        confidence: Confidence level of the interval, e.g. 0.95.
        seed: Seed of the random generator.

    Returns:
        (low, high), two floats with low <= high.

    >>> mae = lambda t, p: float(np.mean(np.abs(t - p)))
    >>> low, high = bootstrap_ci(np.zeros(200), np.linspace(0, 2, 200), mae, seed=1)
    >>> low < 1.0 < high
    True
    """
    truth = np.asarray(y_true)
    predicted = np.asarray(y_pred)
    rng = np.random.default_rng(seed)
    n = len(truth)
    values = np.empty(n_resamples)
    for i in range(n_resamples):
        # The same row positions for both arrays keep each prediction with its truth.
        rows = rng.integers(0, n, size=n)
        values[i] = metric(truth[rows], predicted[rows])
    tail = (1 - confidence) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return float(low), float(high)


# Exercise 7: a model card ------------------------------------------------------------------

MODEL_CARD_SECTIONS: tuple[str, ...] = (
    "Model details",
    "Intended use",
    "Data",
    "Metrics",
    "Limitations",
    "Ethical considerations",
)
EVALUATION_KEYS: dict[str, str] = {
    "model": "what the model is, e.g. 'gradient boosting on log price'",
    "train_rows": "number of card x finish rows it was trained on",
    "test_rows": "number of rows it was evaluated on (cards it never saw)",
    "mae_log": "mean absolute error in log price on the test rows",
    "within_25": "share of test rows priced within 25% of the market price",
    "floor_mae_log": "mean |log change| of the same prices over one week: the noise floor",
    "worst_segment": "the rarity with the largest error",
    "worst_segment_mae_log": "that rarity's mean absolute error in log price",
}


def model_card(evaluation: dict[str, float | str]) -> str:
    """A model card for the price model, as markdown.

    Args:
        evaluation: The facts to report, with the keys of `EVALUATION_KEYS`.

    Returns:
        A markdown string with one `## <section>` heading for each of `MODEL_CARD_SECTIONS`,
        in that order, each followed by at least one sentence. Numbers go where a reader
        looks for them: the row counts under "Data"; the MAE in log price, the share within
        25% and the noise floor under "Metrics"; the worst segment and its error under
        "Limitations". Write shares as percentages (51%) or fractions (0.51), and other
        numbers to at least two decimals (0.37).

    >>> print(model_card(evaluation))  # doctest: +SKIP
    # Model card: ...
    """
    mae = float(evaluation["mae_log"])
    floor = float(evaluation["floor_mae_log"])
    worst_mae = float(evaluation["worst_segment_mae_log"])
    # The numbers are formatted once, so every section quotes them the same way.
    return f"""# Model card: PokeMarket listing-price model

## Model details
{evaluation["model"]}. It predicts the log of a card's market price from attributes known
when the card is listed (set, rarity, finish, age, type); no listing prices, no price history.

## Intended use
Suggest a starting price to sellers listing ungraded English Pokemon cards on PokeMarket.
The seller sees the suggestion and can change it. Not for appraising graded or vintage
collections, and not for automatic pricing without a person in the loop.

## Data
TCGplayer market prices of 2025-03-01. Trained on {int(evaluation["train_rows"]):,} card x
finish rows; evaluated on {int(evaluation["test_rows"]):,} rows of cards the model never saw
(the split keeps all finishes of a card on one side).

## Metrics
- MAE in log price: {mae:.3f}, i.e. a typical suggestion is off by a factor of
  {np.exp(mae):.2f}.
- Share within 25% of the market price: {float(evaluation["within_25"]):.1%}.
- Noise floor: the same prices moved by a mean of {floor:.3f} in log price in one week, so
  no model without price history can be expected to beat about {floor:.3f}.

## Limitations
The error is largest for {evaluation["worst_segment"]} cards (MAE {worst_mae:.3f} in log
price): rare segments have few training examples. Prices of new sets swing in their first
weeks, and the model has not seen any set released after its training data.

## Ethical considerations
A suggestion anchors what sellers ask: a systematic underestimate costs sellers money, and
inexperienced sellers are the most likely to accept it. Keep the suggestion editable, show
it as an estimate, and monitor the error by segment after launch.
"""


# Exercise 8: a stakeholder summary in dollars ----------------------------------------------

HIGH_VALUE_PRICE = 20.0  # dollars: cards at or above this are "high-value" for sellers


def stakeholder_summary(
    market_price: np.ndarray, predicted_price: np.ndarray
) -> dict[str, float | str]:
    """The price model's error in dollars, for PokeMarket's sellers and managers.

    Args:
        market_price: Real market prices in dollars.
        predicted_price: The model's suggested prices in dollars, same length.

    Returns:
        A dict with:
        - "typical_price": the median market price;
        - "typical_error_dollars": the median of |predicted - market| in dollars;
        - "share_within_25": share of cards with |predicted - market| <= 0.25 * market;
        - "high_value_error_dollars": the median dollar error over cards whose market price
          is at least `HIGH_VALUE_PRICE`;
        - "message": two to four plain sentences for sellers that quote all four numbers,
          dollars with a `$` and two decimals ($0.05), the share as a whole percentage (51%).

    >>> summary = stakeholder_summary(prices, predictions)  # doctest: +SKIP
    >>> summary["share_within_25"]  # doctest: +SKIP
    0.51
    """
    market = np.asarray(market_price, dtype=float)
    error = np.abs(np.asarray(predicted_price, dtype=float) - market)
    # Medians, not means: a handful of $500 cards would decide a mean dollar error.
    typical_price = float(np.median(market))
    typical_error = float(np.median(error))
    share = float(np.mean(error <= WITHIN_25 * market))
    high_error = float(np.median(error[market >= HIGH_VALUE_PRICE]))
    message = (
        f"For a typical card, worth ${typical_price:.2f}, the suggested price is typically "
        f"${typical_error:.2f} away from the market price. {share:.0%} of suggestions are "
        f"within 25% of the market price. On cards worth ${HIGH_VALUE_PRICE:.2f} or more the "
        f"typical gap is ${high_error:.2f}, so check those suggestions before you list."
    )
    return {
        "typical_price": typical_price,
        "typical_error_dollars": typical_error,
        "share_within_25": share,
        "high_value_error_dollars": high_error,
        "message": message,
    }
