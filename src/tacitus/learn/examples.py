"""Training examples: the coder's own candidates on annotated sentences, labelled by the gold.

A candidate word takes the type of the gold event whose trigger it is (or, for a light verb
and its event noun, whose trigger is its head or object); other candidates are ``NONE``.  For
each candidate that is a gold event, every actor mention the role decision would weigh is
labelled actor, recipient or neither by the gold spans, and the event is labelled background
or not.  Features come from ``tacitus.events.features``, as when coding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from tacitus.events import dates
from tacitus.events.cameo import CameoLexicon
from tacitus.events.candidates import Candidate, find_candidates
from tacitus.events.coder import (
    ACTOR,
    RECIPIENT,
    proposed_roles,
    role_candidates,
)
from tacitus.events.decisions import NONE
from tacitus.events.dyads import ActorIndex, actor_key
from tacitus.events.features import (
    Features,
    background_features,
    role_features,
    trigger_features,
)
from tacitus.events.lexicon import Lexicon
from tacitus.events.places import DocumentPlaces
from tacitus.events.reading import Context, home_country
from tacitus.events.triggers import pattern_hits
from tacitus.learn.coding import Article
from tacitus.learn.gold import GoldEvent, GoldSentence
from tacitus.parse import sentences
from tacitus.records import ActorMention, CleanDocument

Span2 = tuple[int, int]


@dataclass(slots=True)
class Example:
    features: Features
    label: str
    doc: str
    outlet: str
    # A candidate that is not a gold trigger but proposes a type its sentence's gold has:
    # often a second word for the same event ("attacked and killed"), not a counterexample.
    ambiguous: bool = False


@dataclass(slots=True)
class Examples:
    type: list[Example] = field(default_factory=list)
    role: list[Example] = field(default_factory=list)
    background: list[Example] = field(default_factory=list)
    # Weakly labelled type examples from outside the gold (synthetic stories).
    weak: list[Example] = field(default_factory=list)
    # Gold events no candidate stands for: what the candidates cannot reach.
    unreached: list[tuple[str, str]] = field(default_factory=list)
    gold_events: int = 0

    def extend(self, other: Examples) -> None:
        self.type += other.type
        self.role += other.role
        self.background += other.background
        self.weak += other.weak
        self.unreached += other.unreached
        self.gold_events += other.gold_events


def build_examples(
    articles: Iterable[Article], gold: list[GoldSentence], lexicon: Lexicon
) -> Examples:
    by_doc: dict[str, list[GoldSentence]] = {}
    for sentence in gold:
        by_doc.setdefault(sentence.doc, []).append(sentence)
    out = Examples()
    for article in articles:
        if article.doc is not None and article.id in by_doc:
            out.extend(_article_examples(article, by_doc[article.id], lexicon))
    return out


def _raw(document: CleanDocument, start: int, end: int) -> Span2:
    return document.offsets.raw_span(start, end)


def _token_raw(document: CleanDocument, token: Token) -> Span2:
    return _raw(document, token.idx, token.idx + len(token))


def _overlaps(a: Span2, b: Span2 | tuple[int, ...] | None) -> bool:
    return b is not None and a[0] < b[1] and b[0] < a[1]


def _article_examples(article: Article, gold: list[GoldSentence], lexicon: Lexicon) -> Examples:
    assert article.doc is not None and article.document is not None
    document, doc = article.document, article.doc
    cameo = CameoLexicon.load()
    index = ActorIndex(article.actors)
    hits = pattern_hits(doc, lexicon)
    out = Examples()
    matched: set[int] = set()
    events = {id(e): (s, e) for s in gold for e in s.events}
    out.gold_events = sum(len(s.scored_events) for s in gold)
    home = home_country(article.actors)
    where = DocumentPlaces(doc, article.actors)
    for sent in sentences(doc):
        sent_raw = _raw(document, sent.start_char, sent.end_char)
        here = [s for s in gold if _overlaps(sent_raw, (s.start, s.end))]
        if not here:
            continue
        ctx = Context(lexicon, index, where.locator(sent), home)
        candidates = find_candidates(sent, lexicon, cameo, hits, index)
        labels = _align(candidates, here, document, matched)
        present = {e.type for s in here for e in s.events}
        for candidate in candidates:
            label = labels.get(candidate.token.i)
            features = trigger_features(candidate, sent, ctx)
            kind = label[1].type if label else NONE
            ambiguous = label is None and bool(candidate.proposed & present)
            out.type.append(Example(features, kind, article.id, article.outlet, ambiguous))
            if label is not None:
                _event_examples(out, candidate, label[1], sent, ctx, article)
    for key, (sentence, event) in events.items():
        if key not in matched and event.scored:
            out.unreached.append((sentence.sid, event.type))
    return out


def _align(
    candidates: list[Candidate],
    gold: list[GoldSentence],
    document: CleanDocument,
    matched: set[int],
) -> dict[int, tuple[GoldSentence, GoldEvent]]:
    """Candidate token -> the gold event it stands for."""
    labels: dict[int, tuple[GoldSentence, GoldEvent]] = {}
    raw = {c.token.i: _token_raw(document, c.token) for c in candidates}
    pending = []
    for sentence in gold:
        for event in sentence.events:
            hit = next(
                (
                    c
                    for c in candidates
                    if c.token.i not in labels and _overlaps(raw[c.token.i], event.trigger)
                ),
                None,
            )
            if hit is None:
                pending.append((sentence, event))
                continue
            labels[hit.token.i] = (sentence, event)
            matched.add(id(event))
    for sentence, event in pending:
        # "held talks": the gold names the noun, the candidate may be the verb, or back.
        for candidate in candidates:
            near = [candidate.token.head, *candidate.token.children]
            if candidate.token.i not in labels and any(
                _overlaps(_token_raw(document, t), event.trigger) for t in near
            ):
                labels[candidate.token.i] = (sentence, event)
                matched.add(id(event))
                break
    return labels


def _event_examples(
    out: Examples,
    candidate: Candidate,
    event: GoldEvent,
    sent: Span,
    ctx: Context,
    article: Article,
) -> None:
    assert article.document is not None
    document = article.document
    reading = candidate.read(event.type, ctx)
    proposals = proposed_roles(reading)
    for mention in role_candidates(reading, sent, ctx.index):
        label = _role(mention, event, sent.doc, document)
        proposed = proposals.get(actor_key(mention))
        features = role_features(candidate.token, event.type, mention, proposed)
        out.role.append(Example(features, label, article.id, article.outlet))
    when = dates.event_date(sent, candidate.token, document.published, grammar=ctx.lexicon.grammar)
    features = background_features(candidate.token, sent, event.type, document.published, when)
    label = "true" if event.background else "false"
    out.background.append(Example(features, label, article.id, article.outlet))


def _role(mention: ActorMention, event: GoldEvent, doc: Doc, document: CleanDocument) -> str:
    if mention.start == mention.end:
        # A place or the actor's own state: right when its code is the gold side's and the
        # gold names that side nowhere in the sentence.
        for side, entities in ((RECIPIENT, event.recipient), (ACTOR, event.actor)):
            if any(e.code == mention.ref.code for e in entities):
                return side
        return NONE
    span = doc[mention.start : mention.end]
    raw = _raw(document, span.start_char, span.end_char)
    for side, entities in ((ACTOR, event.actor), (RECIPIENT, event.recipient)):
        if any(_overlaps(raw, entity.span) for entity in entities):
            return side
    return NONE
