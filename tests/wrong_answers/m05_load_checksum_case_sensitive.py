"""A checksum compared character for character: the same SHA-256 written in upper case (as
PowerShell's Get-FileHash prints it) is refused."""

import hashlib
import io
from pathlib import Path

import joblib

REJECTED_BY = ["test_model_round_trips_through_save_and_load"]


def load_model(path, expected_sha256):
    data = Path(path).read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256:
        raise ModelIntegrityError(f"sha256 mismatch: expected {expected_sha256}, got {actual}")  # noqa: F821
    return joblib.load(io.BytesIO(data))
