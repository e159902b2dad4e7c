"""The two ways the store talks to DuckDB: rows out as dicts, Arrow tables in."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, data: pa.Table) -> Iterator[None]:
    """``data`` visible to statements under the name ``incoming`` while the block runs."""
    con.register(INCOMING, data)
    try:
        yield
    finally:
        con.unregister(INCOMING)


def run_over(con: duckdb.DuckDBPyConnection, data: pa.Table, sql: str) -> list[tuple[Any, ...]]:
    """The rows of ``sql``, which reads ``data`` under the name ``incoming``."""
    with registered(con, data):
        return con.execute(sql).fetchall()


def insert_table(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    """Append ``data`` (with at least the table's columns) to ``table`` in one statement."""
    if data.num_rows:
        names = ", ".join(f'"{c}"' for c in columns(table))
        run_over(con, data, f"INSERT INTO {table} ({names}) SELECT {names} FROM {INCOMING}")
