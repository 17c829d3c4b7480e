"""Scenario answers in free text instead of the given vocabularies, and one scenario missing."""

REJECTED_BY = [
    "test_classification_covers_every_scenario_with_known_codes",
    "test_scenario_gets_the_right_decision",
    "test_scenario_gets_the_deciding_reason",
]


def classify_scenarios() -> dict[str, tuple[str, str]]:
    return {
        "listing_price": ("ML", "complex pattern"),
        "shipping_fee": ("rule", "simple"),
        "future_value": ("no", "no labels"),
        "vintage_appraisal": ("no", "rare"),
    }
