"""An off-by-one in the validation: `quantity` must be greater than 1 instead of at least 1, so a
seller asking for one copy, the most common quote, gets a 422."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

REJECTED_BY = ["test_fixed_endpoint_quotes_a_valid_request"]


class QuoteRequest(BaseModel):  # replaces the solution's model, which create_quote_app looks up
    model_config = ConfigDict(extra="forbid")

    card_id: str = Field(min_length=1, max_length=MAX_CARD_ID_LENGTH)
    rarity: Literal[RARITIES]
    finish: Literal[FINISHES]
    quantity: int = Field(gt=1, le=MAX_QUANTITY)
