"""The right numbers, but a message for sellers that quotes none of them."""

import numpy as np

REJECTED_BY = ["test_stakeholder_message_quotes_the_numbers"]

_right_summary = stakeholder_summary  # noqa: F821 (defined in the solution above)


def stakeholder_summary(
    market_price: np.ndarray, predicted_price: np.ndarray
) -> dict[str, float | str]:
    return _right_summary(market_price, predicted_price) | {
        "message": "Our suggestions are usually close to the market price. Check expensive "
        "cards before you list them."
    }
