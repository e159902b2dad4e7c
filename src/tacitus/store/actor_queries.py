"""One actor's record in the store: what its page and API entry show."""

from __future__ import annotations

from typing import Any

from tacitus.store import Store
from tacitus.store.queries import SPELLING

# An event involves the actor on either side (the id is passed twice).
SIDES = "(actor_id = ? OR recipient_id = ?)"


def actor_seen(store: Store, actor_id: str) -> dict[str, Any]:
    """Name, code, sector, kind, ``discovered`` and mentions of the actor's mentions
    (``mentions`` 0 and the rest None if none)."""
    return store.query(
        "SELECT any_value(name) AS name, any_value(code) AS code, any_value(sector) AS sector, "
        "any_value(kind) AS kind, bool_or(discovered) AS discovered, count(*) AS mentions "
        "FROM actor_mentions WHERE actor_id = ?",
        [actor_id],
    )[0]


def actor_event_count(store: Store, actor_id: str) -> int:
    """How many events the actor is on either side of."""
    return int(
        store.query(f"SELECT count(*) AS n FROM events WHERE {SIDES}", [actor_id] * 2)[0]["n"]
    )


def actor_side(store: Store, actor_id: str) -> Any:
    """The actor's side (JSON) in its first event by id."""
    return store.query(
        "SELECT CASE WHEN actor_id = ? THEN actor ELSE recipient END AS ref "
        f"FROM events WHERE {SIDES} ORDER BY event_id LIMIT 1",
        [actor_id] * 3,
    )[0]["ref"]


def spellings(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """``text`` and ``mentions`` of each way the news spells the actor, most used first."""
    return store.query(
        "SELECT entity_text AS text, count(*) AS mentions FROM actor_mentions m "
        f"WHERE actor_id = ? AND {SPELLING} GROUP BY ALL ORDER BY mentions DESC, text",
        [actor_id],
    )


def offices(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """Each office the actor held in its events: first and last date, events; earliest first."""
    return store.query(
        "SELECT office, min(date) AS first, max(date) AS last, count(*) AS events FROM ("
        "SELECT actor->>'office' AS office, date FROM events WHERE actor_id = ? "
        "UNION ALL SELECT recipient->>'office', date FROM events WHERE recipient_id = ?) "
        "WHERE office IS NOT NULL GROUP BY office ORDER BY first NULLS LAST, office",
        [actor_id] * 2,
    )


def citing_outlets(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """``outlet`` and ``mentions`` of the actor per outlet, most first."""
    return store.query(
        "SELECT d.outlet, count(*) AS mentions FROM actor_mentions m JOIN documents d "
        "USING (doc_id) WHERE m.actor_id = ? AND d.outlet IS NOT NULL "
        "GROUP BY ALL ORDER BY mentions DESC, d.outlet",
        [actor_id],
    )


def activity(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """Dated events of the actor per month (``period``), type and role (actor or recipient)."""
    return store.query(
        "SELECT strftime(date, '%Y-%m') AS period, event, "
        "CASE WHEN actor_id = ? THEN 'actor' ELSE 'recipient' END AS role, "
        f"count(*) AS events FROM events WHERE {SIDES} AND date IS NOT NULL "
        "GROUP BY ALL ORDER BY period, event, role",
        [actor_id] * 3,
    )
