"""A sets schema that requires `max_number` (promo and gallery sets have none, so the clean
table fails) and never checks that a set is listed once or counts add up."""

import pandera.pandas as pa

from mlcourse.quality import EARLIEST_RELEASE
from mlcourse.schemas import SERIES, SNAPSHOT_DATE

REJECTED_BY = [
    "test_sets_schema_accepts_the_clean_sets",
    "test_sets_schema_names_every_bad_set",
]


def sets_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "set_id": pa.Column(str),
            "set_name": pa.Column(str, pa.Check.str_matches(r"\s*\S")),
            "series": pa.Column(str, pa.Check.isin(SERIES)),
            "release_date": pa.Column(
                "datetime64[ns]", pa.Check.in_range(EARLIEST_RELEASE, SNAPSHOT_DATE)
            ),
            "n_cards": pa.Column("int64", pa.Check.gt(0)),
            "n_priced_cards": pa.Column("int64", pa.Check.ge(0)),
            "max_number": pa.Column("Int64", pa.Check.gt(0)),
        }
    )
