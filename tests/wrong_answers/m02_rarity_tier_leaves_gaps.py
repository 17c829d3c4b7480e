"""Maps rarity to its tier but forgets the documented default: basic Energy cards, which
have no rarity, get a missing tier instead of 0."""

import pandas as pd

REJECTED_BY = [
    "test_only_log_prev_price_may_be_missing",
    "test_rarity_tier_follows_the_table",
]

# engineer_features is the solution's, defined above this file when the test appends it.
_solution_engineer_features = engineer_features  # noqa: F821


def engineer_features(cards: pd.DataFrame) -> pd.DataFrame:
    features = _solution_engineer_features(cards)
    features["rarity_tier"] = cards["rarity"].map(RARITY_TIERS)  # noqa: F821 (solution's)
    return features
