"""MAE translation under made-up key names and as a percentage (42.0 instead of 0.42)."""

import math

REJECTED_BY = [
    "test_mae_translation_returns_the_documented_keys",
    "test_mae_translation_matches_cases",
]


def mae_to_business(
    mae_log: float, typical_price: float, listings_per_month: int
) -> dict[str, float]:
    percent = 100 * math.expm1(mae_log)
    return {"pct_error": percent, "per_card": percent * typical_price / 100}
