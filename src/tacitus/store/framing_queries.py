"""What ``tacitus compare`` reads: actor mentions, document texts and outlets' documents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tacitus.store import Store

# Columns of an actor mention as framing reads it, with its document's outlet and day.
MENTION_COLUMNS = (
    'm.doc_id, m.start, m."end", m.actor_id, m.name, m.entity_text, m.method, m.sentence, '
    "m.code, m.kind, "
    "d.outlet, d.url, d.source, d.title, d.published"
)


def named_spans(store: Store, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """``doc_id``, ``start``, ``end`` and ``name`` of every named actor mention in these
    documents."""
    return store.query(
        'SELECT doc_id, start, "end", name FROM actor_mentions '
        "WHERE doc_id IN (SELECT unnest(?)) AND name IS NOT NULL",
        [list(doc_ids)],
    )


def document_texts(store: Store, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """``doc_id`` and ``text`` of these documents, by id."""
    return store.query(
        "SELECT doc_id, text FROM documents WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id",
        [list(doc_ids)],
    )


def actor_mentions_of(store: Store, actor_ids: Sequence[str]) -> list[dict[str, Any]]:
    """``MENTION_COLUMNS`` of the mentions of these actors as the one acting, by
    publication day (undated last), document and offset."""
    return store.query(
        f"SELECT {MENTION_COLUMNS} FROM actor_mentions m JOIN documents d USING (doc_id) "
        "WHERE m.role = 'actor' AND m.actor_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY d.published NULLS LAST, m.doc_id, m.start",
        [list(actor_ids)],
    )


def _names_side(side: dict[str, Any]) -> tuple[str, list[str]]:
    # A side with an id is that actor; one without is matched by name.
    if side.get("id"):
        return "m.actor_id = ?", [side["id"]]
    return "lower(m.name) = lower(?)", [side["name"]]


def documents_naming(store: Store, sides: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Documents (id, outlet, url, source, title, published, duplicate_of) that mention
    every one of ``sides`` (an event's actor and recipient: ``id`` or ``name``), by
    publication day (undated last) and id; none for no side."""
    if not sides:
        return []
    found = [_names_side(side) for side in sides]
    where = " AND ".join(
        f"EXISTS (SELECT 1 FROM actor_mentions m WHERE m.doc_id = d.doc_id AND {sql})"
        for sql, _ in found
    )
    return store.query(
        "SELECT d.doc_id, d.outlet, d.url, d.source, d.title, d.published, "
        f"d.duplicate_of FROM documents d WHERE {where} ORDER BY d.published NULLS LAST, d.doc_id",
        [p for _, ps in found for p in ps],
    )


def outlet_candidates(store: Store, outlet: str) -> list[dict[str, Any]]:
    """``doc_id``, ``outlet``, ``url`` and ``source`` of the documents that may belong to
    ``outlet``: those it is named on, and every one with a URL (labelled by its host)."""
    return store.query(
        "SELECT doc_id, outlet, url, source FROM documents WHERE outlet = ? OR url IS NOT NULL",
        [outlet],
    )


def top_actors(store: Store, doc_ids: Sequence[str], limit: int) -> list[dict[str, Any]]:
    """``actor_id``, ``name`` and ``mentions`` of the ``limit`` actors acting most often
    in these documents."""
    return store.query(
        "SELECT actor_id, any_value(name) AS name, count(*) AS mentions FROM actor_mentions "
        "WHERE doc_id IN (SELECT unnest(?)) AND role = 'actor' AND actor_id IS NOT NULL "
        "GROUP BY actor_id ORDER BY mentions DESC, actor_id LIMIT ?",
        [list(doc_ids), limit],
    )
