"""A cards schema whose prices are only typed, not range-checked: zero and negative market
prices pass validation and reach the clean table."""

import pandera.pandas as pa

from mlcourse.quality import EARLIEST_RELEASE, HP_RANGE, RARITIES
from mlcourse.schemas import FINISHES, SERIES, SNAPSHOT_DATE, SUPERTYPES

REJECTED_BY = [
    "test_cards_schema_names_every_row_with_a_planted_problem",
    "test_validate_cards_reports_exactly_the_rows_it_cannot_repair",
    "test_validate_cards_returns_the_clean_table",
]


def cards_schema() -> pa.DataFrameSchema:
    price = pa.Column(float, coerce=True)
    return pa.DataFrameSchema(
        {
            "name": pa.Column(str, pa.Check.str_matches(r"\s*\S")),
            "set_release_date": pa.Column(
                "datetime64[ns]", pa.Check.in_range(EARLIEST_RELEASE, SNAPSHOT_DATE)
            ),
            "series": pa.Column(str, pa.Check.isin(SERIES)),
            "rarity": pa.Column(str, pa.Check.isin(RARITIES), nullable=True),
            "supertype": pa.Column(str, pa.Check.isin(SUPERTYPES)),
            "hp": pa.Column("Int64", pa.Check.in_range(*HP_RANGE), nullable=True),
            "finish": pa.Column(str, pa.Check.isin(FINISHES)),
            "market_price": price,
            "low_price": price,
            "high_price": price,
            "prev_market_price": pa.Column(float, coerce=True, nullable=True),
        },
        unique=["card_id", "finish"],
    )
