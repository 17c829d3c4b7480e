"""A price-history schema keyed on card and finish only: the second weekly snapshot of a
listing counts as a duplicate, and a snapshot dated in 2099 passes."""

import pandera.pandas as pa

from mlcourse.schemas import FINISHES

REJECTED_BY = [
    "test_price_snapshots_schema_accepts_the_real_snapshots",
    "test_price_snapshots_schema_names_every_bad_snapshot",
]


def price_snapshots_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "card_id": pa.Column(str),
            "finish": pa.Column(str, pa.Check.isin(FINISHES)),
            "snapshot_date": pa.Column("datetime64[ns]"),
            "market_price": pa.Column(float, pa.Check.gt(0), coerce=True),
        },
        unique=["card_id", "finish"],
    )
