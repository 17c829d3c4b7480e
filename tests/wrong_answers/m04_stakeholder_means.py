"""A stakeholder summary built on means: a few expensive cards decide the 'typical' card."""

import numpy as np

REJECTED_BY = ["test_stakeholder_number_matches_numpy",
               "test_stakeholder_message_quotes_the_numbers"]


def stakeholder_summary(
    market_price: np.ndarray, predicted_price: np.ndarray
) -> dict[str, float | str]:
    market = np.asarray(market_price, dtype=float)
    error = np.abs(np.asarray(predicted_price, dtype=float) - market)
    price, typical = float(market.mean()), float(error.mean())
    share = float(np.mean(error <= WITHIN_25 * market))  # noqa: F821
    high = float(error[market >= HIGH_VALUE_PRICE].mean())  # noqa: F821
    return {
        "typical_price": price, "typical_error_dollars": typical, "share_within_25": share,
        "high_value_error_dollars": high,
        "message": f"A typical ${price:.2f} card is off by ${typical:.2f}; {share:.0%} are "
        f"within 25%; cards over $20 are off by ${high:.2f}.",
    }
