"""Break-even that ignores the model's running cost: matching the heuristic looks enough."""

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
    return heuristic_accuracy
