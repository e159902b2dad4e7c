"""The per-document stages an engine runs: clean a batch, code a batch.

Both are pure functions of their input and the ``Worker`` state (settings and
resources loaded once per process), so any engine can run them anywhere.
"""

from __future__ import annotations

import gc
import logging
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from tacitus.actors import KnowledgeBase, resolve_actors
from tacitus.claims import extract_claims
from tacitus.clean import clean_item
from tacitus.clean.dedup import signature
from tacitus.clean.truecase import CaseTable, case_table, truecase
from tacitus.config import Settings
from tacitus.events import Lexicon, code_events
from tacitus.parse import forget, load_nlp, parse, sentences, shown_text, tokens
from tacitus.records import (
    ActorMention,
    ActorSpan,
    CleanDocument,
    CodedDocument,
    RawDocument,
    Rejection,
)

log = logging.getLogger(__name__)
# The ``meta`` key of a document whose coding failed: why, so it can be coded again.
CODING_ERROR = "coding_error"


@dataclass(slots=True)
class Resources:
    """What coding needs, loaded once per process."""

    nlp: Language
    kb: KnowledgeBase
    lexicon: Lexicon
    case_table: CaseTable

    @classmethod
    def load(cls, settings: Settings) -> Resources:
        kb = KnowledgeBase.load(settings.actors.kb_paths)
        return cls(
            nlp=load_nlp(settings.parse.model),
            kb=kb,
            lexicon=Lexicon.load(settings.events.lexicon_paths),
            case_table=case_table(kb.spellings()),
        )

    def recase(self, text: str) -> str:
        """``text`` as the parser should read it: truecased if lower-case or ALL CAPS."""
        return truecase(text, self.case_table)


def actor_spans(sentences: Sequence[Span], mentions: Sequence[ActorMention]) -> list[ActorSpan]:
    """Character spans of ``mentions`` with their sentences (``sentences``: all, in order)."""
    starts = [sentence.start for sentence in sentences]
    spans = []
    for mention in mentions:
        sentence = sentences[bisect_right(starts, mention.start) - 1]
        span = sentence.doc[mention.start : mention.end]
        spans.append(ActorSpan(span.start_char, span.end_char, shown_text(sentence)))
    return spans


def code_or_keep(doc: Doc, document: CleanDocument, res: Resources) -> CodedDocument:
    """The document coded; if coding fails, the document uncoded, with the failure in its
    ``meta`` and the log: one document's bug must not cost the rest of its batch."""
    try:
        return code_parsed(doc, document, res)
    except Exception as exc:  # any bug in any coding stage, for this document alone
        log.warning("coding %s failed: %s: %s", document.source, type(exc).__name__, exc)
        document.meta[CODING_ERROR] = f"{type(exc).__name__}: {exc}"
        forget(doc)
        return CodedDocument(document=document, actors=[], events=[])


def code_parsed(doc: Doc, document: CleanDocument, res: Resources) -> CodedDocument:
    actors = resolve_actors(doc, document, res.kb)
    events = code_events(doc, document, actors, res.lexicon)
    sents = sentences(doc)
    coded = CodedDocument(
        document=document,
        actors=actors,
        events=events,
        actor_spans=actor_spans(sents, actors),
        sentences=len(sents),
        words=sum(1 for t in tokens(doc) if not (t.is_punct or t.is_space)),
        claims=extract_claims(doc, document, actors),
    )
    forget(doc)
    return coded


def code_documents(
    documents: Sequence[CleanDocument],
    res: Resources,
    batch_size: int = 32,
    seconds: Counter[str] | None = None,
) -> list[CodedDocument]:
    """Parse and code ``documents``; ``seconds`` gains the time spent in each of the two."""
    began = time.perf_counter()
    coded, coding = [], 0.0
    parsed = parse((d.text for d in documents), res.nlp, batch_size, res.recase)
    for doc, document in zip(parsed, documents, strict=True):
        start = time.perf_counter()
        coded.append(code_or_keep(doc, document, res))
        coding += time.perf_counter() - start
    if seconds is not None:
        seconds["parse"] += time.perf_counter() - began - coding
        seconds["code"] += coding
    return coded


@dataclass(slots=True)
class CleanBatch:
    """One batch of inputs after cleaning: documents in input order, with signatures."""

    read: int
    documents: list[CleanDocument] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    signatures: dict[str, list[int]] = field(default_factory=dict)


class Worker:
    """Per-process state: settings, the resources loaded on first use, and the
    seconds spent in each stage (what a benchmark reads to split a run's time)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._resources: Resources | None = None
        self.seconds: Counter[str] = Counter()

    @property
    def resources(self) -> Resources:
        if self._resources is None:
            self._resources = Resources.load(self.settings)
            # Models, knowledge base and lexicons live as long as the process: moved out of
            # the collector's reach, their millions of objects are not scanned again on each
            # full collection while documents are coded.
            gc.freeze()
        return self._resources

    def clean(self, batch: Sequence[RawDocument | Rejection]) -> CleanBatch:
        began = time.perf_counter()
        out = CleanBatch(read=len(batch))
        for raw in batch:
            result = clean_item(raw, self.settings.clean)
            if isinstance(result, Rejection):
                out.rejected.append(result)
            else:
                out.documents.append(result)
                out.signatures[result.doc_id] = signature(result.text)
        self.seconds["clean"] += time.perf_counter() - began
        return out

    def code(self, documents: Sequence[CleanDocument]) -> list[CodedDocument]:
        res = self.resources
        return code_documents(documents, res, self.settings.parse.batch_size, self.seconds)
