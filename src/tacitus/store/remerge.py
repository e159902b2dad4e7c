"""Events for new mentions, merged with the stored events they belong to.

Merging is by connected components (``tacitus.merge``), so a new mention can
only join, and so fuse, the stored events it is compatible with.  Those are
found among the stored mentions of its block whose date interval meets the
new ones' (an indexed-size read, not the whole block); only their events are
read back, re-clustered with the new mentions and replaced.  The result is the
one a merge of everything from scratch gives.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from tacitus.merge import Ancestry, DocInfo, linked_events, merge_block
from tacitus.store.rows import to_arrow
from tacitus.store.sql import fetch_dicts, insert_table, run_over

# Stored, merged mentions that may be compatible with an unmerged one: same
# block, and overlapping dates (or both undated).  Only what compatibility reads.
_CANDIDATES = """
WITH windows AS (
    SELECT block, min(date_lo) AS lo, max(date_hi) AS hi, bool_or(date_lo IS NULL) AS undated
    FROM event_mentions WHERE event_id IS NULL GROUP BY block
)
SELECT m.event_id, m.block, m.event, m.actor_id, m.recipient_id,
       m.date, m.date_source, m.date_precision, m.event_loc
FROM event_mentions m JOIN windows w USING (block)
WHERE m.event_id IS NOT NULL
  AND ((m.date_lo <= w.hi AND m.date_hi >= w.lo) OR (m.date_lo IS NULL AND w.undated))
"""

_ASSIGN = (
    "UPDATE event_mentions SET event_id = incoming.event_id FROM incoming "
    "WHERE event_mentions.mention_id = incoming.mention_id"
)


def assign_events(con: duckdb.DuckDBPyConnection, ancestry: Ancestry) -> None:
    """Give every mention without an event one, re-merging the stored events it joins."""
    new = fetch_dicts(con, "SELECT * FROM event_mentions WHERE event_id IS NULL")
    if not new:
        return
    touched = sorted(linked_events(new, fetch_dicts(con, _CANDIDATES), ancestry))
    rows = new + _members(con, touched)
    docs = doc_info(con, {r["doc_id"] for r in rows})
    events: list[dict[str, Any]] = []
    assigned: dict[str, list[str]] = {"mention_id": [], "event_id": []}
    for block_rows in _by_block(rows):
        for event, mention_ids in merge_block(block_rows, docs, ancestry):
            events.append(event)
            assigned["mention_id"] += mention_ids
            assigned["event_id"] += [event["event_id"]] * len(mention_ids)
    if touched:
        con.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?))", [touched])
    insert_table(con, "events", to_arrow("events", events))
    run_over(con, pa.table(assigned), _ASSIGN)


def unassign(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Drop the events a document's mentions belong to; their mentions await re-merging."""
    undone = [
        event_id
        for (event_id,) in con.execute(
            "SELECT DISTINCT event_id FROM event_mentions WHERE doc_id = ? AND event_id NOT NULL",
            [doc_id],
        ).fetchall()
    ]
    con.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?))", [undone])
    con.execute(
        "UPDATE event_mentions SET event_id = NULL WHERE event_id IN (SELECT unnest(?))", [undone]
    )


def doc_info(con: duckdb.DuckDBPyConnection, doc_ids: set[str]) -> dict[str, DocInfo]:
    rows = fetch_dicts(
        con,
        "SELECT doc_id, outlet, published, duplicate_of FROM documents "
        "WHERE doc_id IN (SELECT unnest(?))",
        [sorted(doc_ids)],
    )
    return {
        r["doc_id"]: DocInfo(r["outlet"], r["published"], r["duplicate_of"] or r["doc_id"])
        for r in rows
    }


def _members(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> list[dict[str, Any]]:
    if not event_ids:
        return []
    return fetch_dicts(
        con, "SELECT * FROM event_mentions WHERE event_id IN (SELECT unnest(?))", [event_ids]
    )


def _by_block(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    blocks: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        blocks.setdefault(row["block"], []).append(row)
    return [blocks[key] for key in sorted(blocks)]
