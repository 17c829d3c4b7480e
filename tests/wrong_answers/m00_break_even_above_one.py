"""Break-even returned even when it is above 100%, instead of None for 'never pays off'."""

REJECTED_BY = ["test_break_even_is_none_when_model_can_never_pay_off"]


def break_even_accuracy(
    heuristic_accuracy: float,
    decisions_per_month: int,
    cost_per_error: float,
    model_monthly_cost: float,
) -> float | None:
    return heuristic_accuracy + model_monthly_cost / (decisions_per_month * cost_per_error)
