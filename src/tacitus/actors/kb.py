"""The actor knowledge base: YAML files loaded, validated and indexed for matching."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from tacitus.actors.lexicon import Lexicon, load_lexicon
from tacitus.actors.loading import KnowledgeBaseError, read_yaml
from tacitus.actors.models import Actor, ActorFile, Office
from tacitus.actors.normalize import light, name_key, surname, word_key
from tacitus.actors.states import load_states

DATA_DIR = Path(__file__).parent / "data"
ACTOR_FILES = ("igos.yaml", "organizations.yaml", "people.yaml", "leaders.yaml", "media.yaml")
# Acronyms this short must match in capitals ("UN", not "un").
ACRONYM_MAX_LETTERS = 6
# Fuzzy candidates are blocked on this many leading letters of the light form.
FUZZY_BLOCK_LETTERS = 2

AliasRole = Literal["name", "surname", "demonym", "metonym"]


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One way of naming an actor, as the matcher indexes it."""

    actor_id: str
    surface: str
    light: str
    key: str
    role: AliasRole
    acronym: bool


def _is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "")
    return letters.isupper() and letters.isalpha() and len(letters) <= ACRONYM_MAX_LETTERS


class KnowledgeBase:
    """Actors by id, with alias, key and office indexes for the resolver."""

    def __init__(self, actors: Iterable[Actor], lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            self.actors[actor.id] = actor
        self._check_links()
        self._check_names()
        self.by_light: dict[str, list[AliasEntry]] = {}
        self.by_key: dict[str, list[AliasEntry]] = {}
        self.fuzzy_blocks: dict[str, list[AliasEntry]] = {}
        self.first_keys: set[str] = set()
        # First words of names written in lower case ("occupying regime").
        self.lowercase_starts: set[str] = set()
        # The transliteration keys of every word of every name.
        self.word_keys: set[str] = set()
        self.max_words = 1
        self.offices: dict[str, list[tuple[str, Office]]] = {}
        for actor in self.actors.values():
            self._index_actor(actor)

    @classmethod
    def load(cls, extra_paths: Sequence[Path] = ()) -> KnowledgeBase:
        """The packaged knowledge base plus ``extra_paths`` (later ids replace earlier)."""
        return _load(tuple(Path(p) for p in extra_paths))

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def ancestors(self, actor_id: str) -> list[str]:
        """Parent, grandparent, ... of an actor (cycles are rejected at load)."""
        chain: list[str] = []
        actor = self.actors.get(actor_id)
        while actor is not None and actor.parent:
            chain.append(actor.parent)
            actor = self.actors.get(actor.parent)
        return chain

    def affiliations(self, actor_id: str) -> list[str]:
        """What an actor is part of, so reports naming it at different levels can merge.

        Its parent chain, the organizations of its offices (and their chains),
        and for each of those the generic actor of its country and sector
        (``IRN.GOV``) and the country itself.  Generic ids (``IRQ.COP``) belong
        to their country.
        """
        found: list[str] = []
        if actor_id not in self.actors and "." in actor_id:
            return [actor_id.split(".", 1)[0]]
        members = [actor_id, *self.ancestors(actor_id)]
        actor = self.actors.get(actor_id)
        for office in actor.offices if actor else ():
            if office.org and office.org not in members:
                members += [office.org, *self.ancestors(office.org)]
        for member_id in members:
            member = self.actors.get(member_id)
            if member is None:
                continue
            found.append(member_id)
            if member.country and member.sector:
                found.append(f"{member.country}.{member.sector}")
            if member.country:
                found.append(member.country)
        return [a for a in dict.fromkeys(found) if a != actor_id]

    def state(self, code: str) -> Actor | None:
        actor = self.actors.get(code)
        return actor if actor is not None and actor.kind == "state" else None

    def spellings(self) -> tuple[str, ...]:
        """Every name, alias, demonym, metonym and surname, as written (truecasing reads
        them to restore capitals)."""
        # The index keeps one spelling per actor and form ("US" for "U.S." too): read the
        # actors for every spelling, the index for the derived surnames.
        found = [entry.surface for entries in self.by_light.values() for entry in entries]
        for actor in self.actors.values():
            found += [actor.name, *actor.aliases, *actor.demonyms, *actor.metonyms]
        return tuple(dict.fromkeys(found))

    def lookup(self, text: str) -> list[AliasEntry]:
        """Entries whose light form equals the text's."""
        return self.by_light.get(light(text), [])

    def lookup_key(self, key: str) -> list[AliasEntry]:
        return self.by_key.get(key, [])

    def fuzzy_candidates(self, light_text: str) -> list[AliasEntry]:
        return self.fuzzy_blocks.get(light_text[:FUZZY_BLOCK_LETTERS], [])

    def office_holders(self, title_key: str, when: date | None) -> list[tuple[Actor, Office]]:
        """People holding an office with this canonical title on ``when``."""
        holders = []
        for actor_id, office in self.offices.get(title_key, []):
            if when is None or office.active_on(when):
                holders.append((self.actors[actor_id], office))
        return holders

    def office_country(self, actor: Actor, office: Office | None) -> str | None:
        """The code an office gives its holder: its country, its org's, or the actor's."""
        if office is not None:
            if office.country:
                return office.country
            org = self.actors.get(office.org) if office.org else None
            if org is not None and org.country:
                return org.country
        return actor.country

    def _check_links(self) -> None:
        for actor in self.actors.values():
            seen = {actor.id}
            parent = actor.parent
            while parent:
                if parent not in self.actors:
                    raise KnowledgeBaseError(f"actor {actor.id!r}: unknown parent {parent!r}")
                if parent in seen:
                    raise KnowledgeBaseError(f"actor {actor.id!r}: parent chain loops")
                seen.add(parent)
                parent = self.actors[parent].parent
            for office in actor.offices:
                if office.org and office.org not in self.actors:
                    raise KnowledgeBaseError(
                        f"actor {actor.id!r}: unknown office org {office.org!r}"
                    )

    def _check_names(self) -> None:
        """A name or alias names one actor: shared surnames are resolved by date and
        context, but "Bush" written as an alias of two presidents would be a coin toss."""
        owner: dict[str, str] = {}
        for actor in self.actors.values():
            for surface in dict.fromkeys([actor.name, *actor.aliases]):
                other = owner.setdefault(light(surface), actor.id)
                if other != actor.id:
                    raise KnowledgeBaseError(
                        f"actor {actor.id!r}: name {surface!r} already names {other!r}"
                    )

    def _index_actor(self, actor: Actor) -> None:
        for surface in dict.fromkeys([actor.name, *actor.aliases]):
            self._add(actor.id, surface, "name")
        for surface in actor.demonyms:
            self._add(actor.id, surface, "demonym")
        for surface in actor.metonyms:
            self._add(actor.id, surface, "metonym")
        if actor.kind == "person":
            for family in self._surnames(actor):
                self._add(actor.id, family, "surname")
            for office in actor.offices:
                for title_key in self.lexicon.title_keys_in(office.title):
                    self.offices.setdefault(title_key, []).append((actor.id, office))

    def _surnames(self, actor: Actor) -> list[str]:
        if actor.surnames is not None:
            return actor.surnames
        derived = (surname(full) for full in [actor.name, *actor.aliases])
        return [s for s in dict.fromkeys(derived) if s and s not in self.lexicon.title_words]

    def _add(self, actor_id: str, surface: str, role: AliasRole) -> None:
        light_form = light(surface)
        if not light_form:
            return
        entry = AliasEntry(
            actor_id, surface, light_form, name_key(surface), role, _is_acronym(surface)
        )
        for index, text in ((self.by_light, light_form), (self.by_key, entry.key)):
            bucket = index.setdefault(text, [])
            if not any(e.actor_id == actor_id and e.role == role for e in bucket):
                bucket.append(entry)
        words = light_form.split()
        self.first_keys.add(word_key(words[0]))
        self.word_keys.update(word_key(word) for word in words)
        if surface[:1].islower():
            self.lowercase_starts.add(words[0])
        self.max_words = max(self.max_words, len(words))
        if role == "name" and not entry.acronym:
            self.fuzzy_blocks.setdefault(light_form[:FUZZY_BLOCK_LETTERS], []).append(entry)


def _read_actor_files(paths: Iterable[Path]) -> list[Actor]:
    actors: list[Actor] = []
    for path in paths:
        seen: set[str] = set()
        for actor in read_yaml(path, ActorFile).actors:
            if actor.id in seen:
                raise KnowledgeBaseError(f"{path}: entry {actor.id!r}: id used twice")
            seen.add(actor.id)
            actors.append(actor)
    return actors


@lru_cache(maxsize=8)
def _load(extra_paths: tuple[Path, ...]) -> KnowledgeBase:
    packaged = [DATA_DIR / name for name in ACTOR_FILES]
    actors = [*load_states(), *_read_actor_files([*packaged, *extra_paths])]
    return KnowledgeBase(actors, load_lexicon())
