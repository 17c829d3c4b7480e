"""Uses Python's built-in `hash()`: order-independent through a frozenset, but not a sha256
digest, different in every new Python process for text, and blind to repeated rows."""

import pandas as pd

REJECTED_BY = [
    "test_fingerprint_is_a_sha256_hex_digest",
    "test_fingerprint_changes_with_any_change",
]


def fingerprint(frame: pd.DataFrame) -> str:
    columns = sorted(frame.columns)
    rows = frozenset(frame[columns].astype(object).itertuples(index=False, name=None))
    return str(hash((tuple(columns), rows)))
