"""Fraud judged by ROC-AUC, which the 499 honest payments per fraud flatter."""

REJECTED_BY = ["test_problem_gets_the_right_metric"]


def choose_metrics() -> dict[str, tuple[str, str]]:
    return {
        "spam_filter": ("precision", "false_positive_costly"),
        "cancer_screening": ("recall", "false_negative_costly"),
        "card_pricing": ("mae_log", "relative_errors_heavy_tail"),
        "fraud": ("roc_auc", "rare_positive_class"),
        "recommendations": ("precision_at_k", "only_top_ranked_seen"),
    }
