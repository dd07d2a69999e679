"""Imports point down: a lower app never imports a higher one (a higher app learns of changes
below through change notices, cpbtracker.lib.changes), and no import of project code hides
inside a function, where it would hide a cycle, unless a comment right above it says why."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
# Lowest first; an app may import its own rank and below.
RANK = {
    "lib": 0,
    "parties": 0,
    "accounts": 0,
    "plan": 0,
    "reporting": 0,
    "indicators": 1,
    "records": 2,
    "capacity": 3,
    "evaluation": 4,
    "bch": 5,
}


def modules() -> list[tuple[str, Path, ast.Module]]:
    found = []
    for path in sorted(PACKAGE.glob("*/**/*.py")):
        parts = path.relative_to(PACKAGE).parts
        if parts[0] not in RANK or "tests" in parts or "migrations" in parts:
            continue
        found.append((parts[0], path, ast.parse(path.read_text(encoding="utf-8"))))
    return found


def project_imports(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        names = [node.module]
    elif isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        return []
    return [name for name in names if name.split(".")[0] == "cpbtracker"]


def test_every_app_imports_only_its_own_layer_and_below():
    assert len(modules()) > 100
    upward = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} imports {name}"
        for app, path, tree in modules()
        for node in ast.walk(tree)
        for name in project_imports(node)
        if len(name.split(".")) > 1 and RANK.get(name.split(".")[1], -1) > RANK[app]
    ]
    assert upward == []


def test_no_import_of_project_code_hides_in_a_function_without_saying_why():
    hidden = []
    for _app, path, tree in modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if not project_imports(node):
                    continue
                if "#" in lines[node.lineno - 1]:
                    continue  # said on the line itself
                above = node.lineno - 2
                while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
                    above -= 1  # a group of imports shares the comment above it
                if above < 0 or not lines[above].strip().startswith("#"):
                    hidden.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert hidden == []
