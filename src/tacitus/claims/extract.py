"""Numeric claims from a parsed document, one per stated figure."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span

from tacitus.claims.sources import Source, source_of
from tacitus.events.dates import event_date
from tacitus.events.places import country_location, locate
from tacitus.events.size import Count, counts
from tacitus.parse import sentences
from tacitus.records import ActorMention, Claim, CleanDocument, DatePrecision, Location, stable_id


def extract_claims(doc: Doc, document: CleanDocument, actors: list[ActorMention]) -> list[Claim]:
    """Every numeric claim in ``doc`` (parsed from ``document.text``), in text order."""
    claims: list[Claim] = []
    for sent in sentences(doc):
        in_sentence: list[Claim] = []
        for count in counts(sent):
            parent = in_sentence[count.part_of] if count.part_of is not None else None
            in_sentence.append(_claim(sent, count, parent, document, actors))
        claims.extend(in_sentence)
    return claims


def _claim(
    sent: Span,
    count: Count,
    parent: Claim | None,
    document: CleanDocument,
    actors: list[ActorMention],
) -> Claim:
    doc = sent.doc
    start = doc[count.start].idx
    end = doc[count.end - 1].idx + len(doc[count.end - 1])
    claim_id = stable_id(document.doc_id, "claim", str(start), str(end), count.kind)
    anchor = doc[count.anchor]
    source = source_of(sent, anchor, actors)
    if parent is not None:
        place, inferred = parent.place, parent.place_inferred
        as_of, precision = parent.as_of, parent.as_of_precision
    else:
        place, inferred = _place(sent, count, actors, document, source)
        as_of, precision = _as_of(sent, count, document.published)
    return Claim(
        claim_id=claim_id,
        doc_id=document.doc_id,
        kind=count.kind,
        value=count.value,
        qualifier=count.qualifier,
        whom=count.whom,
        part_of=parent.claim_id if parent else None,
        place=place,
        place_inferred=inferred,
        as_of=as_of,
        as_of_precision=precision,
        said_by=source.text if source else None,
        said_by_actor=source.actor.ref.id if source and source.actor else None,
        sentence=sent.text,
        start=start,
        end=end,
        vague=count.vague,
        unit=count.unit,
    )


def _place(
    sent: Span,
    count: Count,
    actors: list[ActorMention],
    document: CleanDocument,
    source: Source | None,
) -> tuple[Location | None, bool]:
    found = locate(sent, sent.doc[count.anchor], actors)
    if found is not None:
        return found, False
    actor = source.actor if source else None
    if actor is not None and actor.ref.code and len(actor.ref.code) == 3:
        fallback = country_location(actor.ref.code, actor.ref.entity_text)
        return fallback, fallback is not None
    return None, False


def _as_of(
    sent: Span, count: Count, published: date | None
) -> tuple[date | None, DatePrecision | None]:
    found = event_date(sent, sent.doc[count.anchor], published)
    # "killed 10 people since Monday": Monday starts the tally; the figure stands at publication.
    if found.evidence and found.evidence.lower().startswith("since"):
        return published, "day" if published else None
    return found.date, found.precision
