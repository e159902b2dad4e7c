"""Typed records passed between the pipeline stages.

The flow is one way: ``RawDocument`` (ingest) -> ``CleanDocument`` (clean) ->
spaCy ``Doc`` (parse) -> ``ActorMention`` (actors) -> ``EventMention`` (events)
-> ``Event`` (merge).  Every character offset stored on a record refers to the
cleaned text unless its name starts with ``raw_``; ``OffsetMap`` converts.
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from tacitus.vocabulary import SYMMETRIC_TYPES

Modality = Literal["asserted", "negated", "hypothetical", "future"]
DateSource = Literal["text", "publication", "inferred"]
DatePrecision = Literal["day", "month", "year"]


def iso_date(value: date | None) -> str | None:
    """A date as JSON carries it (``2024-03-03``), or None."""
    return value.isoformat() if value else None


def side_key(side: dict[str, Any] | None) -> str:
    """A side of an event as its block knows it: its country code, else its id."""
    if not side:
        return "-"
    return str(side.get("code") or side.get("id") or "-")


def block_key(event: str, modality: str, actor: dict | None, recipient: dict | None) -> str:
    """Which mentions may report one event: same modality, type and sides' countries
    (either way round for symmetric types).  Merging compares mentions within a block."""
    sides = [side_key(actor), side_key(recipient)]
    if event in SYMMETRIC_TYPES:
        sides.sort()
    return "|".join([modality, event, *sides])


def stable_id(*parts: str, length: int = 16) -> str:
    """A short, deterministic id from text parts (never Python's salted hash)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(slots=True)
class RawDocument:
    """One input document as read, before any cleaning.

    ``raw`` is the decoded source text: plain text for ``fmt == "text"``, the
    HTML markup for ``fmt == "html"``.  ``meta`` holds the input's own fields
    (``id``, ``url``, ``outlet``, ``title``, ``published`` and any unknown ones).
    """

    source: str
    raw: str
    fmt: Literal["text", "html"]
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Rejection:
    """An input that could not be stored, with a one-line reason."""

    source: str
    reason: str


class OffsetMap:
    """Maps every character of a cleaned text to its offset in the raw text.

    ``raw_offsets[i]`` is the raw offset of cleaned character ``i``; one extra
    entry at the end maps the end of the cleaned text.
    """

    __slots__ = ("raw_offsets",)

    def __init__(self, raw_offsets: array) -> None:
        self.raw_offsets = raw_offsets

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(array("l", range(length + 1)))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering cleaned ``[start, end)``."""
        if end <= start:
            at = self.raw_offsets[start]
            return at, at
        return self.raw_offsets[start], self.raw_offsets[end - 1] + 1

    def __len__(self) -> int:
        return len(self.raw_offsets) - 1


@dataclass(slots=True, frozen=True)
class Boilerplate:
    """A block removed from the text, in raw offsets, and why."""

    raw_start: int
    raw_end: int
    text: str
    reason: str


@dataclass(slots=True)
class CleanDocument:
    """A cleaned, dated, English document ready to parse."""

    doc_id: str
    source: str
    raw: str
    text: str
    offsets: OffsetMap
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    published_source: Literal["metadata", "text", "inferred"] | None = None
    published_evidence: str | None = None
    language: str = "en"
    boilerplate: list[Boilerplate] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    duplicate_of: str | None = None
    similarity: float | None = None


@dataclass(slots=True, frozen=True)
class ActorRef:
    """An actor as it appears on an event: the layout's ``actor``/``recipient``."""

    id: str | None
    name: str
    entity_text: str
    code: str | None
    sector: str | None
    office: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "entity_text": self.entity_text,
            "code": self.code,
            "sector": self.sector,
            "office": self.office,
        }


def ref_key(ref: ActorRef | None) -> str:
    """Who an actor reference names: its id, or its code and name when it has none."""
    if ref is None:
        return ""
    return ref.id or f"{ref.code}:{ref.name}"


@dataclass(slots=True, frozen=True)
class ActorMention:
    """A resolved actor at a token span of a parsed document.

    ``start``/``end`` are spaCy token indices (end exclusive); ``head`` is the
    token index of the phrase's syntactic head.  ``method`` says how it was
    resolved: alias, key, fuzzy, context, coref, metonym, discovered, generic.
    ``role`` is ``actor`` normally and ``reporter`` for news agencies, which
    the coder puts in ``attributed_to`` rather than on the event.  ``place_like``
    marks a country or capital used as a place rather than as an actor.
    """

    start: int
    end: int
    head: int
    ref: ActorRef
    method: str
    kind: str = "organization"
    role: Literal["actor", "reporter"] = "actor"
    discovered: bool = False
    # A state named as a place ("in Qatar", "visited Tehran"): the coder may still make it
    # a recipient, but it is not acting.
    place_like: bool = False
    # An unnamed group given the story's country because nothing in its own words ("Iraqi
    # police", "police in Lagos") says whose it is: where the act happens may say better.
    story_country: bool = False


@dataclass(slots=True, frozen=True)
class Location:
    extracted_place: str
    resolved_place: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    resolution: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "extracted_place": self.extracted_place,
            "resolved_place": self.resolved_place,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "resolution": self.resolution,
        }


@dataclass(slots=True, frozen=True)
class Size:
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None

    def as_dict(self) -> dict[str, int | None]:
        return {"dead": self.dead, "injured": self.injured, "arrested": self.arrested}


@dataclass(slots=True)
class EventMention:
    """One event as coded from one sentence of one document.

    ``start``/``end`` are offsets of the sentence in the cleaned text;
    ``raw_start``/``raw_end`` the same sentence in the raw text.
    """

    doc_id: str
    sentence_index: int
    event: str
    mode: str | None
    quad_code: int
    cameo: str
    modality: Modality
    actor: ActorRef | None
    recipient: ActorRef | None
    event_text: str
    sentence: str
    start: int
    end: int
    raw_start: int
    raw_end: int
    date: date | None = None
    date_source: DateSource = "publication"
    date_precision: DatePrecision | None = None
    date_evidence: str | None = None
    context: list[str] = field(default_factory=list)
    event_loc: Location | None = None
    size: Size | None = None
    attributed_to: str | None = None

    @property
    def mention_id(self) -> str:
        """Who did what to whom in which sentence: the coder keeps one mention per id, so ids
        are unique within a document by construction (and documents by their own id)."""
        return stable_id(
            self.doc_id,
            str(self.sentence_index),
            self.event,
            self.mode or "",
            ref_key(self.actor),
            ref_key(self.recipient),
            self.modality,
        )


@dataclass(slots=True, frozen=True)
class ActorSpan:
    """Where an actor mention sits in the cleaned text, and its sentence."""

    start: int
    end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure one document states, with what, where, when and on whose word.

    ``start``/``end`` are offsets of the figure ("at least 153 people") in the
    cleaned text.  ``part_of`` is the ``claim_id`` of the total a sub-count
    belongs to ("including 42 children").  ``place_inferred`` says the place came
    from the source's country because the sentence names none.
    """

    claim_id: str
    doc_id: str
    kind: str
    value: int
    qualifier: str | None
    whom: str | None
    part_of: str | None
    place: Location | None
    place_inferred: bool
    as_of: date | None
    as_of_precision: DatePrecision | None
    said_by: str | None
    said_by_actor: str | None
    sentence: str
    start: int
    end: int
    vague: bool = False
    unit: str | None = None


@dataclass(slots=True)
class CodedDocument:
    """Everything the per-document stages produced for one document.

    ``actor_spans`` runs parallel to ``actors`` (token spans made character spans).
    """

    document: CleanDocument
    actors: list[ActorMention]
    events: list[EventMention]
    actor_spans: list[ActorSpan] = field(default_factory=list)
    sentences: int = 0
    words: int = 0
    claims: list[Claim] = field(default_factory=list)
