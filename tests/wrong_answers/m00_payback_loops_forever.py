"""Payback by simulation with no way out: a project that never pays back loops forever."""

REJECTED_BY = ["test_payback_month_is_none_when_project_never_pays_back"]


def payback_month(build_cost: float, monthly_run_cost: float, monthly_benefit: float) -> int | None:
    balance, month = -build_cost, 0
    while balance < 0:
        month += 1
        balance += monthly_benefit - monthly_run_cost
    return month
