"""The pipeline: documents flow in batches from the readers to the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from tacitus.actors import KnowledgeBase, resolve_actors
from tacitus.claims import extract_claims
from tacitus.clean import clean_document
from tacitus.clean.dedup import DuplicateIndex
from tacitus.config import Settings
from tacitus.events import Lexicon, code_events
from tacitus.ingest import read_inputs
from tacitus.parse import load_nlp
from tacitus.records import (
    ActorMention,
    ActorSpan,
    CleanDocument,
    CodedDocument,
    RawDocument,
    Rejection,
)
from tacitus.store import Store
from tacitus.story_dates import infer_story_dates

# Documents per batch: one transaction each, and the unit of resumption.
BATCH_SIZE = 64

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass(slots=True)
class Resources:
    """What coding needs, loaded once per process."""

    nlp: Language
    kb: KnowledgeBase
    lexicon: Lexicon

    @classmethod
    def load(cls, settings: Settings) -> Resources:
        return cls(
            nlp=load_nlp(settings.parse.model),
            kb=KnowledgeBase.load(settings.actors.kb_paths),
            lexicon=Lexicon.load(settings.events.lexicon_paths),
        )


def actor_span(doc: Doc, mention: ActorMention) -> ActorSpan:
    span = doc[mention.start : mention.end]
    return ActorSpan(span.start_char, span.end_char, span.sent.text)


def code_parsed(doc: Doc, document: CleanDocument, res: Resources) -> CodedDocument:
    actors = resolve_actors(doc, document, res.kb)
    events = code_events(doc, document, actors, res.lexicon)
    return CodedDocument(
        document=document,
        actors=actors,
        events=events,
        actor_spans=[actor_span(doc, m) for m in actors],
        sentences=sum(1 for _ in doc.sents),
        words=sum(1 for t in doc if not (t.is_punct or t.is_space)),
        claims=extract_claims(doc, document, actors),
    )


def code_documents(
    documents: Sequence[CleanDocument], res: Resources, batch_size: int = 32
) -> list[CodedDocument]:
    texts = (d.text for d in documents)
    parsed = res.nlp.pipe(texts, batch_size=batch_size)
    return [
        code_parsed(doc, document, res) for doc, document in zip(parsed, documents, strict=True)
    ]


def clean_all(
    raws: Iterable[RawDocument | Rejection], settings: Settings
) -> tuple[list[CleanDocument], list[Rejection]]:
    cleaned: list[CleanDocument] = []
    rejected: list[Rejection] = []
    for raw in raws:
        result = raw if isinstance(raw, Rejection) else clean_document(raw, settings.clean)
        (rejected if isinstance(result, Rejection) else cleaned).append(result)
    return cleaned, rejected


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    stored: int = 0
    skipped: int = 0
    copies: int = 0
    events: int = 0
    dated_from_story: int = 0
    rejected: list[Rejection] = field(default_factory=list)


class Deduplicator:
    """Links each new document to an earlier one it copies, if any."""

    def __init__(self, store: Store, threshold: float) -> None:
        self.index = DuplicateIndex(threshold)
        for doc_id, signature in store.signatures():
            self.index.add(doc_id, list(signature))

    def link(self, documents: Sequence[CleanDocument]) -> dict[str, list[int]]:
        signatures = {}
        for doc in documents:
            signature = self.index.signature(doc.text)
            signatures[doc.doc_id] = signature
            hit = self.index.find(signature)
            if hit is None:
                self.index.add(doc.doc_id, signature)
            else:
                doc.duplicate_of, doc.similarity = hit
        return signatures


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    settings: Settings,
    progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Read, clean, code and store ``paths``; documents already stored are skipped."""
    res = Resources.load(settings)
    dedup = Deduplicator(store, settings.clean.dedup_threshold)
    report = IngestReport()
    for batch in batched(read_inputs(paths, settings.ingest), BATCH_SIZE):
        cleaned, rejected = clean_all(batch, settings)
        report.read += len(batch)
        known = store.known_ids(d.doc_id for d in cleaned)
        fresh = _unique([d for d in cleaned if d.doc_id not in known])
        report.skipped += len(cleaned) - len(fresh)
        signatures = dedup.link(fresh)
        coded = code_documents(fresh, res, settings.parse.batch_size)
        written = store.write_batch(coded, rejected, signatures, res.kb.ancestors)
        report.stored += written.stored
        report.copies += written.duplicates
        report.events += written.events
        report.rejected.extend(rejected)
        if progress:
            progress(report)
    report.dated_from_story = infer_story_dates(
        store, lambda doc: code_documents([doc], res)[0], res.kb.ancestors
    )
    return report


def _unique(documents: list[CleanDocument]) -> list[CleanDocument]:
    seen: set[str] = set()
    unique = []
    for doc in documents:
        if doc.doc_id not in seen:
            seen.add(doc.doc_id)
            unique.append(doc)
    return unique
