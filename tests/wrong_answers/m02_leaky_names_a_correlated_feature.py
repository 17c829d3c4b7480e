"""Names the strongly correlated `rarity_tier` as leaky instead of `listing_spread`:
correlation mistaken for leakage. Rarity is printed on the card; the spread of today's
listings does not exist for a card nobody has listed yet."""

REJECTED_BY = ["test_leaky_features_name_exactly_the_three_price_derived_features"]


def leaky_features() -> set[str]:
    return {"log_low_price", "log_prev_price", "rarity_tier"}
