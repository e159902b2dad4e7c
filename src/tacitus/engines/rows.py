"""Coded documents as rows of the store's tables, and those tables as Arrow.

The Parquet partitions written on Ray hold exactly the store's rows, with
their column types taken from the store's schema, so loading them is a plain
insert, from the same row builders the store uses.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from tacitus.records import CodedDocument
from tacitus.store import _actor_row, claim_row, document_row, mention_row
from tacitus.store.schema import TABLES

# Extra column on Parquet rows: input order within a partition.
POSITION = "position"

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "UBIGINT": pa.uint64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
}


def arrow_type(column_type: str) -> pa.DataType:
    base = column_type.split()[0].upper()
    if base.endswith("[]"):
        return pa.list_(arrow_type(base[:-2]))
    if base not in _ARROW_TYPES:
        raise ValueError(f"no Arrow type for the store's column type {column_type!r}")
    return _ARROW_TYPES[base]


def table_schema(table: str, positioned: bool = False) -> pa.Schema:
    fields = [pa.field(name, arrow_type(kind)) for name, kind in TABLES[table]]
    if positioned:
        fields.append(pa.field(POSITION, pa.int32()))
    return pa.schema(fields)


def to_arrow(table: str, rows: list[dict[str, Any]], positioned: bool = False) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=table_schema(table, positioned))


def coded_rows(
    coded: list[CodedDocument], signatures: dict[str, list[int]]
) -> dict[str, list[dict[str, Any]]]:
    """Rows of documents, mentions and claims, each tagged with its document's input position."""
    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [],
        "actor_mentions": [],
        "event_mentions": [],
        "claims": [],
    }
    for position, item in enumerate(coded):
        doc_id = item.document.doc_id
        at = {POSITION: position}
        rows["documents"].append(document_row(item, signatures.get(doc_id)) | at)
        rows["actor_mentions"] += [
            _actor_row(doc_id, mention, span) | at
            for mention, span in zip(item.actors, item.actor_spans, strict=True)
        ]
        rows["event_mentions"] += [mention_row(event) | at for event in item.events]
        rows["claims"] += _claim_rows(item, at)
    return rows


def _claim_rows(item: CodedDocument, at: dict[str, int]) -> list[dict[str, Any]]:
    """One row per claim id, the first, as the store keeps them."""
    seen: set[str] = set()
    rows = []
    for claim in item.claims:
        if claim.claim_id not in seen:
            seen.add(claim.claim_id)
            rows.append(claim_row(claim, item.document.offsets) | at)
    return rows
