"""Payback off by one: months are counted from 0, so every answer comes one month early."""

import math

REJECTED_BY = ["test_payback_month_is_first_month_balance_reaches_zero"]


def payback_month(build_cost: float, monthly_run_cost: float, monthly_benefit: float) -> int | None:
    net = monthly_benefit - monthly_run_cost
    if net <= 0:
        return None
    return math.ceil(build_cost / net) - 1
