"""What the merge stage reads and writes, inside one transaction: the mentions awaiting
an event, the stored events they may join, and the merged result to persist.

The merging itself (``tacitus.merge.incremental``) decides; this module only runs the
statements.  A span of a stored event stands for that event's reports in clustering, so
it is read with the event's id as its mention id (the key clustering orders by).
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from tacitus.store.rows import to_arrow
from tacitus.store.sql import fetch_dicts, insert_table, registered, run_over

_CANDIDATES = """
SELECT s.*, s.event_id AS mention_id FROM event_spans s JOIN incoming w USING (block)
WHERE (s.date_lo <= w.hi AND s.date_hi >= w.lo) OR (s.date_lo IS NULL AND w.undated)
ORDER BY ALL
"""
_SPANS = "SELECT * FROM event_spans WHERE event_id IN (SELECT unnest(?)) ORDER BY ALL"
_UNMERGED = "SELECT * FROM event_mentions WHERE event_id IS NULL ORDER BY mention_id"
_MEMBERS = (
    "SELECT event_id, mention_id, doc_id, sentence_index FROM event_mentions "
    "WHERE event_id IN (SELECT unnest(?)) ORDER BY mention_id"
)
_ROWS = "SELECT * FROM event_mentions WHERE mention_id IN (SELECT unnest(?)) ORDER BY mention_id"
_DOCUMENTS = (
    "SELECT doc_id, outlet, published, duplicate_of FROM documents "
    "WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id"
)
_ASSIGN = (
    "UPDATE event_mentions SET event_id = incoming.event_id FROM incoming "
    "WHERE event_mentions.mention_id = incoming.mention_id"
)
_REASSIGN = (
    "UPDATE event_mentions SET event_id = incoming.event_id FROM incoming "
    "WHERE event_mentions.event_id = incoming.old_id"
)


class MergeView:
    """The merge stage's window on the database, bound to one open transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def unmerged(self) -> list[dict[str, Any]]:
        """Every stored mention that has no event yet, by mention id."""
        return fetch_dicts(self.con, _UNMERGED)

    def candidate_spans(self, windows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Spans of stored events in the ``windows``' blocks whose days meet them
        (``{"block", "lo", "hi", "undated"}`` each; undated spans meet undated windows)."""
        table = pa.table(
            {
                "block": [w["block"] for w in windows],
                "lo": pa.array([w["lo"] for w in windows], pa.date32()),
                "hi": pa.array([w["hi"] for w in windows], pa.date32()),
                "undated": [w["undated"] for w in windows],
            }
        )
        with registered(self.con, table):
            return fetch_dicts(self.con, _CANDIDATES)

    def members(self, event_ids: list[str]) -> list[tuple[str, str, str, int]]:
        """``(event_id, mention_id, doc_id, sentence_index)`` of the events' reports."""
        return [tuple(r) for r in self.con.execute(_MEMBERS, [event_ids]).fetchall()]  # type: ignore[misc]

    def mentions(self, mention_ids: list[str]) -> list[dict[str, Any]]:
        return fetch_dicts(self.con, _ROWS, [mention_ids]) if mention_ids else []

    def spans(self, event_ids: list[str]) -> list[dict[str, Any]]:
        return fetch_dicts(self.con, _SPANS, [event_ids])

    def documents(self, doc_ids: list[str]) -> list[dict[str, Any]]:
        """Outlet, publication date and original of each document, for describing events."""
        return fetch_dicts(self.con, _DOCUMENTS, [doc_ids])

    def persist(
        self,
        absorbed: list[str],
        events: list[dict[str, Any]],
        spans: list[dict[str, Any]],
        assigned: dict[str, str],
        renamed: dict[str, str],
    ) -> None:
        """Replace the ``absorbed`` events by ``events`` (with their ``spans``), give the
        new mentions their events (``assigned``: mention id -> event id) and move the
        reports of renamed events (``renamed``: old event id -> new)."""
        for table in ("events", "event_spans"):
            self.con.execute(
                f"DELETE FROM {table} WHERE event_id IN (SELECT unnest(?))", [absorbed]
            )
        insert_table(self.con, "events", to_arrow("events", events))
        insert_table(self.con, "event_spans", to_arrow("event_spans", spans))
        new = {"mention_id": list(assigned), "event_id": list(assigned.values())}
        run_over(self.con, pa.table(new, schema=_pairs_schema("mention_id")), _ASSIGN)
        if renamed:
            moved = {"old_id": list(renamed), "event_id": list(renamed.values())}
            run_over(self.con, pa.table(moved, schema=_pairs_schema("old_id")), _REASSIGN)


def _pairs_schema(key: str) -> pa.Schema:
    return pa.schema([(key, pa.string()), ("event_id", pa.string())])


def unassign(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Drop the events a document's mentions belong to; their mentions await re-merging."""
    undone = [
        event_id
        for (event_id,) in con.execute(
            "SELECT DISTINCT event_id FROM event_mentions WHERE doc_id = ? AND event_id NOT NULL",
            [doc_id],
        ).fetchall()
    ]
    for table in ("events", "event_spans"):
        con.execute(f"DELETE FROM {table} WHERE event_id IN (SELECT unnest(?))", [undone])
    con.execute(
        "UPDATE event_mentions SET event_id = NULL WHERE event_id IN (SELECT unnest(?))", [undone]
    )
