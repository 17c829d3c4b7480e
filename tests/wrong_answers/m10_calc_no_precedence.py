"""One loop for all four operators: "2 + 3 * 4" is computed as (2 + 3) * 4 = 20."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = [
    "test_calculator_multiplies_before_adding",
    "test_calculator_agrees_with_python_on_random_expressions",
]


class _Parser(_Parser):
    def expression(self):
        value = self.factor()
        while self.peek() in ("+", "-", "*", "/"):
            operator, right = self.take(), self.factor()
            if operator == "+":
                value += right
            elif operator == "-":
                value -= right
            elif operator == "*":
                value *= right
            else:
                value /= right
        return value
