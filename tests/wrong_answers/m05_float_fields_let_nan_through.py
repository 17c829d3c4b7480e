"""Numeric fields declared as plain floats: NaN and Infinity pass validation and reach the
model, which quietly prices a card it was never shown."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

REJECTED_BY = ["test_edge_case_gets_the_right_status"]


class CardRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    set_id: str = Field(pattern=r"^[a-z0-9]+$", max_length=20)
    number: str = Field(pattern=r"^[A-Za-z0-9]+$", max_length=10)
    set_release_date: date
    series: str = Field(min_length=1, max_length=100)
    rarity: str | None = None
    supertype: str
    subtypes: str | None = None
    types: str | None = None
    hp: float | None = None
    retreat_cost: float = 0
    pokedex_number: float | None = None
    finish: Literal["normal", "holofoil", "reverse_holofoil"]
