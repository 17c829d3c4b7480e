"""A retraining rule that checks the triggers before the data volume: it retrains on 300 new
labelled rows, which is too little to learn anything but noise from."""

REJECTED_BY = ["test_retraining_decision_matches_the_policy"]


def retraining_decision(
    psi_value: float, accuracy_drop: float, days_since_training: int, new_labelled_rows: int
) -> str:
    if psi_value >= 1.0 or (accuracy_drop >= 0.05 and psi_value < 0.10):
        return "investigate"
    if psi_value >= 0.25 or accuracy_drop >= 0.03 or days_since_training >= 30:
        return "retrain"
    return "wait"
