"""Identities of the code and data an index was built with, derived rather than hand-bumped.

An article's fingerprint includes them, so changing how text is analysed or what extraction
finds re-indexes every article on the next run, and a comment or docstring edit does not.
"""
from __future__ import annotations

import ast
import hashlib
from importlib import resources


def _without_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return tree


def _add_source(digest, name: str, text: str) -> None:
    tree = _without_docstrings(ast.parse(text))
    digest.update(name.encode() + b"\0" + ast.dump(tree).encode() + b"\0")


def code_identity(package: str, *extra: str) -> str:
    """A short hash of a package's Python syntax trees (comments and docstrings left out), plus
    any ``extra`` strings (data fingerprints, library versions)."""
    digest = hashlib.sha256()
    for entry in sorted(resources.files(package).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".py"):
            _add_source(digest, entry.name, entry.read_text(encoding="utf-8"))
    for value in extra:
        digest.update(value.encode() + b"\0")
    return digest.hexdigest()[:16]


def modules_identity(*modules: str) -> str:
    """As ``code_identity``, for a few modules (``searcher.cluster.feed``) of a package whose
    other modules do not matter."""
    digest = hashlib.sha256()
    for name in modules:
        package, _, module = name.rpartition(".")
        _add_source(digest, name, resources.files(package).joinpath(f"{module}.py")
                    .read_text(encoding="utf-8"))
    return digest.hexdigest()[:16]
