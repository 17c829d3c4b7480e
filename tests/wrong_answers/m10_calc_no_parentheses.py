"""Knows numbers and operators but not parentheses: "(2 + 3) * 4" is refused."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_calculator_handles_parentheses"]


class _Parser(_Parser):
    def factor(self):
        token = self.take()
        if token in ("+", "-"):
            value = self.factor()
            return -value if token == "-" else value
        if token is not None and _NUMBER.fullmatch(token):
            return float(token)
        raise ValueError(f"expected a number but found {token!r} in {self.text!r}")
