"""Every action the code writes to the audit trail is named for its readers, by the app that
writes it (``<app>/audit.py``), and no name is left over for an action nobody writes.

The actions are read from the code itself: each call of the audit writers (``record``,
``entry_fields``) and what its action argument can be — a text, either text of a condition,
an f-string's parts, a variable or parameter given texts elsewhere in the module, or an
attribute its classes set."""

from __future__ import annotations

import ast
import importlib
import itertools
from pathlib import Path

from cpbtracker.accounts.audit import registered_actions

PACKAGE = Path(__file__).resolve().parents[1]
WRITERS = {"record": 1, "entry_fields": 1}  # audit writer -> position of its action argument


class Module:
    def __init__(self, path: Path):
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents = {
            child: parent
            for parent in ast.walk(self.tree)
            for child in ast.iter_child_nodes(parent)
        }

    def writers(self) -> dict[str, int]:
        """The names this module gives the audit writers, with their action argument."""
        return {
            alias.asname or alias.name: WRITERS[alias.name]
            for node in ast.walk(self.tree)
            if isinstance(node, ast.ImportFrom) and node.module == "cpbtracker.accounts.audit"
            for alias in node.names
            if alias.name in WRITERS
        }

    def calls(self, names: dict[str, int]) -> list[tuple[ast.Call, ast.expr]]:
        found = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                position = names.get(node.func.id)
                if position is None:
                    continue
                if len(node.args) > position:
                    found.append((node, node.args[position]))
                found += [(node, k.value) for k in node.keywords if k.arg == "action"]
        return found

    def texts(self, expr: ast.expr) -> set[str]:
        """Every text ``expr`` can be (empty when it cannot be told from the module)."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.IfExp):
            return self.texts(expr.body) | self.texts(expr.orelse)
        if isinstance(expr, ast.FormattedValue):
            return self.texts(expr.value)
        if isinstance(expr, ast.JoinedStr):
            parts = [self.texts(value) for value in expr.values]
            return {"".join(p) for p in itertools.product(*parts)}
        if isinstance(expr, ast.Name):
            return self.assigned(expr.id) | self.passed(expr)
        if isinstance(expr, ast.Attribute):
            return self.assigned(expr.attr) - {""}
        return set()

    def assigned(self, name: str) -> set[str]:
        """The texts assigned to ``name`` anywhere in the module (``a, b = "x", "y"`` too)."""
        found = set()
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    found |= self.texts(node.value)
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    for item, value in zip(target.elts, node.value.elts, strict=True):
                        if isinstance(item, ast.Name) and item.id == name:
                            found |= self.texts(value)
        return found

    def passed(self, name: ast.Name) -> set[str]:
        """When ``name`` is a parameter of its function, the texts the module's calls give it."""
        function = self.parents.get(name)
        while function is not None and not isinstance(function, ast.FunctionDef):
            function = self.parents.get(function)
        if function is None:
            return set()
        parameters = [a.arg for a in function.args.args]
        if name.id not in parameters:
            return set()
        return {
            text
            for _call, value in self.calls({function.name: parameters.index(name.id)})
            for text in self.texts(value)
        }


def written_actions() -> dict[str, set[str]]:
    """Each app's written action codes; an action that cannot be told is a failure."""
    by_app: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.glob("*/**/*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        module = Module(path)
        for call, action in module.calls(module.writers()):
            texts = module.texts(action)
            where = f"{path.relative_to(PACKAGE)}:{call.lineno}"
            assert texts, f"{where}: the action written here cannot be read from the code"
            by_app.setdefault(parts[0], set()).update(texts)
    return by_app


def test_every_action_written_is_named_by_the_app_that_writes_it():
    by_app = written_actions()
    assert {"reporting", "parties", "accounts", "indicators", "records"} <= set(by_app)
    for app, actions in by_app.items():
        named = set(importlib.import_module(f"cpbtracker.{app}.audit").ACTIONS)
        assert actions - named == set(), f"{app} writes actions it does not name"


def test_every_named_action_is_written_somewhere():
    written = set().union(*written_actions().values())
    assert len(written) > 30
    assert registered_actions() - written == set(), "named, but never written"
    assert written - registered_actions() == set(), "written, but never named"
