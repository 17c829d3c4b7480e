"""Hands the text to `eval`: "2 ** 3" gives 8 and "__import__('os')" runs whatever it is told."""

REJECTED_BY = ["test_calculator_does_not_call_eval", "test_calculator_rejects_malformed_input"]


def calculate(expression):
    try:
        return float(eval(expression))
    except SyntaxError as error:
        raise ValueError(f"not arithmetic: {expression!r}") from error
