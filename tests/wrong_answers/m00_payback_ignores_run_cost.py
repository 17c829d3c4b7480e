"""Payback from the gross benefit: running costs are forgotten, so losing projects pay back."""

import math

REJECTED_BY = [
    "test_payback_month_is_first_month_balance_reaches_zero",
    "test_payback_month_is_none_when_project_never_pays_back",
]


def payback_month(build_cost: float, monthly_run_cost: float, monthly_benefit: float) -> int | None:
    if monthly_benefit <= 0:
        return None
    return math.ceil(build_cost / monthly_benefit)
