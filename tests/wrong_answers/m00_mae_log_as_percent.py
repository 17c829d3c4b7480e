"""MAE translated by reading the log error as a percentage (0.35 -> 35% instead of 42%)."""

REJECTED_BY = ["test_mae_translation_matches_cases"]


def mae_to_business(
    mae_log: float, typical_price: float, listings_per_month: int
) -> dict[str, float]:
    per_card = mae_log * typical_price
    return {
        "relative_error": mae_log,
        "dollars_per_card": per_card,
        "dollars_per_month": per_card * listings_per_month,
    }
