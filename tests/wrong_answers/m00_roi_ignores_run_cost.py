"""ROI that forgets the monthly running cost: only the build cost counts as spending."""

REJECTED_BY = ["test_roi_matches_hand_computed_cases"]


def project_roi(
    build_cost: float, monthly_run_cost: float, monthly_benefit: float, months: int
) -> float:
    return (monthly_benefit * months - build_cost) / build_cost
