"""Scenarios with every decision right but two reasons swapped (the rare, costly cases)."""

REJECTED_BY = ["test_scenario_gets_the_deciding_reason"]


def classify_scenarios() -> dict[str, tuple[str, str]]:
    return {
        "listing_price": ("ml", "complex_pattern_at_scale"),
        "shipping_fee": ("heuristic", "rules_suffice"),
        "future_value": ("no_build", "no_labelled_data"),
        "vintage_appraisal": ("no_build", "error_cost_too_high"),
        "auto_ban": ("no_build", "too_few_decisions"),
    }
