"""Uses `ast.walk`, which reaches every function at any depth: nested helpers are reported, and
methods lose their class name."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import ast

REJECTED_BY = [
    "test_finder_skips_private_and_nested_functions",
    "test_finder_reports_methods_of_public_classes",
]


def undocumented_public_functions(source):
    return [
        node.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith("_")
        and not (ast.get_docstring(node) or "").strip()
    ]
