"""``load``: Parquet partitions written on Ray merged into the database.

Partitions are loaded in input order, one transaction each, with the same
stored-id check and duplicate linking as a local ingest, so the database ends
up as a local ingest of the same inputs would leave it.  Documents already
stored are skipped, so an interrupted load can simply be run again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from tacitus.config import Settings
from tacitus.engines.partitions import Partition, complete_partitions, read_partition
from tacitus.merge.incremental import merge_pending
from tacitus.pipeline import Admission, Copies, Deduplicator, IngestReport
from tacitus.records import Rejection
from tacitus.store import BatchReport, Store, band_table
from tacitus.store.rows import POSITION


def load_partitions(
    folder: str | Path,
    store: Store,
    settings: Settings,
    progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Store and merge every complete partition of ``folder``, in input order (what
    ``Pipeline.load`` runs before dating undated reports)."""
    folder = Path(folder)
    gate = Admission(store, Deduplicator(store, settings.clean.dedup_threshold))
    report = IngestReport()
    for name in complete_partitions(folder):
        part = read_partition(folder, name).sorted()
        ids = part.documents.column("doc_id").to_pylist()
        signatures = dict(zip(ids, part.documents.column("signature").to_pylist(), strict=True))
        fresh, copies = gate.admit(ids, signatures)
        written = _write(store, part, fresh, copies, gate.dedup.bands)
        gate.written(fresh)
        rejections = [Rejection(**row) for row in part.rejected.to_pylist()]
        report.read += len(ids) + len(rejections)
        report.skipped += len(ids) - len(fresh)
        report.add_written(written)
        report.add_rejections(rejections)
        if progress:
            progress(report)
    return report


def _write(
    store: Store,
    part: Partition,
    fresh: list[str],
    copies: Copies,
    bands: dict[str, list[int]],
) -> BatchReport:
    """The partition's new documents, their mentions and claims, and its rejections, atomically."""
    documents = _first_of_each(part.documents, fresh)
    positions = documents.column(POSITION).combine_chunks()
    tables = {
        name: table.filter(pc.is_in(table[POSITION], positions))
        for name, table in (
            ("actor_mentions", part.actor_mentions),
            ("event_mentions", part.event_mentions),
            ("claims", part.claims),
        )
    }
    tables["documents"] = _with_copies(documents, copies)
    tables["rejected"] = part.rejected
    tables["dedup_bands"] = band_table(bands, fresh)
    written = store.write_tables(tables)
    merge_pending(store)
    return written


def _first_of_each(documents: pa.Table, fresh: list[str]) -> pa.Table:
    """The first row of each fresh id (a partition may hold one document twice)."""
    first: dict[str, int] = {}
    for index, doc_id in enumerate(documents.column("doc_id").to_pylist()):
        first.setdefault(doc_id, index)
    return documents.take(pa.array([first[doc_id] for doc_id in fresh], type=pa.int64()))


def _with_copies(documents: pa.Table, copies: Copies) -> pa.Table:
    ids = documents.column("doc_id").to_pylist()
    hits = [copies.get(doc_id) for doc_id in ids]
    for name, values in (
        ("duplicate_of", [h[0] if h else None for h in hits]),
        ("similarity", [h[1] if h else None for h in hits]),
    ):
        index = documents.schema.get_field_index(name)
        column = pa.array(values, type=documents.schema.field(name).type)
        documents = documents.set_column(index, name, column)
    return documents
