"""Reports every function without a docstring, private helpers and `__init__` included, so the
list is padded with names that are nobody else's business."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import ast

REJECTED_BY = ["test_finder_skips_private_and_nested_functions"]


def undocumented_public_functions(source):
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if not (ast.get_docstring(node) or "").strip():
                found.append(node.name)
        elif isinstance(node, ast.ClassDef):
            found += [f"{node.name}.{item.name}" for item in node.body
                      if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                      and not _is_accessor(item) and not (ast.get_docstring(item) or "").strip()]
    return found
