"""A checksum of a fresh pickle of the object instead of the file written with joblib: the
two byte streams differ, so the checksum never matches the file that is shipped."""

import hashlib
import pickle
from pathlib import Path

import joblib

REJECTED_BY = ["test_save_returns_the_sha256_of_the_file"]


def save_model(model, path):
    joblib.dump(model, Path(path))
    return hashlib.sha256(pickle.dumps(model)).hexdigest()
