"""The stages on Ray Data: chunks of input files become Parquet partitions.

Each Ray actor loads spaCy and the knowledge base once, then cleans and codes
whole chunks of files, writing one partition per chunk; ``load`` merges the
partitions into the database in input order.  Without an address a local Ray
instance is started on this machine only (no dashboard).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.config import Settings
from tacitus.engines.partitions import write_partition
from tacitus.engines.stages import Worker
from tacitus.ingest import read_inputs
from tacitus.ingest.paths import STDIN, expand

# Input files per chunk (one Ray task, one Parquet partition).
FILES_PER_CHUNK = 64


@dataclass(slots=True)
class RayReport:
    chunks: int = 0
    read: int = 0
    documents: int = 0
    rejected: int = 0


class ChunkCoder:
    """A Ray Data callable class: one per actor, so spaCy loads once per actor."""

    def __init__(self, settings_json: str, out: str) -> None:
        self.worker = Worker(Settings.model_validate_json(settings_json))
        self.worker.resources  # noqa: B018 - load spaCy once, when the actor starts
        self.out = Path(out)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[int]]:
        counts: dict[str, list[int]] = {"read": [], "documents": [], "rejected": []}
        for chunk, paths in zip(batch["chunk"], batch["paths"], strict=True):
            raws = list(read_inputs([str(p) for p in paths], self.worker.settings.ingest))
            cleaned = self.worker.clean(raws)
            coded = self.worker.code(cleaned.documents)
            write_partition(self.out, int(chunk), cleaned, coded)
            counts["read"].append(cleaned.read)
            counts["documents"].append(len(cleaned.documents))
            counts["rejected"].append(len(cleaned.rejected))
        return counts


def input_chunks(paths: Sequence[str | Path], files_per_chunk: int) -> list[dict[str, Any]]:
    files = []
    for path in expand(paths):
        if path == STDIN:
            raise ValueError("the Ray engine reads files and folders, not standard input")
        files.append(str(path))
    return [
        {"chunk": n, "paths": files[start : start + files_per_chunk]}
        for n, start in enumerate(range(0, len(files), files_per_chunk))
    ]


def run_on_ray(
    paths: Sequence[str | Path],
    settings: Settings,
    out: str | Path,
    workers: int,
    address: str | None = None,
    files_per_chunk: int = FILES_PER_CHUNK,
) -> RayReport:
    """Clean and code ``paths`` on Ray with ``workers`` actors; partitions go under ``out``."""
    try:
        import ray
    except ImportError as error:
        raise RuntimeError("the Ray engine needs Ray: pip install 'tacitus[ray]'") from error
    chunks = input_chunks(paths, files_per_chunk)
    report = RayReport(chunks=len(chunks))
    if not chunks:
        return report
    started = not ray.is_initialized()
    if started:
        _start_ray(ray, address, workers)
    try:
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        ray.data.DataContext.get_current().enable_progress_bars = False
        dataset = ray.data.from_items(chunks, override_num_blocks=len(chunks)).map_batches(
            ChunkCoder,
            fn_constructor_kwargs={
                "settings_json": settings.model_dump_json(),
                "out": str(Path(out).resolve()),
            },
            batch_size=1,
            concurrency=min(workers, len(chunks)),
            num_cpus=1,
        )
        for row in dataset.iter_rows():
            report.read += row["read"]
            report.documents += row["documents"]
            report.rejected += row["rejected"]
    finally:
        if started:
            ray.shutdown()
    return report


def _start_ray(ray: Any, address: str | None, workers: int) -> None:
    if address:
        ray.init(address=address, logging_level=logging.WARNING)
    else:
        ray.init(
            num_cpus=workers,
            _node_ip_address="127.0.0.1",  # this machine only: nothing listens outside
            include_dashboard=False,
            logging_level=logging.WARNING,
            log_to_driver=False,
        )
