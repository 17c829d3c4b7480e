"""A request model without `extra="forbid"`: a field the client sends by mistake (`discount`) is
silently dropped, and the client gets a 200 for a quote it didn't ask for."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

from typing import Literal

from pydantic import BaseModel, Field

REJECTED_BY = ["test_fixed_endpoint_rejects_bad_input_with_a_4xx_and_a_message"]


class QuoteRequest(BaseModel):  # replaces the solution's model, which create_quote_app looks up
    card_id: str = Field(min_length=1, max_length=MAX_CARD_ID_LENGTH)
    rarity: Literal[RARITIES]
    finish: Literal[FINISHES]
    quantity: int = Field(ge=1, le=MAX_QUANTITY)
