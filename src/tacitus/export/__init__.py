"""Export: events in the PLOVER layout as JSON Lines, CSV or Parquet.

The layout is documented in ``docs/format.md`` and pinned by
``event.schema.json``; every record written here validates against it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from tacitus.merge import DocInfo, merge_block
from tacitus.records import iso_date
from tacitus.store import Store, event_queries
from tacitus.vocabulary import EVENT_TYPES, MODALITIES

_TEXT, _INT, _FLOAT = pa.string(), pa.int32(), pa.float64()
# Flat columns of the CSV and Parquet exports, in order, with their Parquet types;
# nested parts are spelled out.  CSV joins the lists with ";".
FLAT_COLUMNS: dict[str, pa.DataType] = {
    "id": _TEXT, "event": _TEXT, "mode": _TEXT, "context": pa.list_(_TEXT), "quad_code": _INT,
    "cameo": _TEXT, "modality": _TEXT, "date": pa.date32(), "date_source": _TEXT,
    "date_precision": _TEXT, "actor_id": _TEXT, "actor_name": _TEXT, "actor_text": _TEXT,
    "actor_code": _TEXT, "actor_sector": _TEXT, "recipient_id": _TEXT, "recipient_name": _TEXT,
    "recipient_text": _TEXT, "recipient_code": _TEXT, "recipient_sector": _TEXT,
    "place": _TEXT, "lat": _FLOAT, "lon": _FLOAT, "place_country": _TEXT, "event_text": _TEXT,
    "dead": _INT, "injured": _INT, "arrested": _INT, "num_mentions": _INT, "num_sources": _INT,
    "num_articles": _INT, "outlets": pa.list_(_TEXT), "first_sentence": _TEXT,
}  # fmt: skip
CSV_COLUMNS = tuple(FLAT_COLUMNS)
# Every report of the event, as in the JSON Lines layout (offsets into the raw input).
MENTION_TYPE = pa.struct(
    [("doc_id", _TEXT), ("source", _TEXT), ("outlet", _TEXT), ("published", pa.date32()),
     ("sentence", _TEXT), ("start", pa.int64()), ("end", pa.int64()),
     ("attributed_to", _TEXT), ("copy_of", _TEXT)]
)  # fmt: skip
PARQUET_SCHEMA = pa.schema([*FLAT_COLUMNS.items(), ("mentions", pa.list_(MENTION_TYPE))])


@lru_cache(maxsize=1)
def event_schema() -> dict[str, Any]:
    """The export layout's JSON Schema, its closed lists filled from the vocabulary."""
    text = resources.files("tacitus.export").joinpath("event.schema.json").read_text("utf-8")
    schema = json.loads(text)
    schema["properties"]["event"]["enum"] = list(EVENT_TYPES)
    schema["properties"]["modality"]["enum"] = list(MODALITIES)
    return schema


def _load(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def render_mention(row: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc_id": row["doc_id"],
        "source": doc.get("source"),
        "outlet": doc.get("outlet"),
        "published": iso_date(doc.get("published")),
        "sentence": row["sentence"],
        "start": row["raw_start"],
        "end": row["raw_end"],
        "attributed_to": row.get("attributed_to"),
        "copy_of": doc.get("duplicate_of"),
    }


def render_event(
    event: dict[str, Any], mentions: Sequence[dict[str, Any]], docs: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """One event in the export layout, its mentions ordered by report date."""
    ordered = sorted(
        mentions,
        key=lambda m: (docs[m["doc_id"]].get("published") or date.max, m["doc_id"], m["start"]),
    )
    return {
        "id": event["event_id"],
        "event": event["event"],
        "mode": event["mode"],
        "context": _load(event["context"]) or [],
        "quad_code": event["quad_code"],
        "cameo": event["cameo"],
        "modality": event["modality"],
        "date": iso_date(event["date"]),
        "date_source": event["date_source"],
        "date_precision": event["date_precision"],
        "date_evidence": event["date_evidence"],
        "actor": _load(event["actor"]),
        "recipient": _load(event["recipient"]),
        "event_loc": _load(event["event_loc"]),
        "event_text": event["event_text"],
        "size": _load(event["size"]),
        "mentions": [render_mention(m, docs[m["doc_id"]]) for m in ordered],
        "num_mentions": event["num_mentions"],
        "num_sources": event["num_sources"],
        "num_articles": event["num_articles"],
    }


def merge_in_memory(
    rows: Sequence[dict[str, Any]], docs: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Merge and render mention rows held in memory (the stateless ``code`` path)."""
    info = {
        k: DocInfo(d.get("outlet"), d.get("published"), d.get("duplicate_of") or k)
        for k, d in docs.items()
    }
    blocks: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        blocks.setdefault(row["block"], []).append(row)
    by_id = {r["mention_id"]: r for r in rows}
    records = []
    for block in sorted(blocks):
        for event, ids in merge_block(blocks[block], info):
            records.append(render_event(event, [by_id[i] for i in ids], docs))
    return sorted(records, key=lambda r: (r["date"] or "", r["id"]))


def one_line(text: str | None) -> str | None:
    """Whitespace runs (line breaks of the source) as single spaces, for flat cells."""
    return " ".join(text.split()) if text else text


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    """One event as flat columns; lists stay lists, text is on one line."""
    actor = record["actor"] or {}
    recipient = record["recipient"] or {}
    loc = record["event_loc"] or {}
    size = record["size"] or {}
    mentions = record["mentions"]
    return {
        **{k: record[k] for k in ("id", "event", "mode", "quad_code", "cameo", "modality")},
        "context": record["context"],
        **{k: record[k] for k in ("date", "date_source", "date_precision")},
        "event_text": one_line(record["event_text"]),
        **{f"actor_{k}": actor.get(k) for k in ("id", "name", "code", "sector")},
        "actor_text": one_line(actor.get("entity_text")),
        **{f"recipient_{k}": recipient.get(k) for k in ("id", "name", "code", "sector")},
        "recipient_text": one_line(recipient.get("entity_text")),
        "place": loc.get("resolved_place") or loc.get("extracted_place"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "place_country": loc.get("country_code"),
        **{k: size.get(k) for k in ("dead", "injured", "arrested")},
        **{k: record[k] for k in ("num_mentions", "num_sources", "num_articles")},
        "outlets": sorted({m["outlet"] for m in mentions if m["outlet"]}),
        "first_sentence": one_line(mentions[0]["sentence"]) if mentions else None,
    }


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        flat = _flat(record)
        writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in flat.items()})
        count += 1
    return count


def _typed(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    mentions = [m | {"published": _typed(m["published"])} for m in record["mentions"]]
    return _flat(record) | {"date": _typed(record["date"]), "mentions": mentions}


def write_parquet(records: Iterable[dict[str, Any]], out: Path | IO[bytes]) -> int:
    """Typed columns: ``date`` a DATE, ``mentions`` a list of structs, lists as lists."""
    rows = [_parquet_row(r) for r in records]
    pq.write_table(pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA), out)
    return len(rows)


# Events rendered per round trip to the database, so memory stays flat.
CHUNK = 500


def stored_events(
    store: Store, where: str = "", params: Sequence[Any] = ()
) -> Iterator[dict[str, Any]]:
    """Events of the store in the export layout; ``where`` is built by code, never by users."""
    events = event_queries.event_rows(store, where, params)
    for start in range(0, len(events), CHUNK):
        chunk = events[start : start + CHUNK]
        mentions = event_queries.mention_rows(store, [e["event_id"] for e in chunk])
        cited = sorted({m["doc_id"] for m in mentions})
        docs = {d["doc_id"]: d for d in event_queries.cited_documents(store, cited)}
        grouped: dict[str, list[dict[str, Any]]] = {}
        for mention in mentions:
            grouped.setdefault(mention["event_id"], []).append(mention)
        for event in chunk:
            yield render_event(event, grouped.get(event["event_id"], []), docs)
