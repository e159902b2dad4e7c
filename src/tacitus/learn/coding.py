"""Code the annotated articles and file each coded event under its gold sentence.

Articles go through the same stages as ``tacitus ingest`` (clean, parse, actors); parsing
happens once, so several coders (one per cross-validation fold) can code the same parses.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from tacitus.actors import resolve_actors
from tacitus.clean import clean_item
from tacitus.config import Settings
from tacitus.engines.stages import Resources
from tacitus.ingest import from_record
from tacitus.learn.gold import GoldSentence
from tacitus.learn.score import Predicted
from tacitus.parse import parse
from tacitus.records import ActorMention, CleanDocument, EventMention, Rejection

EventCoder = Callable[["Article"], list[EventMention]]


@dataclass(slots=True)
class Article:
    """One annotated article, cleaned, parsed and with its actors resolved."""

    id: str
    outlet: str
    document: CleanDocument | None = None
    rejection: str | None = None
    doc: Doc | None = None
    actors: list[ActorMention] = field(default_factory=list)


def prepare(
    records: Iterable[dict[str, Any]],
    settings: Settings,
    res: Resources,
    transform: Callable[[str], str] | None = None,
) -> list[Article]:
    """Clean, parse and resolve ``records`` (corpus JSON objects); ``transform`` rewrites each
    text first (lower-casing, say) without moving any character."""
    articles, ready = [], []
    for record in records:
        text = record["text"] if transform is None else transform(record["text"])
        article = Article(record["id"], record.get("outlet") or "")
        raw = from_record({**record, "text": text}, record["id"], settings.ingest)
        cleaned = clean_item(raw, settings.clean)
        if isinstance(cleaned, Rejection):
            article.rejection = cleaned.reason
        else:
            article.document = cleaned
            ready.append(article)
        articles.append(article)
    texts = (a.document.text for a in ready if a.document)
    docs = parse(texts, res.nlp, settings.parse.batch_size, res.recase)
    for article, doc in zip(ready, docs, strict=True):
        assert article.document is not None
        article.doc = doc
        article.actors = resolve_actors(doc, article.document, res.kb)
    return articles


def predicted(mention: EventMention) -> Predicted:
    return Predicted(
        type=mention.event,
        mode=mention.mode,
        modality=mention.modality,
        actor=mention.actor.code if mention.actor else None,
        recipient=mention.recipient.code if mention.recipient else None,
        date=_scored_date(mention),
    )


def _scored_date(mention: EventMention) -> str | None:
    if mention.date is None:
        return None
    size = {"year": 4, "month": 7}.get(mention.date_precision or "day", 10)
    return mention.date.isoformat()[:size]


def file_under_sentences(
    gold: list[GoldSentence], articles: list[Article], coder: EventCoder
) -> dict[str, list[Predicted]]:
    """Coded events per gold sentence id: each event goes to the gold sentence its own
    sentence overlaps most (sentence splits of the annotation and the parser may differ)."""
    by_doc: dict[str, list[GoldSentence]] = {}
    for sentence in gold:
        by_doc.setdefault(sentence.doc, []).append(sentence)
    found: dict[str, list[Predicted]] = {}
    for article in articles:
        sentences = sorted(by_doc.get(article.id, []), key=lambda s: s.start)
        if article.doc is None or not sentences:
            continue
        for mention in coder(article):
            sid = _best_sentence(sentences, mention.raw_start, mention.raw_end)
            if sid is not None:
                found.setdefault(sid, []).append(predicted(mention))
    return found


def _best_sentence(sentences: list[GoldSentence], start: int, end: int) -> str | None:
    starts = [s.start for s in sentences]
    best, overlap = None, 0
    for sentence in sentences[max(0, bisect_right(starts, start) - 1) :]:
        if sentence.start >= end:
            break
        shared = min(end, sentence.end) - max(start, sentence.start)
        if shared > overlap:
            best, overlap = sentence.sid, shared
    return best
