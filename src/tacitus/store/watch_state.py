"""The watcher's state and alerts in the database: every statement it needs, here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tacitus.store import Store
from tacitus.store.rows import to_arrow
from tacitus.store.schema import columns
from tacitus.store.sql import insert_table

# Pages listed as failing on the sources page, per source.
FAILURES_SHOWN = 20


def _upsert(store: Store, table: str, key: str, rows: list[dict[str, Any]]) -> None:
    """Replace the rows of ``table`` with the same ``key`` by ``rows``, in one transaction."""
    if not rows:
        return
    with store.transaction() as con:
        con.execute(
            f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [[r[key] for r in rows]]
        )
        full = [{c: r.get(c) for c in columns(table)} for r in rows]
        insert_table(con, table, to_arrow(table, full))


def source_state(store: Store, name: str) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM watch_sources WHERE name = ?", [name])
    return rows[0] if rows else None


def save_source(store: Store, row: dict[str, Any]) -> None:
    _upsert(store, "watch_sources", "name", [row])


def page_states(store: Store, urls: list[str]) -> dict[str, dict[str, Any]]:
    rows = store.query("SELECT * FROM watch_pages WHERE url IN (SELECT unnest(?))", [urls])
    return {r["url"]: r for r in rows}


def save_pages(store: Store, rows: list[dict[str, Any]]) -> None:
    _upsert(store, "watch_pages", "url", rows)


def stored_from(store: Store, urls: list[str]) -> dict[str, dict[str, Any]]:
    """For each URL stored as a document: its id and the document it copies, if any."""
    rows = store.query(
        "SELECT source, doc_id, duplicate_of FROM documents WHERE source IN (SELECT unnest(?)) "
        "ORDER BY doc_id",
        [urls],
    )
    return {r["source"]: r for r in rows}


def rejections_of(store: Store, urls: list[str]) -> dict[str, str]:
    rows = store.query(
        "SELECT source, min(reason) AS reason FROM rejected WHERE source IN (SELECT unnest(?)) "
        "GROUP BY source",
        [urls],
    )
    return {r["source"]: r["reason"] for r in rows}


def sources_table(store: Store) -> list[dict[str, Any]]:
    """Each source: its last reading, its error, and its pages by outcome."""
    sources = store.query(
        """
        SELECT s.*, count(p.url) AS pages,
               count(p.url) FILTER (p.outcome = 'stored') AS stored,
               count(p.url) FILTER (p.outcome = 'failed') AS failed,
               count(p.url) FILTER (p.outcome = 'rejected') AS rejected
        FROM watch_sources s LEFT JOIN watch_pages p ON p.source = s.name
        GROUP BY ALL ORDER BY s.name
        """
    )
    problems = store.query(
        """
        SELECT source, url, outcome, reason, fetched_at FROM (
            SELECT *, row_number() OVER (PARTITION BY source ORDER BY fetched_at DESC, url) AS n
            FROM watch_pages WHERE outcome IN ('failed', 'rejected')
        ) WHERE n <= ? ORDER BY source, fetched_at DESC, url
        """,
        [FAILURES_SHOWN],
    )
    for source in sources:
        source["problems"] = [p for p in problems if p["source"] == source["name"]]
    return sources


# -- alerts ----------------------------------------------------------------------
def rule_checked_through(store: Store, rule: str) -> datetime | None:
    rows = store.query("SELECT checked_through FROM alert_rules WHERE rule = ?", [rule])
    return rows[0]["checked_through"] if rows else None


def save_rule_checked(store: Store, rule: str, through: datetime) -> None:
    _upsert(store, "alert_rules", "rule", [{"rule": rule, "checked_through": through}])


def latest_arrival(store: Store) -> datetime | None:
    return store.query("SELECT max(stored_at) AS t FROM arrivals")[0]["t"]


def alert_candidates(
    store: Store, rule: str, where: str, params: list[Any], after: datetime
) -> list[str]:
    """Events matching ``where`` with a report that arrived after ``after``, none of
    whose reports was alerted by ``rule`` before; in id order."""
    condition = (
        "EXISTS (SELECT 1 FROM event_mentions m JOIN arrivals a USING (doc_id) "
        "WHERE m.event_id = events.event_id AND a.stored_at > ?) "
        "AND NOT EXISTS (SELECT 1 FROM event_mentions m JOIN alerts_sent s "
        "ON s.mention_id = m.mention_id AND s.rule = ? WHERE m.event_id = events.event_id)"
    )
    clause = f"{where} AND {condition}" if where else f"WHERE {condition}"
    rows = store.query(
        f"SELECT event_id FROM events {clause} ORDER BY event_id", [*params, after, rule]
    )
    return [r["event_id"] for r in rows]


def record_alerts(store: Store, rule: str, event_ids: list[str], at: datetime) -> None:
    """Remember that ``rule`` alerted these events, through every report they hold now."""
    with store.transaction() as con:
        con.execute(
            "INSERT INTO alerts_sent SELECT ?, event_id, mention_id, ? FROM event_mentions "
            "WHERE event_id IN (SELECT unnest(?))",
            [rule, at, event_ids],
        )
