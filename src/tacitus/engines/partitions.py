"""Parquet partitions: one file per table per chunk of inputs.

``FOLDER/<table>/part-<chunk>.parquet``; a chunk's documents file is written
last, so a partition counts as complete once its documents file exists.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tacitus.engines.stages import CleanBatch
from tacitus.records import CodedDocument
from tacitus.store.rows import POSITION, coded_tables, to_arrow

# Tables with a position column, in the order written (documents last).
POSITIONED = ("actor_mentions", "event_mentions", "claims", "documents")


def partition_name(chunk: int) -> str:
    return f"part-{chunk:08d}.parquet"


def write_partition(
    folder: Path, chunk: int, cleaned: CleanBatch, coded: list[CodedDocument]
) -> None:
    rejected = [{"source": r.source, "reason": r.reason} for r in cleaned.rejected]
    _write(folder, "rejected", chunk, to_arrow("rejected", rejected))
    tables = coded_tables(coded, cleaned.signatures, positioned=True)
    for table in POSITIONED:
        _write(folder, table, chunk, tables[table])


def _write(folder: Path, table: str, chunk: int, data: pa.Table) -> None:
    target = folder / table / partition_name(chunk)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    pq.write_table(data, partial)
    os.replace(partial, target)  # a retried task never leaves half a file behind


@dataclass(slots=True)
class Partition:
    documents: pa.Table
    actor_mentions: pa.Table
    event_mentions: pa.Table
    claims: pa.Table
    rejected: pa.Table

    def sorted(self) -> Partition:
        """Documents in input order (Parquet keeps row order, but do not rely on it)."""
        return Partition(
            self.documents.sort_by(POSITION),
            self.actor_mentions,
            self.event_mentions,
            self.claims,
            self.rejected,
        )


def complete_partitions(folder: Path) -> list[str]:
    """Names of complete partitions, in input order."""
    names = sorted(p.name for p in (folder / "documents").glob("part-*.parquet"))
    if not names:
        raise FileNotFoundError(f"no Parquet partitions under {folder / 'documents'}")
    return names


def read_partition(folder: Path, name: str) -> Partition:
    tables = {t: pq.read_table(folder / t / name) for t in (*POSITIONED, "rejected")}
    return Partition(**tables)
