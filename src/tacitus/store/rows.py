"""Coded documents as rows of the store's tables, and those rows as Arrow tables.

One builder per table, used by the store and by the Parquet partitions written
on Ray alike, with column types taken from the store's schema, so writing a
batch is a bulk insert of Arrow tables wherever it was coded.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from tacitus.actors.drafts import generic_id
from tacitus.claims import Claim, claim_key
from tacitus.records import (
    ActorMention,
    ActorSpan,
    CodedDocument,
    EventMention,
    OffsetMap,
    block_key,
)
from tacitus.store.schema import TABLES

# Extra column on rows of a batch: the input position of the row's document.
POSITION = "position"
# Tables written for each coded document, in the order they are inserted.
CODED_TABLES = ("documents", "actor_mentions", "event_mentions", "claims")

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "UBIGINT": pa.uint64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
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
    coded: Sequence[CodedDocument], signatures: dict[str, list[int]]
) -> dict[str, list[dict[str, Any]]]:
    """Rows of documents, mentions and claims, each tagged with its document's input position."""
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in CODED_TABLES}
    for position, item in enumerate(coded):
        doc_id = item.document.doc_id
        at = {POSITION: position}
        rows["documents"].append(document_row(item, signatures.get(doc_id)) | at)
        rows["actor_mentions"] += [
            actor_row(doc_id, mention, span) | at
            for mention, span in zip(item.actors, item.actor_spans, strict=True)
        ]
        rows["event_mentions"] += [mention_row(event) | at for event in item.events]
        rows["claims"] += [row | at for row in claim_rows(item)]
    return rows


def coded_tables(
    coded: Sequence[CodedDocument], signatures: dict[str, list[int]], positioned: bool = False
) -> dict[str, pa.Table]:
    rows = coded_rows(coded, signatures)
    return {table: to_arrow(table, rows[table], positioned) for table in CODED_TABLES}


def meta_json(meta: dict[str, Any]) -> str:
    return json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str)


def as_json(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "as_dict"):
        value = value.as_dict()
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def document_row(item: CodedDocument, signature: list[int] | None) -> dict[str, Any]:
    """The ``documents`` row of a coded document."""
    doc = item.document
    boilerplate = [
        {"start": b.raw_start, "end": b.raw_end, "text": b.text, "reason": b.reason}
        for b in doc.boilerplate
    ]
    return {
        "doc_id": doc.doc_id,
        "source": doc.source,
        "outlet": doc.outlet,
        "url": doc.url,
        "title": doc.title,
        "published": doc.published,
        "published_source": doc.published_source,
        "published_evidence": doc.published_evidence,
        "language": doc.language,
        "raw": doc.raw,
        "text": doc.text,
        "offsets": list(doc.offsets.raw_offsets),
        "boilerplate": as_json(boilerplate),
        "meta": meta_json(doc.meta),
        "duplicate_of": doc.duplicate_of,
        "similarity": doc.similarity,
        "signature": signature,
        "sentences": item.sentences,
        "words": item.words,
    }


def actor_row(doc_id: str, mention: ActorMention, span: ActorSpan) -> dict[str, Any]:
    ref = mention.ref
    return {
        "doc_id": doc_id,
        "start": span.start,
        "end": span.end,
        "actor_id": ref.id,
        "name": ref.name,
        "entity_text": ref.entity_text,
        "code": ref.code,
        "sector": ref.sector,
        "office": ref.office,
        "kind": mention.kind,
        "method": mention.method,
        "role": mention.role,
        "discovered": mention.discovered,
        "sentence": span.sentence,
    }


def claim_rows(item: CodedDocument) -> list[dict[str, Any]]:
    """One row per claim id, the first: a document may state one claim twice."""
    seen: set[str] = set()
    rows = []
    for claim in item.claims:
        if claim.claim_id not in seen:
            seen.add(claim.claim_id)
            rows.append(claim_row(claim, item.document.offsets))
    return rows


def claim_row(claim: Claim, offsets: OffsetMap) -> dict[str, Any]:
    raw_start, raw_end = offsets.raw_span(claim.start, claim.end)
    return {
        "claim_id": claim.claim_id,
        "doc_id": claim.doc_id,
        "kind": claim.kind,
        "unit": claim.unit,
        "value": claim.value,
        "qualifier": claim.qualifier,
        "vague": claim.vague,
        "of_whom": claim.whom,
        "part_of": claim.part_of,
        "place": as_json(claim.place),
        "place_inferred": claim.place_inferred,
        "as_of": claim.as_of,
        "as_of_precision": claim.as_of_precision,
        "said_by": claim.said_by,
        "said_by_actor": claim.said_by_actor,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "raw_start": raw_start,
        "raw_end": raw_end,
        "key": claim_key(claim),
    }


def mention_row(event: EventMention) -> dict[str, Any]:
    actor = event.actor.as_dict() if event.actor else None
    recipient = event.recipient.as_dict() if event.recipient else None
    return {
        "mention_id": event.mention_id,
        "doc_id": event.doc_id,
        "sentence_index": event.sentence_index,
        "event": event.event,
        "mode": event.mode,
        "context": json.dumps(event.context),
        "quad_code": event.quad_code,
        "cameo": event.cameo,
        "modality": event.modality,
        "date": event.date,
        "date_source": event.date_source,
        "date_precision": event.date_precision,
        "date_evidence": event.date_evidence,
        "actor": as_json(actor),
        "recipient": as_json(recipient),
        "actor_id": _side_id(event.actor),
        "recipient_id": _side_id(event.recipient),
        "event_loc": as_json(event.event_loc),
        "size": as_json(event.size),
        "event_text": event.event_text,
        "sentence": event.sentence,
        "start": event.start,
        "end": event.end,
        "raw_start": event.raw_start,
        "raw_end": event.raw_end,
        "attributed_to": event.attributed_to,
        "block": block_key(event.event, event.modality, actor, recipient),
        "event_id": None,
    }


def _side_id(ref: Any) -> str | None:
    """The side's actor id; an unnamed group gets the id its mentions have ("IRN.GOV")."""
    if ref is None:
        return None
    return ref.id or generic_id(ref.code, ref.sector) or f"-.{ref.sector or '-'}"
