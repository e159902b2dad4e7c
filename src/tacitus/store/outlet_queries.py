"""Outlets in the store: what the outlet list and an outlet's page show."""

from __future__ import annotations

from typing import Any

from tacitus.store import Store

# Actors listed on an outlet's page.
OUTLET_ACTORS = 20


def outlet_table(store: Store) -> list[dict[str, Any]]:
    """Per outlet: documents, copies, first and last publication day, event mentions and
    events; the outlets reporting most events first."""
    return store.query(
        "SELECT d.outlet, count(DISTINCT d.doc_id) AS documents, "
        "count(DISTINCT d.doc_id) FILTER (d.duplicate_of IS NOT NULL) AS copies, "
        "min(d.published) AS first_published, max(d.published) AS last_published, "
        "count(m.mention_id) AS event_mentions, count(DISTINCT m.event_id) AS events "
        "FROM documents d LEFT JOIN event_mentions m USING (doc_id) "
        "WHERE d.outlet IS NOT NULL GROUP BY d.outlet ORDER BY events DESC, d.outlet"
    )


def outlet_documents(store: Store, outlet: str) -> list[dict[str, Any]]:
    """The outlet's documents (id, title, source, url, published, copy_of) with their
    event mentions (``events``), by publication day."""
    return store.query(
        "SELECT d.doc_id, d.title, d.source, d.url, d.published, d.duplicate_of AS copy_of, "
        "count(m.mention_id) AS events FROM documents d LEFT JOIN event_mentions m "
        "USING (doc_id) WHERE d.outlet = ? GROUP BY ALL "
        "ORDER BY d.published NULLS LAST, d.doc_id",
        [outlet],
    )


def outlet_event_types(store: Store, outlet: str) -> list[dict[str, Any]]:
    """``event`` and ``mentions``: the event types the outlet reported, most first."""
    return store.query(
        "SELECT m.event, count(*) AS mentions FROM event_mentions m JOIN documents d "
        "USING (doc_id) WHERE d.outlet = ? GROUP BY ALL ORDER BY mentions DESC, m.event",
        [outlet],
    )


def outlet_actors(store: Store, outlet: str) -> list[dict[str, Any]]:
    """``actor_id``, ``name`` and ``mentions`` of the actors the outlet mentions most."""
    return store.query(
        "SELECT m.actor_id, any_value(m.name) AS name, count(*) AS mentions "
        "FROM actor_mentions m JOIN documents d USING (doc_id) "
        "WHERE d.outlet = ? AND m.actor_id IS NOT NULL "
        "GROUP BY m.actor_id ORDER BY mentions DESC, m.actor_id LIMIT ?",
        [outlet, OUTLET_ACTORS],
    )
