"""Summaries of a store: what the demo prints and the API's overview returns."""

from __future__ import annotations

from typing import Any

from tacitus.store import Store

TOP = 10


def summary(store: Store, top: int = TOP) -> dict[str, Any]:
    """Counts, events by type, and the most active actors and dyads (asserted events)."""
    docs = store.query(
        "SELECT count(*) AS documents, count(duplicate_of) AS copies, "
        "count(DISTINCT outlet) AS outlets FROM documents"
    )[0]
    return {
        **docs,
        "rejected": store.count("rejected"),
        "event_mentions": store.count("event_mentions"),
        "events": store.count("events"),
        "by_type": store.query(
            "SELECT event, count(*) AS events, sum(num_mentions) AS mentions FROM events "
            "WHERE modality = 'asserted' GROUP BY event ORDER BY events DESC, event"
        ),
        "actors": store.query(
            "SELECT actor->>'name' AS actor, actor->>'code' AS code, count(*) AS events "
            "FROM events WHERE modality = 'asserted' AND actor IS NOT NULL "
            "GROUP BY ALL ORDER BY events DESC, actor LIMIT ?",
            [top],
        ),
        "dyads": store.query(
            "SELECT actor->>'name' AS actor, recipient->>'name' AS recipient, "
            "count(*) AS events, string_agg(DISTINCT event, ', ' ORDER BY event) AS types "
            "FROM events WHERE modality = 'asserted' AND recipient IS NOT NULL "
            "GROUP BY ALL ORDER BY events DESC, actor, recipient LIMIT ?",
            [top],
        ),
    }
