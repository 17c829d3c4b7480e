"""Stops once an expression is complete and ignores the rest: "1 2" is 1 and "1 + 2)" is 3."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_calculator_rejects_malformed_input"]


def calculate(expression):
    return _Parser(expression).expression()
