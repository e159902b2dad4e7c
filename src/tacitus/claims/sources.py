"""Who a sentence's figures come from: "health officials said", "according to X"."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from tacitus.records import ActorMention
from tacitus.vocabulary import ATTRIBUTION_VERBS

# A source phrase is cut at this many tokens (appositions can run long).
MAX_SOURCE_TOKENS = 12


@dataclass(frozen=True, slots=True)
class Source:
    text: str
    actor: ActorMention | None  # the resolved actor the phrase names, if any


def source_of(sent: Span, anchor: Token, actors: list[ActorMention]) -> Source | None:
    """The attribution nearest the figure at ``anchor``; None if the sentence gives none."""
    phrases = [p for p in (_according_to(sent), *_speech_subjects(sent, anchor)) if p is not None]
    if not phrases:
        return None
    phrase = phrases[0]
    actor = next((a for a in actors if a.start < phrase.end and phrase.start < a.end), None)
    if phrase.root.pos_ == "PRON":
        return Source(actor.ref.name, actor) if actor else None
    return Source(phrase.text.strip(), actor)


def _according_to(sent: Span) -> Span | None:
    for token in sent:
        if token.lower_ == "according":
            for to in (c for c in token.children if c.lower_ == "to"):
                for obj in (c for c in to.children if c.dep_ == "pobj"):
                    return _phrase(obj)
    return None


def _speech_subjects(sent: Span, anchor: Token) -> list[Span]:
    """Subjects of speech verbs, those governing ``anchor`` first."""
    ancestors = {t.i for t in anchor.ancestors} | {anchor.i}
    found: list[tuple[int, int, Span]] = []
    for token in sent:
        if token.lemma_.lower() not in ATTRIBUTION_VERBS or token.pos_ not in ("VERB", "AUX"):
            continue
        for subject in (c for c in token.children if c.dep_ == "nsubj"):
            found.append(
                (0 if token.i in ancestors else 1, abs(token.i - anchor.i), _phrase(subject))
            )
    return [span for _, _, span in sorted(found, key=lambda item: item[:2])]


def _phrase(head: Token) -> Span:
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for token in doc[head.i + 1 : end]:
        if token.is_punct:
            end = token.i
            break
    start = max(start, end - MAX_SOURCE_TOKENS)
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start:end]
