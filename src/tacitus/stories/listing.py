"""Stories read out of the store: their documents, outlets, dates and events."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from tacitus.records import stable_id
from tacitus.store import Store
from tacitus.stories.linking import DocNode, group_documents

# An actor id ever resolved as a whole country, or by a generic phrase ("officials",
# "Israel" standing for its government), names a side, not a specific cast member.
_CASTS_SQL = """
SELECT doc_id, list_sort(list_distinct(list(actor_id))) AS actors
FROM actor_mentions
WHERE role = 'actor' AND actor_id IS NOT NULL AND actor_id NOT IN (
    SELECT DISTINCT actor_id FROM actor_mentions
    WHERE actor_id IS NOT NULL AND (kind = 'state' OR method IN ('generic', 'metonym'))
)
GROUP BY doc_id
"""
# Only events with both sides link stories: "Iran voiced support" with no one named
# merges across unrelated articles and says nothing about which story they tell.
_EVENT_DOCS_SQL = """
SELECT m.event_id, list_sort(list_distinct(list(m.doc_id))) AS docs
FROM event_mentions m JOIN events e USING (event_id)
WHERE e.actor_id IS NOT NULL AND e.recipient_id IS NOT NULL
GROUP BY m.event_id HAVING count(DISTINCT m.doc_id) > 1
"""
_DOCUMENTS_SQL = """
SELECT doc_id, title, outlet, published, source, url, duplicate_of AS copy_of FROM documents
"""
_EVENTS_SQL = """
SELECT DISTINCT m.doc_id, e.event_id, e.event, e.mode, e.modality, e.date,
       e.actor->>'name' AS actor, e.recipient->>'name' AS recipient
FROM event_mentions m JOIN events e USING (event_id)
"""


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def stories(store: Store, min_documents: int = 1) -> list[dict[str, Any]]:
    """Every story of at least ``min_documents`` documents, the largest first.

    Each story: ``id`` (stable for the same documents), ``title`` (of its first
    original report), ``first``/``last`` publication days, ``outlets``,
    ``documents`` (by publication), ``types`` and ``events`` (most reported first,
    each with how many of the story's documents and which outlets report it).
    """
    documents = {r["doc_id"]: r for r in store.query(_DOCUMENTS_SQL)}
    nodes = {d: DocNode(d, r["published"], r["copy_of"]) for d, r in documents.items()}
    event_docs = {r["event_id"]: r["docs"] for r in store.query(_EVENT_DOCS_SQL)}
    casts = {r["doc_id"]: frozenset(r["actors"]) for r in store.query(_CASTS_SQL)}
    events_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.query(_EVENTS_SQL):
        events_of[row.pop("doc_id")].append(row)
    groups = group_documents(nodes, event_docs, casts)
    found = [
        _story([documents[d] for d in group], events_of)
        for group in groups
        if len(group) >= min_documents
    ]
    return sorted(found, key=lambda s: (-len(s["documents"]), s["first"] or "9999", s["id"]))


def _story(
    documents: list[dict[str, Any]], events_of: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    ordered = sorted(documents, key=lambda d: (d["published"] or date.max, d["doc_id"]))
    days = [d["published"] for d in ordered if d["published"]]
    originals = [d for d in ordered if not d["copy_of"]] or ordered
    return {
        "id": stable_id("story", *sorted(d["doc_id"] for d in ordered)),
        "title": next((d["title"] for d in originals if d["title"]), None),
        "first": _iso(min(days)) if days else None,
        "last": _iso(max(days)) if days else None,
        "outlets": sorted({d["outlet"] for d in ordered if d["outlet"]}),
        "documents": [d | {"published": _iso(d["published"])} for d in ordered],
        "types": sorted({e["event"] for d in ordered for e in events_of[d["doc_id"]]}),
        "events": _events(ordered, events_of),
    }


def _events(
    documents: list[dict[str, Any]], events_of: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    reported: dict[str, dict[str, Any]] = {}
    for doc in documents:
        for event in events_of[doc["doc_id"]]:
            entry = reported.setdefault(
                event["event_id"],
                event | {"date": _iso(event["date"]), "documents": 0, "outlets": set()},
            )
            entry["documents"] += 1
            if doc["outlet"]:
                entry["outlets"].add(doc["outlet"])
    ranked = sorted(
        reported.values(), key=lambda e: (-e["documents"], e["date"] or "9999", e["event_id"])
    )
    return [e | {"outlets": sorted(e["outlets"])} for e in ranked]
