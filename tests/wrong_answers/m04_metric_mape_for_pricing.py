"""Card pricing judged by MAPE, with the costs of spam and cancer errors mixed up."""

REJECTED_BY = ["test_problem_gets_the_right_metric", "test_problem_gets_the_deciding_reason"]


def choose_metrics() -> dict[str, tuple[str, str]]:
    return {
        "spam_filter": ("precision", "false_negative_costly"),
        "cancer_screening": ("recall", "false_positive_costly"),
        "card_pricing": ("mape", "relative_errors_heavy_tail"),
        "fraud": ("average_precision", "rare_positive_class"),
        "recommendations": ("precision_at_k", "only_top_ranked_seen"),
    }
