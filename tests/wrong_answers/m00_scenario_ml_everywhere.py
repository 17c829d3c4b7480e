"""The ML hammer: every scenario gets a model, whatever the data, volume or cost of errors."""

REJECTED_BY = [
    "test_scenario_gets_the_right_decision",
    "test_scenario_gets_the_deciding_reason",
]


def classify_scenarios() -> dict[str, tuple[str, str]]:
    ids = ["listing_price", "shipping_fee", "future_value", "vintage_appraisal", "auto_ban"]
    return {scenario: ("ml", "complex_pattern_at_scale") for scenario in ids}
