"""ROI as benefit divided by cost: the net gain is never taken, so every ROI is 1 too high."""

REJECTED_BY = ["test_roi_matches_hand_computed_cases"]


def project_roi(
    build_cost: float, monthly_run_cost: float, monthly_benefit: float, months: int
) -> float:
    return monthly_benefit * months / (build_cost + monthly_run_cost * months)
