"""The store is the only layer that speaks SQL: the others ask it, never the connection."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tacitus"
STORE = SRC / "store"
# A string that opens a statement: keyword and what must follow it, so prose such as
# "with no recipient" or "delete the file" is not taken for SQL.
STATEMENT = re.compile(
    r"\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s"
    r"|WITH\s+(RECURSIVE\s+)?\w+\s+AS\s*\(|CREATE\s)",
    re.IGNORECASE,
)
# Modules outside the store allowed a statement, each with why (bench/, tools/ and
# tests/ are outside src/ and not checked).
ALLOWED: dict[str, str] = {}
# Methods that run SQL: a module outside the store calling one talks to the database.
RUNNERS = {"query", "execute", "executemany", "sql"}


def _lines(path: Path, wanted: Callable[[ast.AST], bool]) -> list[int]:
    """Lines of ``path`` holding a node that ``wanted`` picks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sorted({node.lineno for node in ast.walk(tree) if wanted(node)})


def _opens_statement(node: ast.AST) -> bool:
    """A string constant (f-string parts included) that opens a SQL statement."""
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(STATEMENT.match(node.value))
    )


def _runs_sql(node: ast.AST) -> bool:
    """A call of a method that runs SQL (``store.query``, ``con.execute``)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in RUNNERS
    )


def _statements(path: Path) -> list[int]:
    return _lines(path, _opens_statement)


def _sql_calls(path: Path) -> list[int]:
    return _lines(path, _runs_sql)


def _outside_store() -> list[Path]:
    return [
        p
        for p in sorted(SRC.rglob("*.py"))
        if STORE not in p.parents and str(p.relative_to(SRC)) not in ALLOWED
    ]


def test_no_sql_statement_outside_the_store() -> None:
    found = {str(p.relative_to(SRC)): lines for p in _outside_store() if (lines := _statements(p))}
    assert found == {}


def test_no_module_outside_the_store_runs_sql() -> None:
    found = {str(p.relative_to(SRC)): lines for p in _outside_store() if (lines := _sql_calls(p))}
    assert found == {}


def test_the_statement_check_finds_the_stores_statements() -> None:
    # Guards the two tests above from passing because the pattern matches nothing.
    assert _statements(STORE / "event_queries.py")
    assert _statements(STORE / "story_queries.py")
    assert _sql_calls(STORE / "queries.py")
    assert not STATEMENT.match("with no recipient, the state it happens in")
