"""A retraining rule that retrains on any large drift, even a PSI of 3.5 from prices arriving
in cents: the new model would learn the bug. Huge shifts need a person first."""

REJECTED_BY = ["test_retraining_decision_matches_the_policy"]


def retraining_decision(
    psi_value: float, accuracy_drop: float, days_since_training: int, new_labelled_rows: int
) -> str:
    if accuracy_drop >= 0.05 and psi_value < 0.10:
        return "investigate"
    if new_labelled_rows < 1_000:
        return "wait"
    if psi_value >= 0.25 or accuracy_drop >= 0.03 or days_since_training >= 30:
        return "retrain"
    return "wait"
