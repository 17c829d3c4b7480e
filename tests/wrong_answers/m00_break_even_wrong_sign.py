"""Break-even with the sign flipped: the model's cost lowers the accuracy it needs."""

REJECTED_BY = [
    "test_break_even_matches_cases",
    "test_break_even_is_none_when_model_can_never_pay_off",
]


def break_even_accuracy(
    heuristic_accuracy: float,
    decisions_per_month: int,
    cost_per_error: float,
    model_monthly_cost: float,
) -> float | None:
    accuracy = heuristic_accuracy - model_monthly_cost / (decisions_per_month * cost_per_error)
    return accuracy if accuracy <= 1.0 else None
