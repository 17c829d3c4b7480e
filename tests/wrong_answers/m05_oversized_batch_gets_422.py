"""The batch limit written into the schema (`max_length`): a batch that is too big gets 422
("your data is wrong") instead of 413 ("send less at a time")."""

from pydantic import BaseModel, ConfigDict, Field

REJECTED_BY = ["test_edge_case_gets_the_right_status"]


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cards: list[CardRequest] = Field(min_length=1, max_length=256)  # noqa: F821
