"""A loader that unpickles first and checks the checksum afterwards: by the time the check
fails, a malicious file has already run its code."""

import hashlib
from pathlib import Path

import joblib

REJECTED_BY = [
    "test_load_never_unpickles_a_file_that_fails_the_checksum",
    "test_load_refuses_a_file_with_one_byte_changed",
]


def load_model(path, expected_sha256):
    model = joblib.load(path)
    actual = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    if actual != expected_sha256.lower():
        raise ModelIntegrityError(f"sha256 mismatch: expected {expected_sha256}, got {actual}")  # noqa: F821
    return model
