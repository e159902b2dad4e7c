"""Store: the DuckDB file that holds documents, rejections, actors and events."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from tacitus.merge import Ancestry, DocInfo, block_key, merge_block
from tacitus.records import ActorMention, ActorSpan, CodedDocument, EventMention, Rejection
from tacitus.store.schema import columns, create_statements


class StoreError(RuntimeError):
    """The database cannot be opened or written."""


@dataclass(slots=True)
class BatchReport:
    stored: int = 0
    duplicates: int = 0
    events: int = 0
    rejected: int = 0


def _no_ancestors(_: str) -> Sequence[str]:
    return ()


def _as_json(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "as_dict"):
        value = value.as_dict()
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Store:
    """One DuckDB database.  Every batch is written in one transaction."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
            if not read_only:
                for statement in create_statements():
                    self.con.execute(statement)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def known_ids(self, doc_ids: Iterable[str]) -> set[str]:
        ids = sorted(set(doc_ids))
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return {r[0] for r in rows}

    def signatures(self) -> Iterator[tuple[str, list[int]]]:
        """Signatures of canonical documents, for rebuilding the duplicate index."""
        cursor = self.con.execute(
            "SELECT doc_id, signature FROM documents "
            "WHERE duplicate_of IS NULL AND signature IS NOT NULL ORDER BY doc_id"
        )
        while rows := cursor.fetchmany(1000):
            yield from rows

    def count(self, table: str) -> int:
        if table not in {"documents", "rejected", "events", "event_mentions", "actor_mentions"}:
            raise ValueError(table)
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- writing -------------------------------------------------------------
    def write_batch(
        self,
        coded: Sequence[CodedDocument],
        rejections: Sequence[Rejection] = (),
        signatures: dict[str, list[int]] | None = None,
        ancestry: Ancestry = _no_ancestors,
    ) -> BatchReport:
        """Store a batch and re-merge the event blocks it touches, atomically."""
        report = BatchReport()
        signatures = signatures or {}
        known = self.known_ids(c.document.doc_id for c in coded)
        new = []
        for item in coded:
            if item.document.doc_id not in known:
                known.add(item.document.doc_id)
                new.append(item)
        try:
            self.con.execute("BEGIN TRANSACTION")
            for rejection in rejections:
                self._insert_rejection(rejection)
                report.rejected += 1
            blocks: set[str] = set()
            for item in new:
                self._insert_document(item, signatures.get(item.document.doc_id))
                blocks |= self._insert_mentions(item)
                report.stored += 1
                report.duplicates += item.document.duplicate_of is not None
                report.events += len(item.events)
            self._remerge(sorted(blocks), ancestry)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return report

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        cols = columns(table)
        names = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join("?" for _ in cols)
        self.con.execute(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", [row.get(c) for c in cols]
        )

    def _insert_rejection(self, rejection: Rejection) -> None:
        exists = self.con.execute(
            "SELECT 1 FROM rejected WHERE source = ? AND reason = ?",
            [rejection.source, rejection.reason],
        ).fetchone()
        if not exists:
            self._insert("rejected", {"source": rejection.source, "reason": rejection.reason})

    def _insert_document(self, item: CodedDocument, signature: list[int] | None) -> None:
        doc = item.document
        self._insert(
            "documents",
            {
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
                "boilerplate": _as_json(
                    [
                        {"start": b.raw_start, "end": b.raw_end, "text": b.text, "reason": b.reason}
                        for b in doc.boilerplate
                    ]
                ),
                "meta": json.dumps(doc.meta, ensure_ascii=False, sort_keys=True, default=str),
                "duplicate_of": doc.duplicate_of,
                "similarity": doc.similarity,
                "signature": signature,
                "sentences": item.sentences,
                "words": item.words,
            },
        )

    def _insert_mentions(self, item: CodedDocument) -> set[str]:
        doc_id = item.document.doc_id
        for mention, span in zip(item.actors, item.actor_spans, strict=True):
            self._insert("actor_mentions", _actor_row(doc_id, mention, span))
        blocks = set()
        for event in item.events:
            row = mention_row(event)
            blocks.add(row["block"])
            self._insert("event_mentions", row)
        return blocks

    def _remerge(self, blocks: Sequence[str], ancestry: Ancestry) -> None:
        for block in blocks:
            rows = self.query(
                "SELECT * FROM event_mentions WHERE block = ? ORDER BY mention_id", [block]
            )
            docs = self._doc_info({r["doc_id"] for r in rows})
            self.con.execute("DELETE FROM events WHERE block = ?", [block])
            for event, mention_ids in merge_block(rows, docs, ancestry):
                self._insert("events", event)
                self.con.execute(
                    "UPDATE event_mentions SET event_id = ? WHERE mention_id IN (SELECT unnest(?))",
                    [event["event_id"], mention_ids],
                )

    def _doc_info(self, doc_ids: set[str]) -> dict[str, DocInfo]:
        rows = self.query(
            "SELECT doc_id, outlet, published, duplicate_of FROM documents "
            "WHERE doc_id IN (SELECT unnest(?))",
            [sorted(doc_ids)],
        )
        return {
            r["doc_id"]: DocInfo(r["outlet"], r["published"], r["duplicate_of"] or r["doc_id"])
            for r in rows
        }


def _actor_row(doc_id: str, mention: ActorMention, span: ActorSpan) -> dict[str, Any]:
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
        "actor": _as_json(actor),
        "recipient": _as_json(recipient),
        "actor_id": _side_id(event.actor),
        "recipient_id": _side_id(event.recipient),
        "event_loc": _as_json(event.event_loc),
        "size": _as_json(event.size),
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
    if ref is None:
        return None
    return ref.id or f"{ref.code or '-'}/{ref.sector or '-'}"
