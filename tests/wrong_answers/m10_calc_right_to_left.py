"""Recursion on the right instead of a loop: "10 - 4 - 3" becomes 10 - (4 - 3) = 9."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = [
    "test_calculator_evaluates_left_to_right",
    "test_calculator_agrees_with_python_on_random_expressions",
]


class _Parser(_Parser):
    def expression(self):
        value = self.term()
        if self.peek() in ("+", "-"):
            operator, right = self.take(), self.expression()
            return value + right if operator == "+" else value - right
        return value

    def term(self):
        value = self.factor()
        if self.peek() in ("*", "/"):
            operator, right = self.take(), self.term()
            return value * right if operator == "*" else value / right
        return value
