"""Checks `ast.get_docstring(node) is None`, so an empty `\"\"\"   \"\"\"` placeholder counts as
documentation."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import ast

REJECTED_BY = ["test_finder_reports_undocumented_module_functions"]


def undocumented_public_functions(source):
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if not node.name.startswith("_") and ast.get_docstring(node) is None:
                found.append(node.name)
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            found += [f"{node.name}.{item.name}" for item in node.body
                      if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                      and not item.name.startswith("_") and not _is_accessor(item)
                      and ast.get_docstring(item) is None]
    return found
