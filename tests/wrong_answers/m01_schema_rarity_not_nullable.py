"""A cards schema that forgets basic Energy cards have no rarity: `rarity` is not nullable,
so the clean data fails and 12 good rows end up in quarantine."""

import pandera.pandas as pa

from mlcourse.quality import EARLIEST_RELEASE, HP_RANGE, RARITIES
from mlcourse.schemas import FINISHES, SERIES, SNAPSHOT_DATE, SUPERTYPES

REJECTED_BY = [
    "test_cards_schema_accepts_the_clean_cards",
    "test_validate_cards_returns_the_clean_table",
]


def cards_schema() -> pa.DataFrameSchema:
    price = pa.Column(float, pa.Check.gt(0), coerce=True)
    return pa.DataFrameSchema(
        {
            "name": pa.Column(str, pa.Check.str_matches(r"\s*\S")),
            "set_release_date": pa.Column(
                "datetime64[ns]", pa.Check.in_range(EARLIEST_RELEASE, SNAPSHOT_DATE)
            ),
            "series": pa.Column(str, pa.Check.isin(SERIES)),
            "rarity": pa.Column(str, pa.Check.isin(RARITIES)),
            "supertype": pa.Column(str, pa.Check.isin(SUPERTYPES)),
            "hp": pa.Column("Int64", pa.Check.in_range(*HP_RANGE), nullable=True),
            "finish": pa.Column(str, pa.Check.isin(FINISHES)),
            "market_price": price,
            "low_price": price,
            "high_price": price,
            "prev_market_price": pa.Column(float, pa.Check.gt(0), coerce=True, nullable=True),
        },
        unique=["card_id", "finish"],
    )
