"""A tokenizer that knows whole numbers only: "2.5" splits into 2, "." and 5 and is refused."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import re

REJECTED_BY = ["test_calculator_reads_numbers_and_single_operations"]

_TOKEN = re.compile(r"[0-9]+|\S")
_NUMBER = re.compile(r"[0-9]+")
