"""Store: the DuckDB file that holds documents, rejections, actors and events."""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from tacitus.claims import Claim, claim_key
from tacitus.merge import Ancestry, DocInfo, block_key, merge_block
from tacitus.records import (
    ActorMention,
    ActorSpan,
    Boilerplate,
    CleanDocument,
    CodedDocument,
    EventMention,
    OffsetMap,
    Rejection,
)
from tacitus.store.locking import LOCK_WAIT_SECONDS, WriterLock, connect
from tacitus.store.schema import columns, create_statements


class StoreError(RuntimeError):
    """The database cannot be opened or written."""


@dataclass(slots=True)
class BatchReport:
    stored: int = 0
    duplicates: int = 0
    events: int = 0
    rejected: int = 0


# Tables holding what coding derived from one document (replaced when it is re-coded).
PER_DOCUMENT_TABLES = ("event_mentions", "actor_mentions", "claims")


def _meta_json(meta: dict[str, Any]) -> str:
    return json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str)


def _no_ancestors(_: str) -> Sequence[str]:
    return ()


def _as_json(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "as_dict"):
        value = value.as_dict()
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Store:
    """One DuckDB database.  Every batch is written in one transaction.

    ``hold=False`` makes a writer that lets go of the file between operations
    (each batch opens it, writes and closes it), so read-only processes such as
    the server get in between batches; it keeps a writer lock for its lifetime,
    so a second such writer waits or fails rather than interleaving.  Opening
    waits up to ``lock_wait`` seconds for another process's lock.
    """

    def __init__(
        self,
        path: str | Path,
        read_only: bool = False,
        hold: bool = True,
        lock_wait: float = LOCK_WAIT_SECONDS,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.lock_wait = lock_wait
        self.con: duckdb.DuckDBPyConnection | None = None
        self._writer_lock = None if hold or read_only else WriterLock(self.path, lock_wait)
        try:
            con = self._connect()
            if not read_only:
                for statement in create_statements():
                    con.execute(statement)
        except BaseException:
            self._release_writer()
            raise
        if hold:
            self.con = con
        else:
            con.close()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            return connect(self.path, self.read_only, self.lock_wait)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc

    def _release_writer(self) -> None:
        if self._writer_lock is not None:
            self._writer_lock.release()
            self._writer_lock = None

    @contextmanager
    def session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The open connection, or one opened for this operation and closed after it."""
        if self.con is not None:
            yield self.con
            return
        self.con = self._connect()
        try:
            yield self.con
        finally:
            self.con.close()
            self.con = None

    def cursor(self) -> Store:
        """A store over a cursor of this holding store: same database, its own transactions."""
        if self.con is None:
            raise StoreError("only a store that holds its connection hands out cursors")
        view = object.__new__(Store)
        view.path, view.read_only, view.lock_wait = self.path, self.read_only, self.lock_wait
        view._writer_lock = None
        view.con = self.con.cursor()
        return view

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
        self._release_writer()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self.session() as con:
            cursor = con.execute(sql, list(params))
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def known_ids(self, doc_ids: Iterable[str]) -> set[str]:
        ids = sorted(set(doc_ids))
        if not ids:
            return set()
        with self.session() as con:
            rows = con.execute(
                "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]
            ).fetchall()
        return {r[0] for r in rows}

    def signatures(self) -> Iterator[tuple[str, list[int]]]:
        """Signatures of canonical documents, for rebuilding the duplicate index."""
        with self.session() as con:
            cursor = con.execute(
                "SELECT doc_id, signature FROM documents "
                "WHERE duplicate_of IS NULL AND signature IS NOT NULL ORDER BY doc_id"
            )
            while rows := cursor.fetchmany(1000):
                yield from rows

    def load_document(self, doc_id: str) -> CleanDocument:
        """A stored document, as the clean stage produced it."""
        rows = self.query("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        if not rows:
            raise KeyError(doc_id)
        row = rows[0]
        return CleanDocument(
            doc_id=row["doc_id"],
            source=row["source"],
            raw=row["raw"],
            text=row["text"],
            offsets=OffsetMap(array("l", row["offsets"] or [0])),
            outlet=row["outlet"],
            url=row["url"],
            title=row["title"],
            published=row["published"],
            published_source=row["published_source"],
            published_evidence=row["published_evidence"],
            language=row["language"] or "en",
            boilerplate=[
                Boilerplate(b["start"], b["end"], b["text"], b["reason"])
                for b in json.loads(row["boilerplate"] or "[]")
            ],
            meta=json.loads(row["meta"] or "{}"),
            duplicate_of=row["duplicate_of"],
            similarity=row["similarity"],
        )

    def count(self, table: str) -> int:
        if table not in {"documents", "rejected", "events", *PER_DOCUMENT_TABLES}:
            raise ValueError(table)
        return int(self.query(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    # -- writing -------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction, committed if the block completes and rolled back otherwise."""
        with self.session() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

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
        with self.transaction():
            known = self.known_ids(c.document.doc_id for c in coded)
            for rejection in rejections:
                self._insert_rejection(rejection)
                report.rejected += 1
            blocks: set[str] = set()
            for item in coded:
                if item.document.doc_id in known:
                    continue
                known.add(item.document.doc_id)
                self._insert_document(item, signatures.get(item.document.doc_id))
                blocks |= self._insert_mentions(item)
                report.stored += 1
                report.duplicates += item.document.duplicate_of is not None
                report.events += len(item.events)
            self._remerge(sorted(blocks), ancestry)
        return report

    def replace_coding(self, coded: CodedDocument, ancestry: Ancestry = _no_ancestors) -> None:
        """Store a document's new dating and coding in place of the old, atomically."""
        doc = coded.document
        with self.transaction() as con:
            old = {
                r["block"]
                for r in self.query(
                    "SELECT DISTINCT block FROM event_mentions WHERE doc_id = ?", [doc.doc_id]
                )
            }
            for table in PER_DOCUMENT_TABLES:
                con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc.doc_id])
            con.execute(
                "UPDATE documents SET published = ?, published_source = ?, "
                "published_evidence = ?, meta = ? WHERE doc_id = ?",
                [
                    doc.published,
                    doc.published_source,
                    doc.published_evidence,
                    _meta_json(doc.meta),
                    doc.doc_id,
                ],
            )
            new = self._insert_mentions(coded)
            self._remerge(sorted(old | new), ancestry)

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
        self._insert("documents", document_row(item, signature))

    def _insert_mentions(self, item: CodedDocument) -> set[str]:
        doc_id = item.document.doc_id
        for mention, span in zip(item.actors, item.actor_spans, strict=True):
            self._insert("actor_mentions", _actor_row(doc_id, mention, span))
        blocks = set()
        for event in item.events:
            row = mention_row(event)
            blocks.add(row["block"])
            self._insert("event_mentions", row)
        self._insert_claims(item)
        return blocks

    def _insert_claims(self, item: CodedDocument) -> None:
        seen: set[str] = set()
        for claim in item.claims:
            if claim.claim_id not in seen:
                seen.add(claim.claim_id)
                self._insert("claims", claim_row(claim, item.document.offsets))

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
        "boilerplate": _as_json(boilerplate),
        "meta": _meta_json(doc.meta),
        "duplicate_of": doc.duplicate_of,
        "similarity": doc.similarity,
        "signature": signature,
        "sentences": item.sentences,
        "words": item.words,
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
        "place": _as_json(claim.place),
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
