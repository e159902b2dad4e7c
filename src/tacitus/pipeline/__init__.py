"""The pipeline: documents flow in batches from the readers, through an engine, to the store.

Reading, the stored-id check, duplicate linking, writing and merging happen here, in
order, in this process; cleaning and coding run on the engine (this process,
or a pool of workers) and come back in input order, so the database is the
same whatever the number of workers.
"""

from __future__ import annotations

import os
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TypeVar

from tacitus.clean.dedup import DuplicateIndex, best_match
from tacitus.config import Settings
from tacitus.engines.local import Engine, open_engine
from tacitus.engines.stages import CleanBatch, Resources, code_documents, code_parsed
from tacitus.ingest import read_inputs
from tacitus.ingest.read import Item
from tacitus.merge.incremental import merge_pending
from tacitus.records import CleanDocument, CodedDocument, RawDocument, Rejection
from tacitus.store import BatchReport, Store
from tacitus.story_dates import infer_story_dates

__all__ = [
    "BATCH_SIZE",
    "Admission",
    "Deduplicator",
    "IngestReport",
    "Pipeline",
    "Resources",
    "batched",
    "code_documents",
    "code_parsed",
    "ingest",
    "run_stages",
]

# Documents per batch: one transaction each, and the unit of resumption.  Each
# batch pays a fixed cost (opening the database, re-merging, the checkpoint on
# closing): at 64 documents that was about half of the writer's time.  A crash
# loses at most one batch, under 10 seconds of one worker's work.
BATCH_SIZE = 128
# Overrides BATCH_SIZE: smaller batches lose less work to a crash and let readers in sooner.
BATCH_SIZE_VARIABLE = "TACITUS_BATCH_SIZE"
# A report keeps this many rejections as examples and only counts the rest,
# so its memory does not grow with the corpus.
REJECTION_EXAMPLES = 50
# The kind of a rejection: its reason up to the first detail (number, colon, bracket).
_REASON_KIND = re.compile(r"[^:(\d]*")

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def batch_size() -> int:
    """Documents per batch: ``BATCH_SIZE``, or the ``TACITUS_BATCH_SIZE`` environment variable."""
    value = os.environ.get(BATCH_SIZE_VARIABLE, "").strip()
    if not value:
        return BATCH_SIZE
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{BATCH_SIZE_VARIABLE} must be a whole number above 0, not {value!r}")
    return int(value)


def reason_kind(reason: str) -> str:
    match = _REASON_KIND.match(reason)
    return (match.group().strip() if match else "") or reason


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    stored: int = 0
    skipped: int = 0
    copies: int = 0
    events: int = 0
    dated_from_story: int = 0
    # The first ``REJECTION_EXAMPLES`` rejections; all of them are in the database.
    rejected: list[Rejection] = field(default_factory=list)
    rejected_total: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    def add_rejections(self, rejections: Sequence[Rejection]) -> None:
        self.rejected_total += len(rejections)
        self.reasons.update(reason_kind(r.reason) for r in rejections)
        room = REJECTION_EXAMPLES - len(self.rejected)
        self.rejected.extend(rejections[: max(room, 0)])

    def add_written(self, written: BatchReport) -> None:
        self.stored += written.stored
        self.copies += written.duplicates
        self.events += written.events


Copies = dict[str, tuple[str, float]]


class Deduplicator:
    """Links each new document to an earlier one it copies, if any.

    Stored documents are found through their LSH bands in the database, and
    documents admitted but not yet written in a small in-memory index, so
    memory holds the engine's window, not the corpus.
    """

    def __init__(self, store: Store, threshold: float) -> None:
        self.store = store
        self.threshold = threshold
        self.pending = DuplicateIndex(threshold)
        # Band keys of the pending canonical documents, written with them.
        self.bands: dict[str, list[int]] = {}

    def link(self, doc_ids: Sequence[str], signatures: dict[str, list[int]]) -> Copies:
        """For each copy among ``doc_ids``: the document it copies, and how closely."""
        keys = {doc_id: self.pending.layout.keys(signatures[doc_id]) for doc_id in doc_ids}
        stored = self.store.band_matches(keys)
        copies = {}
        for doc_id in doc_ids:
            signature = signatures[doc_id]
            candidates = [*stored.get(doc_id, ()), *self.pending.candidates(signature)]
            hit = best_match(signature, candidates, self.threshold)
            if hit is None:
                self.pending.add(doc_id, signature)
                self.bands[doc_id] = keys[doc_id]
            else:
                copies[doc_id] = hit
        return copies

    def written(self, doc_ids: Iterable[str]) -> None:
        for doc_id in doc_ids:
            self.pending.remove(doc_id)
            self.bands.pop(doc_id, None)


class Admission:
    """Decides which cleaned documents are new, in input order, and links copies.

    A document is new unless stored already or earlier in this run.  Batches
    admitted but not yet written are remembered until written, so the set
    stays as small as the engine's window.
    """

    def __init__(self, store: Store, dedup: Deduplicator) -> None:
        self.store = store
        self.dedup = dedup
        self.in_flight: set[str] = set()

    def admit(
        self, doc_ids: Sequence[str], signatures: dict[str, list[int]]
    ) -> tuple[list[str], Copies]:
        """The new ids among ``doc_ids`` (each once, in order) and the copies among them."""
        with self.store.session():  # one opening of the database for both lookups
            known = self.store.known_ids(doc_ids) | self.in_flight
            fresh: list[str] = []
            for doc_id in doc_ids:
                if doc_id not in known:
                    known.add(doc_id)
                    fresh.append(doc_id)
            self.in_flight.update(fresh)
            return fresh, self.dedup.link(fresh, signatures)

    def written(self, doc_ids: Sequence[str]) -> None:
        self.in_flight.difference_update(doc_ids)
        self.dedup.written(doc_ids)


def fresh_documents(
    documents: Sequence[CleanDocument], fresh: Sequence[str], copies: Copies
) -> list[CleanDocument]:
    first: dict[str, CleanDocument] = {}
    for doc in documents:
        first.setdefault(doc.doc_id, doc)
    for doc_id, (original, similarity) in copies.items():
        first[doc_id].duplicate_of, first[doc_id].similarity = original, similarity
    return [first[doc_id] for doc_id in fresh]


def run_stages(
    engine: Engine,
    items: Iterable[Item],
    store: Store,
    settings: Settings,
    progress: Callable[[IngestReport], None] | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Clean, code and store ``items`` (documents as read) on ``engine``, one transaction
    per batch; ``report``, if given, is kept up to date batch by batch (it tells an
    interrupted run what was saved)."""
    report = report if report is not None else IngestReport()
    gate = Admission(store, Deduplicator(store, settings.clean.dedup_threshold))
    admitted: deque[tuple[CleanBatch, list[CleanDocument]]] = deque()

    def fresh_batches() -> Iterator[list[CleanDocument]]:
        for cleaned in engine.clean(batched(items, batch_size())):
            ids, copies = gate.admit([d.doc_id for d in cleaned.documents], cleaned.signatures)
            fresh = fresh_documents(cleaned.documents, ids, copies)
            admitted.append((cleaned, fresh))
            yield fresh

    for coded in engine.code(fresh_batches()):
        cleaned, fresh = admitted.popleft()
        written = store.write_batch(coded, cleaned.rejected, cleaned.signatures, gate.dedup.bands)
        merge_pending(store)
        gate.written([d.doc_id for d in fresh])
        report.read += cleaned.read
        report.skipped += len(cleaned.documents) - len(fresh)
        report.add_written(written)
        report.add_rejections(cleaned.rejected)
        if progress:
            progress(report)
    return report


class Pipeline:
    """Cleaning, admission, coding, merging and writing into one store, from one
    ``Settings``; the engine it opens only decides where the stages run.

    Used as a context manager, so worker processes (and spaCy) start once however
    many times documents are fed in, as the watcher does every cycle.  Without a store
    it only codes (``tacitus code``).
    """

    def __init__(self, store: Store | None, settings: Settings, workers: int = 1) -> None:
        self._store = store
        self.settings = settings
        self.workers = workers
        self._engines: ExitStack | None = None
        self._engine: Engine | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("this pipeline codes only: it was given no store")
        return self._store

    def __enter__(self) -> Pipeline:
        self._engines = ExitStack()
        self._engine = self._engines.enter_context(open_engine(self.settings, self.workers))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._engines is not None:
            self._engines.close()
        self._engines = self._engine = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("use the pipeline inside a with block")
        return self._engine

    def ingest(
        self,
        items: Iterable[Item],
        progress: Callable[[IngestReport], None] | None = None,
        report: IngestReport | None = None,
    ) -> IngestReport:
        """Store ``items``, then date undated reports from their stories; documents stored
        already are skipped."""
        report = self.store_items(items, progress, report)
        report.dated_from_story += self.date_stories()
        return report

    def store_items(
        self,
        items: Iterable[Item],
        progress: Callable[[IngestReport], None] | None = None,
        report: IngestReport | None = None,
    ) -> IngestReport:
        """Clean, code, store and merge ``items``, batch by batch, without story dating
        (a caller feeding many small lots dates once after the last, ``date_stories``)."""
        return run_stages(self.engine, items, self.store, self.settings, progress, report)

    def date_stories(self) -> int:
        """Date the undated reports that now share events with dated ones; how many."""
        return infer_story_dates(self.store, self.code)

    def load(
        self, folder: str | Path, progress: Callable[[IngestReport], None] | None = None
    ) -> IngestReport:
        """Store the Parquet partitions ``ingest --engine ray`` wrote; partitions whose
        documents are stored already are skipped, so an interrupted load can run again."""
        # Imported here: the loader builds on this module's admission classes.
        from tacitus.pipeline.load import load_partitions

        report = load_partitions(folder, self.store, self.settings, progress)
        # As after a local ingest; spaCy is loaded only if a document must be coded again.
        report.dated_from_story = self.date_stories()
        return report

    def code(self, document: CleanDocument) -> CodedDocument:
        return next(self.engine.code([[document]]))[0]

    def revise(self, item: RawDocument, doc_id: str) -> Rejection | None:
        """Store a new version of the stored document ``doc_id`` in its place, keeping
        its id (so its unchanged sentences keep their mention and event ids); the
        reason instead when the new version cannot be stored."""
        cleaned = next(self.engine.clean([[item]]))
        if not cleaned.documents:
            return cleaned.rejected[0]
        document = cleaned.documents[0]
        signature = cleaned.signatures.get(document.doc_id)
        document.doc_id = doc_id
        self.store.replace_document(self.code(document), signature)
        merge_pending(self.store)
        return None


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    settings: Settings,
    progress: Callable[[IngestReport], None] | None = None,
    workers: int = 1,
    report: IngestReport | None = None,
) -> IngestReport:
    """Read, clean, code and store ``paths``; documents already stored are skipped."""
    with Pipeline(store, settings, workers) as pipeline:
        return pipeline.ingest(read_inputs(paths, settings.ingest), progress, report)
