"""Stakeholder answers with the right letters in uppercase, against the documented format."""

REJECTED_BY = [
    "test_stakeholder_answers_cover_every_question",
    "test_stakeholder_question_gets_the_best_option",
]


def stakeholder_answers() -> dict[str, str]:
    return {
        "perfect_accuracy": "C",
        "mae_for_sellers": "A",
        "success_measure": "D",
        "new_set": "B",
        "heuristic_first": "A",
        "costly_errors": "C",
    }
