"""The two ways the store talks to DuckDB: rows out as dicts, Arrow tables in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.store.schema import columns

# Name under which an Arrow table is visible to the statement that reads it.
INCOMING = "incoming"


def fetch_dicts(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()
) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def run_over(con: duckdb.DuckDBPyConnection, data: pa.Table, sql: str) -> list[tuple[Any, ...]]:
    """The rows of ``sql``, which reads ``data`` under the name ``incoming``."""
    con.register(INCOMING, data)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.unregister(INCOMING)


def insert_table(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    """Append ``data`` (with at least the table's columns) to ``table`` in one statement."""
    if data.num_rows:
        names = ", ".join(f'"{c}"' for c in columns(table))
        run_over(con, data, f"INSERT INTO {table} ({names}) SELECT {names} FROM {INCOMING}")
