"""Stories read out of the store: their documents, outlets, dates and events."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from tacitus.records import iso_date, stable_id
from tacitus.store import Store, story_queries
from tacitus.stories.linking import DocNode, group_documents


def stories(store: Store, min_documents: int = 1) -> list[dict[str, Any]]:
    """Every story of at least ``min_documents`` documents, the largest first.

    Each story: ``id`` (stable for the same documents), ``title`` (of its first
    original report), ``first``/``last`` publication days, ``outlets``,
    ``documents`` (by publication), ``types`` and ``events`` (most reported first,
    each with how many of the story's documents and which outlets report it).
    """
    documents = story_queries.story_documents(store)
    nodes = {d: DocNode(d, r["published"], r["copy_of"]) for d, r in documents.items()}
    events_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in story_queries.document_events(store):
        events_of[row.pop("doc_id")].append(row)
    groups = group_documents(nodes, story_queries.linking_events(store), story_queries.casts(store))
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
        "first": iso_date(min(days)) if days else None,
        "last": iso_date(max(days)) if days else None,
        "outlets": sorted({d["outlet"] for d in ordered if d["outlet"]}),
        "documents": [d | {"published": iso_date(d["published"])} for d in ordered],
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
                event | {"date": iso_date(event["date"]), "documents": 0, "outlets": set()},
            )
            entry["documents"] += 1
            if doc["outlet"]:
                entry["outlets"].add(doc["outlet"])
    ranked = sorted(
        reported.values(), key=lambda e: (-e["documents"], e["date"] or "9999", e["event_id"])
    )
    return [e | {"outlets": sorted(e["outlets"])} for e in ranked]
