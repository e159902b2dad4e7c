"""Validated shapes of the actor knowledge base and the actor word lists."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tacitus.actors.sectors import sector_words

ActorKind = Literal["person", "organization", "state", "igo", "media"]


def _check_sector(value: str | None) -> str | None:
    if value is not None and value[:3] not in sector_words():
        raise ValueError(f"unknown PLOVER sector {value!r}")
    return value


class Office(BaseModel):
    """A post an actor held; ``end`` None means still held."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    start: date | None = None
    end: date | None = None

    _sector = field_validator("sector")(_check_sector)

    def active_on(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


class Actor(BaseModel):
    """One knowledge-base actor: a person, organisation, state, IGO or outlet."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    sectors: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    # Family names a later mention may use alone; None derives them from the names.
    surnames: list[str] | None = None
    offices: list[Office] = Field(default_factory=list)
    parent: str | None = None
    wikidata: str | None = Field(None, pattern=r"^Q\d+$")
    # States only: adjectives and nouns of nationality ("Iranian"), and names that
    # stand for the government (capitals, "the Islamic Republic").
    demonyms: list[str] = Field(default_factory=list)
    metonyms: list[str] = Field(default_factory=list)

    _sector = field_validator("sector")(_check_sector)

    @field_validator("sectors")
    @classmethod
    def _check_sectors(cls, value: list[str]) -> list[str]:
        for sector in value:
            _check_sector(sector)
        return value

    @field_validator("country")
    @classmethod
    def _check_country(cls, value: str | None) -> str | None:
        if value is not None and not (len(value) == 3 and value.isupper()):
            raise ValueError(f"country must be an ISO alpha-3 or PLOVER code, got {value!r}")
        return value

    def office_on(self, when: date | None) -> Office | None:
        """The latest office held on ``when`` (or the latest one when undated)."""
        offices = [o for o in self.offices if when is None or o.active_on(when)]
        if when is None:
            offices = [o for o in offices if o.end is None] or offices
        return max(offices, key=lambda o: o.start or date.min, default=None)


class ActorFile(BaseModel):
    """A knowledge-base YAML file: a list of actors under ``actors``."""

    model_config = ConfigDict(extra="forbid")

    actors: list[Actor]


class StateOverride(BaseModel):
    """Corrections and additions to the states generated from ISO 3166."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    capitals: list[str] = Field(default_factory=list)
    metonyms: list[str] = Field(default_factory=list)
    wikidata: str | None = None


class StatesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Keyed by ISO alpha-3; a code ISO lacks (PLOVER's KOS) needs a ``name``.
    states: dict[str, StateOverride]
    # Territory code -> controlling state code.
    dependencies: dict[str, str] = Field(default_factory=dict)


class SectorNoun(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sector: str
    # "the government" may stand for the document's main country.
    definite: bool = False

    _sector = field_validator("sector")(_check_sector)


class Title(BaseModel):
    """An office title: its sector, whether it is a military rank, its synonyms."""

    model_config = ConfigDict(extra="forbid")

    sector: str | None = None
    aliases: list[str] = Field(default_factory=list)
    rank: bool = False
    # Titles a holder also answers to: a secretary-general is the group's leader.
    broader: list[str] = Field(default_factory=list)

    _sector = field_validator("sector")(_check_sector)


class AgentsFile(BaseModel):
    """Agent nouns derived from the PETRARCH dictionary; see ``data/agents.yaml``."""

    model_config = ConfigDict(extra="forbid")

    sector_nouns: dict[str, SectorNoun]


class LexiconFile(BaseModel):
    """Word lists the resolver reads; see ``data/lexicon.yaml``."""

    model_config = ConfigDict(extra="forbid")

    sector_nouns: dict[str, SectorNoun]
    titles: dict[str, Title]
    honorifics: list[str]
    place_words: list[str]
    region_words: list[str]
    place_nouns: list[str]
    location_prepositions: list[str]
    motion_verbs: list[str]
    reporting_verbs: list[str]
    media_nouns: list[str]
    group_nouns: list[str]
    pronouns: list[str]
