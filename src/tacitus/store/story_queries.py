"""What stories, claims and story dates read: documents, their casts, events and claims."""

from __future__ import annotations

from typing import Any

from tacitus.store import Store

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
_CLAIMS_SQL = """
SELECT c.claim_id, c.doc_id, c.kind, c.unit, c.value, c.qualifier, c.vague, c.of_whom,
       c.part_of, c.place, c.place_inferred, c.as_of, c.as_of_precision, c.said_by,
       c.said_by_actor, c.sentence, c.start, c."end", c.raw_start, c.raw_end, c.key,
       d.outlet, d.published, d.title, d.source, d.url, d.duplicate_of AS copy_of
FROM claims c JOIN documents d USING (doc_id)
{where}
ORDER BY c.key, d.published NULLS LAST, d.outlet NULLS LAST, c.doc_id, c.start
"""
# Dated, canonical documents that report an event with the same two sides; the
# document flag (a ``meta`` key) marks dates inferred this way, never borrowed again.
_RELATED_SQL = """
SELECT DISTINCT d.doc_id, d.published, d.outlet
FROM event_mentions a
JOIN event_mentions b ON a.block = b.block AND b.doc_id <> a.doc_id
     AND ((a.actor_id = b.actor_id AND a.recipient_id = b.recipient_id)
          OR (a.actor_id = b.recipient_id AND a.recipient_id = b.actor_id))
JOIN documents d ON d.doc_id = b.doc_id
WHERE a.doc_id = ? AND a.recipient_id IS NOT NULL AND d.published IS NOT NULL
  AND d.duplicate_of IS NULL
  AND coalesce(json_extract(d.meta, ?)::BOOLEAN, false) = false
ORDER BY d.doc_id
"""


def story_documents(store: Store) -> dict[str, dict[str, Any]]:
    """Every document by id: id, title, outlet, published, source, url, copy_of."""
    return {r["doc_id"]: r for r in store.query(_DOCUMENTS_SQL)}


def linking_events(store: Store) -> dict[str, list[str]]:
    """Per event with both sides reported by two documents or more: its documents, sorted."""
    return {r["event_id"]: r["docs"] for r in store.query(_EVENT_DOCS_SQL)}


def casts(store: Store) -> dict[str, frozenset[str]]:
    """Per document: the specific actors acting in it (no state, generic or metonym)."""
    return {r["doc_id"]: frozenset(r["actors"]) for r in store.query(_CASTS_SQL)}


def document_events(store: Store) -> list[dict[str, Any]]:
    """One row per document and event it reports: doc_id, event_id, event, mode,
    modality, date and both sides' names."""
    return store.query(_EVENTS_SQL)


def claim_rows(store: Store, kind: str | None = None) -> list[dict[str, Any]]:
    """Claims (of one ``kind``, if given) with their document's outlet, day, title, source,
    url and copy_of; by key, then publication day, outlet, document and offset."""
    where, params = ("WHERE c.kind = ?", [kind]) if kind else ("", [])
    return store.query(_CLAIMS_SQL.format(where=where), params)


def undated_originals(store: Store) -> list[str]:
    """Ids of the documents with no publication day that copy no other, sorted."""
    rows = store.query(
        "SELECT doc_id FROM documents WHERE published IS NULL AND duplicate_of IS NULL "
        "ORDER BY doc_id"
    )
    return [r["doc_id"] for r in rows]


def dated_relatives(store: Store, doc_id: str, flag: str) -> list[dict[str, Any]]:
    """``doc_id``, ``published`` and ``outlet`` of the dated, canonical documents that report
    an event with the same two sides as one of ``doc_id``'s, leaving out those whose ``meta``
    sets ``flag``; by id."""
    return store.query(_RELATED_SQL, [doc_id, f"$.{flag}"])
