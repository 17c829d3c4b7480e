"""Looks only for `ast.FunctionDef`, so every `async def` (FastAPI endpoints, HTTP clients) is
invisible to the check."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

import ast

REJECTED_BY = ["test_finder_reports_undocumented_module_functions"]


def _undocumented(node):
    return not node.name.startswith("_") and not (ast.get_docstring(node) or "").strip()


def undocumented_public_functions(source):
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and _undocumented(node):
            found.append(node.name)
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            found += [f"{node.name}.{item.name}" for item in node.body
                      if isinstance(item, ast.FunctionDef) and not _is_accessor(item)
                      and _undocumented(item)]
    return found
