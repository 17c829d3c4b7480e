"""Stakeholder answers that promise certainty and read log errors as plain percentages."""

REJECTED_BY = ["test_stakeholder_question_gets_the_best_option"]


def stakeholder_answers() -> dict[str, str]:
    return {
        "perfect_accuracy": "a",
        "mae_for_sellers": "d",
        "success_measure": "a",
        "new_set": "a",
        "heuristic_first": "a",
        "costly_errors": "a",
    }
