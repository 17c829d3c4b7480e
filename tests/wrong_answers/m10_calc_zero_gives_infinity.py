"""Dodges the error with numpy-style results: 1 / 0 is inf and 0 / 0 is nan, which then spread
silently through every calculation that uses them."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import math

REJECTED_BY = ["test_calculator_reports_division_by_zero"]


class _Parser(_Parser):
    def term(self):
        value = self.factor()
        while self.peek() in ("*", "/"):
            operator, right = self.take(), self.factor()
            if operator == "*":
                value *= right
            elif right == 0:
                value = math.nan if value == 0 else math.copysign(math.inf, value)
            else:
                value /= right
        return value
