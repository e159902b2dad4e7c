"""Names a reader can tell apart: "Iran (government)", not three nodes called "Iran"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from tacitus.actors.drafts import generic_id
from tacitus.actors.kb import KnowledgeBase
from tacitus.actors.sectors import sector_word


def actor_label(kb: KnowledgeBase, actor_id: str, name: str | None, code: str | None,
                sector: str | None) -> str:  # fmt: skip
    """A known actor by its own name; an unnamed group by its country and sector."""
    if actor_id in kb.actors:
        return kb.actors[actor_id].name
    state = kb.state(code) if code else None
    country = state.name if state else code
    if country and actor_id == generic_id(code, sector):
        return f"{country} ({sector_word(sector)})" if sector else country
    return name or actor_id


def distinct_labels(kb: KnowledgeBase, nodes: Iterable[dict[str, Any]]) -> dict[str, str]:
    """``{id: label}``; labels two actors would share get their id added."""
    labels = {
        n["id"]: actor_label(kb, n["id"], n.get("name"), n.get("code"), n.get("sector"))
        for n in nodes
    }
    counts = Counter(labels.values())
    return {i: label if counts[label] == 1 else f"{label} [{i}]" for i, label in labels.items()}
