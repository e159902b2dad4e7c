"""Finding actors by what a user types: an id, a name, or any spelling the news used.

The CLI, the API and the pages all ask here, so "Qaani", "Ghaani" and "esmail-qaani"
find the same actor everywhere.  Matching folds case, accents, apostrophes and hyphens.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tacitus.actors import KnowledgeBase
from tacitus.actors.labels import actor_label
from tacitus.actors.normalize import light
from tacitus.store import Store
from tacitus.store.queries import actor_table

SUGGESTIONS = 5
# Below this WRatio a "did you mean" would be a guess.
SUGGESTION_SCORE = 75

# Sides of events whose actor has no mention of its own in the actor table.
_SIDES_ONLY = """
    SELECT side_id AS actor_id, any_value(side->>'name') AS name,
           any_value(side->>'code') AS code, any_value(side->>'sector') AS sector
    FROM (SELECT actor_id AS side_id, actor AS side FROM events
          UNION ALL SELECT recipient_id, recipient FROM events)
    WHERE side_id IS NOT NULL
      AND side_id NOT IN (SELECT actor_id FROM actor_mentions WHERE actor_id IS NOT NULL)
    GROUP BY side_id ORDER BY side_id
"""


class ActorNotFound(LookupError):
    """A name that names no actor, or several where one is needed; says which to try."""


@dataclass(frozen=True)
class ActorMatch:
    """The actors a text names (most often one), or the nearest names when none."""

    text: str
    ids: tuple[str, ...]
    labels: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()

    def problem(self) -> str:
        """Why this match is not one actor, with what to ask for instead."""
        if self.ids:
            named = ", ".join(
                f"{label} [{i}]" for label, i in zip(self.labels, self.ids, strict=True)
            )
            return f"{self.text!r} names {len(self.ids)} actors: {named}; ask by id"
        hint = f"; did you mean: {', '.join(self.suggestions)}" if self.suggestions else ""
        return f"no such actor {self.text!r}{hint}"

    def one(self) -> str:
        """The single actor named, or ``ActorNotFound``."""
        if len(self.ids) != 1:
            raise ActorNotFound(self.problem())
        return self.ids[0]


@dataclass(frozen=True)
class ActorNames:
    """Every way the database knows to name each actor, folded for matching."""

    by_id: dict[str, str]
    by_name: dict[str, set[str]]
    labels: dict[str, str]

    @classmethod
    def read(cls, store: Store) -> ActorNames:
        """The actor table's labels and spellings (what ``tacitus actors`` lists), and the
        ids of event sides that have no mention of their own."""
        kb = KnowledgeBase.load()
        sides = [
            r | {"label": actor_label(kb, r["actor_id"], r["name"], r["code"], r["sector"])}
            for r in store.query(_SIDES_ONLY)
        ]
        rows = [*actor_table(store), *sides]
        by_name: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            for text in _names(row):
                by_name[light(text)].add(row["actor_id"])
        labels = {r["actor_id"]: r["label"] for r in rows}
        return cls({i.lower(): i for i in labels}, dict(by_name), labels)

    def find(self, text: str) -> ActorMatch:
        """An id names its actor alone; a name or spelling every actor it was used for."""
        exact = self.by_id.get(text.strip().lower())
        ids = sorted([exact] if exact else self.by_name.get(light(text), ()))
        if ids:
            return ActorMatch(text, tuple(ids), tuple(self.labels[i] for i in ids))
        return ActorMatch(text, (), suggestions=self._nearest(text))

    def _nearest(self, text: str) -> tuple[str, ...]:
        found = process.extract(light(text), list(self.by_name), scorer=fuzz.WRatio,
                                limit=SUGGESTIONS * 3, score_cutoff=SUGGESTION_SCORE)  # fmt: skip
        names = (self.labels[i] for key, _, _ in found for i in sorted(self.by_name[key]))
        return tuple(dict.fromkeys(names))[:SUGGESTIONS]


def _names(row: dict) -> list[str]:
    names = [row["label"], row["name"] or "", *row.get("surface_forms", ())]
    if row.get("kind") == "person":
        # A person is looked up by surname as often as by full name.
        names += [name.split()[-1] for name in names if len(name.split()) > 1]
    return [n for n in names if n]


def find_actor(store: Store, text: str) -> ActorMatch:
    """The actors ``text`` names in this database; see ``ActorNames.find``."""
    return ActorNames.read(store).find(text)
