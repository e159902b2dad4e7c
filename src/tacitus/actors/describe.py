"""A knowledge-base actor as a plain dict, for the ``tacitus actors`` command."""

from __future__ import annotations

from typing import Any

from tacitus.actors.kb import KnowledgeBase


def describe_actor(kb: KnowledgeBase, actor_id: str) -> dict[str, Any]:
    """Names, codes, offices and parent chain of one actor; KeyError if unknown."""
    actor = kb.get(actor_id)
    if actor is None:
        raise KeyError(f"no actor with id {actor_id!r}")
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "sector": actor.sector,
        "sectors": list(actor.sectors),
        "aliases": list(actor.aliases),
        "demonyms": list(actor.demonyms),
        "metonyms": list(actor.metonyms),
        "offices": [o.model_dump(mode="json") for o in actor.offices],
        "parents": [
            {"id": parent, "name": kb.actors[parent].name} for parent in kb.ancestors(actor.id)
        ],
        "wikidata": actor.wikidata,
    }
