"""Events for new mentions, merged with the stored events they belong to.

Merging is by connected components (``tacitus.merge``), so a new mention can
only join, and so fuse, the stored events it is compatible with.  Those are
found through the spans of the stored events (per actor key, the runs of days
their reports cover), not by reading their reports.  An event they make gathers the new
mentions and every mention of the events it absorbs; only its earliest reports
are read in full to describe it, and an event keeps its id as reports join it
(the id comes from its least mention id), so its stored reports are renamed
only when it is absorbed under another's id.  The result is the one a merge of
everything from scratch gives.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.merge import (
    DocInfo,
    Joining,
    Member,
    date_interval,
    earliest,
    event_spans,
    join_new,
    summarize,
)
from tacitus.store.rows import to_arrow
from tacitus.store.sql import fetch_dicts, insert_table, registered, run_over

# Spans of stored events that may be compatible with an unmerged mention: same
# block, and dates within the new mentions' window (or both undated).  A span
# stands for its event's reports in clustering, so it takes the event's id as
# its mention id (the key clustering orders by).
_CANDIDATES = """
SELECT s.*, s.event_id AS mention_id FROM event_spans s JOIN incoming w USING (block)
WHERE (s.date_lo <= w.hi AND s.date_hi >= w.lo) OR (s.date_lo IS NULL AND w.undated)
ORDER BY ALL
"""
_SPANS = "SELECT * FROM event_spans WHERE event_id IN (SELECT unnest(?)) ORDER BY ALL"
_NEW = "SELECT * FROM event_mentions WHERE event_id IS NULL ORDER BY mention_id"
_MEMBERS = (
    "SELECT event_id, mention_id, doc_id, sentence_index FROM event_mentions "
    "WHERE event_id IN (SELECT unnest(?)) ORDER BY mention_id"
)
_ROWS = "SELECT * FROM event_mentions WHERE mention_id IN (SELECT unnest(?)) ORDER BY mention_id"
_ASSIGN = (
    "UPDATE event_mentions SET event_id = incoming.event_id FROM incoming "
    "WHERE event_mentions.mention_id = incoming.mention_id"
)
_REASSIGN = (
    "UPDATE event_mentions SET event_id = incoming.event_id FROM incoming "
    "WHERE event_mentions.event_id = incoming.old_id"
)


def assign_events(con: duckdb.DuckDBPyConnection) -> None:
    """Give every mention without an event one, fusing the stored events it joins."""
    new = fetch_dicts(con, _NEW)
    if not new:
        return
    with registered(con, _windows(new)):
        candidates = fetch_dicts(con, _CANDIDATES)
    joinings = join_new(new, candidates)
    absorbed = sorted({event_id for j in joinings for event_id in j.events})
    stored: dict[str, list[Member]] = {}
    for event_id, *member in con.execute(_MEMBERS, [absorbed]).fetchall():
        stored.setdefault(event_id, []).append(Member(*member))
    members = [
        [Member.of(r) for r in j.new] + [m for e in j.events for m in stored[e]] for j in joinings
    ]
    docs = doc_info(con, {m.doc_id for group in members for m in group})
    rows = _described_rows(con, joinings, members, docs)
    events = [summarize(rows[n], docs, group) for n, group in enumerate(members)]
    spans = _spans(con, joinings, events, absorbed)
    for table in ("events", "event_spans"):
        con.execute(f"DELETE FROM {table} WHERE event_id IN (SELECT unnest(?))", [absorbed])
    insert_table(con, "events", to_arrow("events", events))
    insert_table(con, "event_spans", to_arrow("event_spans", spans))
    _assign(con, joinings, events)


def _windows(new: list[dict[str, Any]]) -> pa.Table:
    """For each block of the new mentions: the days they may fall on, and whether
    some are undated."""
    intervals: dict[str, list[tuple[date, date] | None]] = {}
    for row in new:
        intervals.setdefault(row["block"], []).append(date_interval(row))
    blocks = sorted(intervals)
    dated = [[iv for iv in intervals[block] if iv] for block in blocks]
    return pa.table(
        {
            "block": blocks,
            "lo": pa.array([min((iv[0] for iv in d), default=None) for d in dated], pa.date32()),
            "hi": pa.array([max((iv[1] for iv in d), default=None) for d in dated], pa.date32()),
            "undated": [None in intervals[block] for block in blocks],
        }
    )


def _spans(
    con: duckdb.DuckDBPyConnection,
    joinings: list[Joining],
    events: list[dict[str, Any]],
    absorbed: list[str],
) -> list[dict[str, Any]]:
    """The spans of the new events: of their new mentions and of the events they absorb."""
    old: dict[str, list[dict[str, Any]]] = {}
    for span in fetch_dicts(con, _SPANS, [absorbed]):
        old.setdefault(span["event_id"], []).append(span)
    return [
        span
        for joining, event in zip(joinings, events, strict=True)
        for span in event_spans(
            event["event_id"], [*joining.new, *(s for e in joining.events for s in old[e])]
        )
    ]


def _described_rows(
    con: duckdb.DuckDBPyConnection,
    joinings: list[Joining],
    members: list[list[Member]],
    docs: dict[str, DocInfo],
) -> list[list[dict[str, Any]]]:
    """For each event: the full rows of its earliest reports, which describe it."""
    samples = [earliest(group, docs) for group in members]
    new_ids = {r["mention_id"] for j in joinings for r in j.new}
    wanted = sorted({m for sample in samples for m in sample} - new_ids)
    by_id = {r["mention_id"]: r for r in fetch_dicts(con, _ROWS, [wanted])} if wanted else {}
    by_id.update({r["mention_id"]: r for j in joinings for r in j.new})
    return [[by_id[m] for m in sorted(sample)] for sample in samples]


def _assign(
    con: duckdb.DuckDBPyConnection, joinings: list[Joining], events: list[dict[str, Any]]
) -> None:
    new = {"mention_id": [], "event_id": []}
    moved = {"old_id": [], "event_id": []}
    for joining, event in zip(joinings, events, strict=True):
        new["mention_id"] += [r["mention_id"] for r in joining.new]
        new["event_id"] += [event["event_id"]] * len(joining.new)
        renamed = [old for old in joining.events if old != event["event_id"]]
        moved["old_id"] += renamed
        moved["event_id"] += [event["event_id"]] * len(renamed)
    run_over(con, pa.table(new), _ASSIGN)
    if moved["old_id"]:
        run_over(con, pa.table(moved), _REASSIGN)


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
