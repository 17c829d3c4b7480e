"""A factor must start with a digit or "(": "-3" and "2 * -3" are refused as malformed."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_calculator_handles_negative_numbers"]


class _Parser(_Parser):
    def factor(self):
        token = self.take()
        if token == "(":
            value = self.expression()
            if self.take() != ")":
                raise ValueError(f"a '(' is never closed in {self.text!r}")
            return value
        if token is not None and _NUMBER.fullmatch(token):
            return float(token)
        raise ValueError(f"expected a number or '(' but found {token!r} in {self.text!r}")
