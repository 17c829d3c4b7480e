"""Precision and recall swapped: TP / (TP + FN) reported as precision."""

REJECTED_BY = ["test_classification_metrics_match_sklearn",
               "test_classification_metrics_match_sklearn_on_breast_cancer"]


def classification_metrics(counts: dict[str, int]) -> dict[str, float]:
    tp, fp, fn, tn = (counts[key] for key in ("tp", "fp", "fn", "tn"))
    precision = tp / (tp + fn) if tp + fn else 0.0
    recall = tp / (tp + fp) if tp + fp else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "specificity": tn / (tn + fp) if tn + fp else 0.0,
        "accuracy": (tp + tn) / (tp + fp + fn + tn),
    }
