"""A request model without `extra="forbid"`: an unknown field (a typo, or the price itself)
is dropped in silence and the request succeeds."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

REJECTED_BY = ["test_edge_case_gets_the_right_status"]


class CardRequest(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    set_id: str = Field(pattern=r"^[a-z0-9]+$", max_length=20)
    number: str = Field(pattern=r"^[A-Za-z0-9]+$", max_length=10)
    set_release_date: date
    series: str = Field(min_length=1, max_length=100)
    rarity: str | None = None
    supertype: str
    subtypes: str | None = None
    types: str | None = None
    hp: int | None = Field(None, ge=10, le=400)
    retreat_cost: int = Field(0, ge=0, le=5)
    pokedex_number: int | None = Field(None, ge=1, le=1025)
    finish: Literal["normal", "holofoil", "reverse_holofoil"]
