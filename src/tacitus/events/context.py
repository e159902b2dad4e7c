"""What an event is about: PLOVER 2.0 context tags its sentence supports.

Cues live in ``data/context*.yaml``: lemmas and phrases in the sentence, sectors
of the sentence's actors, and (for formal diplomacy) the event type combined
with actors from several countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError
from spacy.tokens import Span

from tacitus.parse import per_span, span_text, words_in
from tacitus.records import ActorMention

DATA_DIR = Path(__file__).parent / "data"
# The tags PLOVER 2.0 defines, in its own order (output follows it).
PLOVER_CONTEXTS = (
    "military", "intelligence", "executive", "legislative", "election",
    "political_institutions", "pro_democracy", "pro_autocracy", "economic", "legal",
    "reparations", "human_rights", "rights_freedoms", "repression", "human_security",
    "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic", "territory",
    "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource",
    "environment", "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime",
    "corruption", "illegal_drugs", "trafficking",
)  # fmt: skip


class ContextDataError(RuntimeError):
    pass


class ContextEntry(BaseModel):
    lemmas: list[str] = []
    phrases: list[str] = []
    sectors: list[str] = []
    events: list[str] = []
    min_countries: int = Field(2, ge=1)


@dataclass(frozen=True, slots=True)
class ContextRule:
    tag: str
    lemmas: frozenset[str]
    phrases: re.Pattern[str] | None
    sectors: frozenset[str]
    events: frozenset[str]
    min_countries: int


def context_codes(sent: Span, event: str, actors: list[ActorMention]) -> list[str]:
    """Context tags for an event of type ``event`` coded from ``sent``."""
    worded = _worded_tags(sent)
    present = [a for a in actors if sent.start <= a.start and a.end <= sent.end]
    sectors = {a.ref.sector for a in present if a.ref.sector}
    countries = {a.ref.code for a in present if a.ref.code}
    return [
        rule.tag
        for rule in context_rules()
        if rule.tag in worded
        or not rule.sectors.isdisjoint(sectors)
        or (event in rule.events and len(countries) >= rule.min_countries)
    ]


@per_span
def _worded_tags(sent: Span) -> frozenset[str]:
    """The tags whose words or phrases ``sent`` holds, whatever event it states."""
    lemmas = words_in(sent)
    text = span_text(sent).lower()
    return frozenset(
        rule.tag
        for rule in context_rules()
        if not rule.lemmas.isdisjoint(lemmas)
        or (rule.phrases is not None and rule.phrases.search(text))
    )


@lru_cache(maxsize=1)
def context_rules() -> tuple[ContextRule, ...]:
    """The rules from every ``context*.yaml``, one per tag, in PLOVER order."""
    merged = load_context_files(tuple(sorted(DATA_DIR.glob("context*.yaml"))))
    return tuple(_rule(tag, merged[tag]) for tag in PLOVER_CONTEXTS if tag in merged)


def load_context_files(paths: tuple[Path, ...]) -> dict[str, ContextEntry]:
    if not paths:
        raise ContextDataError(f"no context*.yaml file in {DATA_DIR}")
    merged: dict[str, ContextEntry] = {}
    for path in paths:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            entries = {tag: ContextEntry.model_validate(body or {}) for tag, body in raw.items()}
        except (OSError, yaml.YAMLError, ValidationError, AttributeError) as error:
            raise ContextDataError(f"invalid context file {path}: {error}") from error
        for tag, entry in entries.items():
            if tag not in PLOVER_CONTEXTS:
                raise ContextDataError(f"{path}: {tag!r} is not a PLOVER 2.0 context tag")
            if tag in merged:
                old = merged[tag]
                entry = ContextEntry(
                    lemmas=old.lemmas + entry.lemmas,
                    phrases=old.phrases + entry.phrases,
                    sectors=old.sectors + entry.sectors,
                    events=old.events + entry.events,
                    min_countries=entry.min_countries,
                )
            merged[tag] = entry
    return merged


def _rule(tag: str, entry: ContextEntry) -> ContextRule:
    phrases = None
    if entry.phrases:
        alternatives = "|".join(
            re.escape(p.lower()) for p in sorted(entry.phrases, key=len, reverse=True)
        )
        phrases = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return ContextRule(
        tag,
        frozenset(w.lower() for w in entry.lemmas),
        phrases,
        frozenset(entry.sectors),
        frozenset(entry.events),
        entry.min_countries,
    )
