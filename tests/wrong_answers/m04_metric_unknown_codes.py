"""Metric choices written in everyday spelling ("AUC", "MAPE") instead of the given codes."""

REJECTED_BY = ["test_metric_choice_covers_every_problem_with_known_codes",
               "test_problem_gets_the_right_metric"]


def choose_metrics() -> dict[str, tuple[str, str]]:
    return {
        "spam_filter": ("precision", "false_positive_costly"),
        "cancer_screening": ("recall", "false_negative_costly"),
        "card_pricing": ("MAE of log price", "relative_errors_heavy_tail"),
        "fraud": ("PR-AUC", "rare_positive_class"),
        "recommendations": ("precision@5", "only_top_ranked_seen"),
    }
