"""Payback rounded down: a month that only partly covers the build cost counts as paid back."""

REJECTED_BY = ["test_payback_month_is_first_month_balance_reaches_zero"]


def payback_month(build_cost: float, monthly_run_cost: float, monthly_benefit: float) -> int | None:
    net = monthly_benefit - monthly_run_cost
    if net <= 0:
        return None
    return int(build_cost // net)
