"""Read-side data functions shared by the CLI, the API and the web pages."""

from __future__ import annotations

from typing import Any

from tacitus.actors import KnowledgeBase
from tacitus.actors.labels import distinct_labels
from tacitus.store import Store

# A mention spells its actor unless it only points back to it ("he", "the group").
SPELLING = "m.method <> 'coref'"


def actor_table(store: Store) -> list[dict[str, Any]]:
    """One row per actor seen: its label, spellings, mentions, events and outlets."""
    rows = store.query(
        f"""
        WITH seen AS (
            SELECT m.actor_id, any_value(m.name) AS name, any_value(m.code) AS code,
                   any_value(m.sector) AS sector, any_value(m.kind) AS kind,
                   bool_or(m.discovered) AS discovered,
                   list_sort(list_distinct(list(m.entity_text) FILTER ({SPELLING})))
                       AS surface_forms,
                   count(*) AS mentions,
                   list_sort(list_distinct(list(d.outlet) FILTER (d.outlet IS NOT NULL)))
                       AS outlets
            FROM actor_mentions m JOIN documents d USING (doc_id)
            WHERE m.actor_id IS NOT NULL AND m.role = 'actor'
            GROUP BY m.actor_id
        ),
        acts AS (
            SELECT actor_id AS id, count(*) AS n FROM events GROUP BY actor_id
            UNION ALL
            SELECT recipient_id, count(*) FROM events GROUP BY recipient_id
        )
        SELECT seen.*, coalesce((SELECT sum(n) FROM acts WHERE acts.id = seen.actor_id), 0)
                   AS events
        FROM seen ORDER BY events DESC, mentions DESC, actor_id
        """
    )
    labels = distinct_labels(KnowledgeBase.load(), ({"id": r["actor_id"]} | r for r in rows))
    return [{"actor_id": r["actor_id"], "label": labels[r["actor_id"]]} | r for r in rows]
