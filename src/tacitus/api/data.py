"""Data functions behind both the JSON API and the HTML pages.

Each page and its API twin call the same function here, so they cannot disagree.
Every function takes an open ``Store`` and returns plain JSON-ready data.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import networkx as nx

from tacitus.export import stored_events
from tacitus.export.graph import network
from tacitus.records import iso_date
from tacitus.store import Store, actor_queries, event_queries, outlet_queries
from tacitus.store.actor_lookup import find_actor
from tacitus.store.filters import EventFilter, NetworkFilter
from tacitus.store.queries import actor_table
from tacitus.store.summary import summary
from tacitus.store.watch_state import sources_table
from tacitus.stories import claims, stories

# The network shows at most this many actors (the most active); the page stays legible
# up to here by shrinking circles and labelling only the most connected actors.
MAX_NODES = 500
# Seed of the force layout, so the same data always draws the same picture.
LAYOUT_SEED = 7
# Force-layout steps: networkx's default of 50, fewer for big graphs so that
# nodes x steps stays under this budget (about half a second at 500 actors).
LAYOUT_ITERATIONS = 50
LAYOUT_WORK = 10_000
# Spring-layout spacing relative to networkx's default of 1/sqrt(nodes).
SPREAD = 2.0
# Time spans up to this many days are charted by day, longer ones by month.
DAILY_SPAN_DAYS = 92
# Claims returned at most: a listing, not an export.


def _load(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


# -- events --------------------------------------------------------------------
def render_events(store: Store, event_ids: list[str]) -> list[dict[str, Any]]:
    """Events in the export layout, in the order of ``event_ids``."""
    if not event_ids:
        return []
    rendered = {e["id"]: e for e in stored_events(store, *event_queries.with_ids(event_ids))}
    return [rendered[i] for i in event_ids]


def event_page(store: Store, f: EventFilter) -> dict[str, Any]:
    """One page of the events matching ``f``, with the total count."""
    where, params = f.to_sql(store)
    total = event_queries.count_events(store, where, params)
    ids = event_queries.page_ids(store, f, where, params)
    return {
        "total": total,
        "page": f.page,
        "page_size": f.page_size,
        "pages": max(1, -(-total // f.page_size)),
        "unmatched": f.unmatched(store),
        "events": render_events(store, ids),
    }


def highlight(sentence: str, parts: list[tuple[str | None, str]]) -> list[dict[str, Any]]:
    """``sentence`` cut into segments, the first occurrence of each part marked by role."""
    lower = sentence.lower()
    marks: list[tuple[int, int, str]] = []
    for text, role in parts:
        if not text:
            continue
        at = lower.find(text.lower())
        while at >= 0 and any(at < e and at + len(text) > s for s, e, _ in marks):
            at = lower.find(text.lower(), at + 1)
        if at >= 0:
            marks.append((at, at + len(text), role))
    segments, cursor = [], 0
    for start, end, role in sorted(marks):
        if start > cursor:
            segments.append({"text": sentence[cursor:start], "role": None})
        segments.append({"text": sentence[start:end], "role": role})
        cursor = end
    if cursor < len(sentence):
        segments.append({"text": sentence[cursor:], "role": None})
    return segments


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    actor, recipient = _load(row["actor"]) or {}, _load(row["recipient"]) or {}
    return {
        "mention_id": row["mention_id"],
        "doc_id": row["doc_id"],
        "title": row["title"],
        "source": row["source"],
        "url": row["url"],
        "published": iso_date(row["published"]),
        "copy_of": row["duplicate_of"],
        "attributed_to": row["attributed_to"],
        "actor_text": actor.get("entity_text"),
        "recipient_text": recipient.get("entity_text"),
        "trigger": row["event_text"],
        "date": iso_date(row["date"]),
        "date_source": row["date_source"],
        "date_evidence": row["date_evidence"],
        "sentence": row["sentence"],
        "segments": highlight(
            row["sentence"],
            [
                (actor.get("entity_text"), "actor"),
                (recipient.get("entity_text"), "recipient"),
                (row["event_text"], "trigger"),
                (row["date_evidence"], "date"),
            ],
        ),
    }


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with every report of it, grouped by outlet, parts highlighted."""
    exists = event_queries.event_exists(store, event_id)
    events = render_events(store, [event_id]) if exists else []
    if not events:
        return None
    rows = event_queries.event_reports(store, event_id, order="outlet")
    outlets: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        outlets.setdefault(row["outlet"] or "(unknown outlet)", []).append(_evidence(row))
    return events[0] | {
        "evidence": [{"outlet": name, "reports": reports} for name, reports in outlets.items()]
    }


# -- charts --------------------------------------------------------------------
def _layout(actors: set[str], edges: list[dict[str, Any]]) -> nx.Graph:
    """The undirected graph to lay out: ties between two actors summed, self-ties left out."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(actors))
    for edge in edges:
        if edge["source"] != edge["target"]:
            weight = graph.get_edge_data(edge["source"], edge["target"], {"weight": 0})["weight"]
            graph.add_edge(edge["source"], edge["target"], weight=weight + edge["events"])
    return graph


def _positions(graph: nx.Graph) -> dict[str, Any]:
    if not graph:
        return {}
    # A wider spacing than networkx's default keeps labels of busy graphs apart.
    spacing = SPREAD / len(graph) ** 0.5
    iterations = min(LAYOUT_ITERATIONS, LAYOUT_WORK // len(graph))
    return nx.spring_layout(graph, k=spacing, iterations=iterations, seed=LAYOUT_SEED)


def network_view(store: Store, f: NetworkFilter) -> dict[str, Any]:
    """The actor network of the events matching ``f``, laid out for drawing.

    Ties of fewer than ``f.min_events`` events are dropped, then actors left without one.
    """
    graph = network(store, *f.to_sql(store))
    strong = [e for e in graph["edges"] if e["events"] >= f.min_events]
    tied = {actor for e in strong for actor in (e["source"], e["target"])}
    ranked = [n for n in graph["nodes"] if n["id"] in tied]
    nodes = ranked[:MAX_NODES]
    kept = {n["id"] for n in nodes}
    edges = [e for e in strong if e["source"] in kept and e["target"] in kept]
    layout = _layout(kept, edges)
    positions = _positions(layout)
    return {
        "nodes": [
            n
            | {
                "degree": layout.degree(n["id"], weight="weight"),
                "x": round(float(positions[n["id"]][0]), 4),
                "y": round(float(positions[n["id"]][1]), 4),
            }
            for n in nodes
        ],
        "edges": edges,
        "truncated": len(ranked) > MAX_NODES,
    }


def timeline(store: Store, f: EventFilter) -> dict[str, Any]:
    """Events per period and type; by day for short spans, by month otherwise."""
    where, params = f.to_sql(store)
    span = event_queries.date_span(store, where, params)
    daily = span["lo"] is None or (span["hi"] - span["lo"]).days <= DAILY_SPAN_DAYS
    series = event_queries.events_per_period(store, where, params, daily)
    undated = event_queries.count_undated(store, where, params)
    return {
        "bucket": "day" if daily else "month",
        "types": sorted({r["event"] for r in series}),
        "series": series,
        "undated": undated,
    }


def map_points(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Located events of ``f`` gathered by place."""
    return event_queries.places(store, *f.to_sql(store))


def overview(store: Store) -> dict[str, Any]:
    """Counts of the whole database, as ``tacitus demo`` prints them."""
    return summary(store)


# -- actors --------------------------------------------------------------------
def actor_list(store: Store) -> list[dict[str, Any]]:
    return actor_table(store)


def actor_detail(store: Store, name: str) -> dict[str, Any] | None:
    """An actor's names, offices, outlets and activity over time; ``name`` is its id, name
    or a spelling (``ActorNotFound`` unless it names exactly one actor)."""
    actor_id = find_actor(store, name).one()
    seen = actor_queries.actor_seen(store, actor_id)
    involved = actor_queries.actor_event_count(store, actor_id)
    if not seen["mentions"] and not involved:
        return None
    if seen["name"] is None:
        ref = _load(actor_queries.actor_side(store, actor_id)) or {}
        seen |= {k: ref.get(k) for k in ("name", "code", "sector")}
    return {
        "id": actor_id,
        **seen,
        "events": involved,
        "surface_forms": actor_queries.spellings(store, actor_id),
        "offices": actor_queries.offices(store, actor_id),
        "outlets": actor_queries.citing_outlets(store, actor_id),
        "activity": actor_queries.activity(store, actor_id),
    }


# -- outlets -------------------------------------------------------------------
def outlet_list(store: Store) -> list[dict[str, Any]]:
    return outlet_queries.outlet_table(store)


def outlet_detail(store: Store, outlet: str) -> dict[str, Any] | None:
    """An outlet's documents, the event types it reported and the actors it cites."""
    documents = outlet_queries.outlet_documents(store, outlet)
    if not documents:
        return None
    return {
        "outlet": outlet,
        "documents": documents,
        "by_type": outlet_queries.outlet_event_types(store, outlet),
        "actors": outlet_queries.outlet_actors(store, outlet),
    }


# -- stories and claims ----------------------------------------------------------
def story_list(store: Store) -> list[dict[str, Any]]:
    """Stories of two or more documents (see ``tacitus.stories``)."""
    return stories(store, min_documents=2)


def claim_list(store: Store) -> dict[str, Any]:
    """Numeric claims grouped by the quantity they count (see ``tacitus.stories.claims``)."""
    return {"claims": claims(store)}


# -- sources -----------------------------------------------------------------------
def source_list(store: Store) -> list[dict[str, Any]]:
    """Each watched source with its last reading, error and failing pages."""
    rows = sources_table(store)
    for row in rows:
        row["checked_at"] = _utc(row["checked_at"])
        for problem in row["problems"]:
            problem["fetched_at"] = _utc(problem["fetched_at"])
    return rows


def _utc(moment: datetime | None) -> str | None:
    """A stored time (UTC, no offset) as ISO 8601 marked UTC."""
    return moment.isoformat() + "Z" if moment else None
