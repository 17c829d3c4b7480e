"""Monthly mispricing that is one card's error: the listings per month are never used."""

import math

REJECTED_BY = ["test_mae_translation_matches_cases"]


def mae_to_business(
    mae_log: float, typical_price: float, listings_per_month: int
) -> dict[str, float]:
    relative = math.expm1(mae_log)
    return {
        "relative_error": relative,
        "dollars_per_card": relative * typical_price,
        "dollars_per_month": relative * typical_price,
    }
