"""Store: the DuckDB file that holds documents, rejections, actors and events."""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.records import Boilerplate, CleanDocument, CodedDocument, OffsetMap, Rejection
from tacitus.store.locking import LOCK_WAIT_SECONDS, WriterLock, connect
from tacitus.store.merge_view import MergeView, unassign
from tacitus.store.rows import CODED_TABLES, coded_tables, meta_json, to_arrow
from tacitus.store.schema import create_statements
from tacitus.store.sql import fetch_dicts, insert_table, run_over


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
            return fetch_dicts(con, sql, params)

    def known_ids(self, doc_ids: Iterable[str]) -> set[str]:
        ids = sorted(set(doc_ids))
        if not ids:
            return set()
        with self.session() as con:
            rows = con.execute(
                "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]
            ).fetchall()
        return {r[0] for r in rows}

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
        if table not in {"documents", "rejected", "events", "dedup_bands", *PER_DOCUMENT_TABLES}:
            raise ValueError(table)
        return int(self.query(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    # -- writing -------------------------------------------------------------
    @contextmanager
    def merging(self) -> Iterator[MergeView]:
        """The merge stage's view of the database, in one transaction."""
        with self.transaction() as con:
            yield MergeView(con)

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
        bands: dict[str, list[int]] | None = None,
    ) -> BatchReport:
        """Store a batch atomically; its event mentions await the merge stage.

        Documents stored already (or twice in the batch) are stored once;
        ``bands`` holds the LSH band keys of the canonical documents, by id.
        """
        with self.session():  # one opening of the database for the check and the write
            known = self.known_ids(c.document.doc_id for c in coded)
            fresh = []
            for item in coded:
                if item.document.doc_id not in known:
                    known.add(item.document.doc_id)
                    fresh.append(item)
            tables = coded_tables(fresh, signatures or {})
            tables["rejected"] = to_arrow("rejected", [asdict(r) for r in rejections])
            tables["dedup_bands"] = band_table(bands or {}, [c.document.doc_id for c in fresh])
            return self.write_tables(tables)

    def write_tables(self, tables: dict[str, pa.Table]) -> BatchReport:
        """Append new rows (``rejected`` only those not stored yet), in one transaction;
        the new mentions await the merge stage (``merge.incremental.merge_pending``)."""
        with self.transaction() as con:
            run_over(con, tables["rejected"], _NEW_REJECTIONS)
            for table in (*CODED_TABLES, "dedup_bands"):
                insert_table(con, table, tables[table])
            insert_table(con, "arrivals", arrivals(tables["documents"]["doc_id"].to_pylist()))
        documents = tables["documents"]
        return BatchReport(
            stored=documents.num_rows,
            duplicates=documents.num_rows - documents["duplicate_of"].null_count,
            events=tables["event_mentions"].num_rows,
            rejected=tables["rejected"].num_rows,
        )

    def replace_coding(self, coded: CodedDocument) -> None:
        """Store a document's new dating and coding in place of the old, atomically."""
        doc = coded.document
        with self.transaction() as con:
            con.execute(
                "UPDATE documents SET published = ?, published_source = ?, "
                "published_evidence = ?, meta = ? WHERE doc_id = ?",
                [
                    doc.published,
                    doc.published_source,
                    doc.published_evidence,
                    meta_json(doc.meta),
                    doc.doc_id,
                ],
            )
            _recode(con, coded, PER_DOCUMENT_TABLES)

    def replace_document(self, coded: CodedDocument, signature: list[int] | None) -> None:
        """A revised document (its text changed, its id kept) and its coding in place of
        the stored version, atomically; its arrival time becomes now."""
        doc_id = coded.document.doc_id
        signatures = {doc_id: signature} if signature else {}
        with self.transaction() as con:
            _recode(con, coded, (*PER_DOCUMENT_TABLES, "documents"), signatures)
            con.execute("DELETE FROM arrivals WHERE doc_id = ?", [doc_id])
            insert_table(con, "arrivals", arrivals([doc_id]))

    def band_matches(self, keys: dict[str, list[int]]) -> dict[str, list[tuple[str, list[int]]]]:
        """For each queried id: the stored canonical documents sharing a band key, with
        their signatures."""
        query = pa.table(
            {
                "band": pa.array([k for ks in keys.values() for k in ks], pa.uint64()),
                "query": [doc_id for doc_id, ks in keys.items() for _ in ks],
            }
        )
        matches: dict[str, list[tuple[str, list[int]]]] = {}
        with self.session() as con:
            for query_id, doc_id, sig in run_over(con, query, _BAND_MATCHES):
                matches.setdefault(query_id, []).append((doc_id, sig))
        return matches


_NEW_REJECTIONS = (
    "INSERT INTO rejected (source, reason) SELECT DISTINCT source, reason FROM incoming "
    "WHERE NOT EXISTS (SELECT 1 FROM rejected r "
    "WHERE r.source = incoming.source AND r.reason = incoming.reason)"
)
_BAND_MATCHES = (
    "SELECT DISTINCT i.query, d.doc_id, d.signature FROM incoming i "
    "JOIN dedup_bands b ON b.band = i.band JOIN documents d ON d.doc_id = b.doc_id "
    "ORDER BY i.query, d.doc_id"
)


def _recode(
    con: duckdb.DuckDBPyConnection,
    coded: CodedDocument,
    tables: Sequence[str],
    signatures: dict[str, list[int]] | None = None,
) -> None:
    """Replace a document's rows in ``tables`` by those of ``coded``; the events its old
    mentions belonged to are undone, and all their mentions await the merge stage."""
    doc_id = coded.document.doc_id
    unassign(con, doc_id)
    for table in tables:
        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
    rows = coded_tables([coded], signatures or {})
    for table in tables:
        insert_table(con, table, rows[table])


def arrivals(doc_ids: Sequence[str]) -> pa.Table:
    """``arrivals`` rows stamping ``doc_ids`` with the present time (UTC)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    return to_arrow("arrivals", [{"doc_id": d, "stored_at": now} for d in doc_ids])


def band_table(bands: dict[str, list[int]], doc_ids: Sequence[str]) -> pa.Table:
    """``dedup_bands`` rows of those ``doc_ids`` that have bands."""
    rows = [{"band": key, "doc_id": d} for d in doc_ids for key in bands.get(d, ())]
    return to_arrow("dedup_bands", rows)
