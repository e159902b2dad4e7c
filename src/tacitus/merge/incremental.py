"""The merge stage over the store: events for the mentions that have none yet, fused
with the stored events they belong to.

Merging is by connected components (``tacitus.merge``), so a new mention can only join,
and so fuse, the stored events it is compatible with.  Those are found through the
spans of the stored events (per actor key, the runs of days their reports cover), not by
reading their reports.  An event they make gathers the new mentions and every mention
of the events it absorbs; only its earliest reports are read in full to describe it, and
an event keeps its id as reports join it (the id comes from its least mention id), so its
stored reports are renamed only when it is absorbed under another's id.  The result is
the one a merge of everything from scratch gives.  The store runs the statements
(``store.merge_view``); this module decides.
"""

from __future__ import annotations

from datetime import date
from typing import Any

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
from tacitus.store import Store
from tacitus.store.merge_view import MergeView


def merge_pending(store: Store) -> int:
    """Merge every stored mention still without an event, in one transaction; how many.

    The pipeline runs it after each batch it writes; mentions a crash left unmerged are
    taken up by the next run."""
    with store.merging() as view:
        return assign_events(view)


def assign_events(view: MergeView) -> int:
    """Give every mention without an event one, fusing the stored events it joins."""
    new = view.unmerged()
    if not new:
        return 0
    joinings = join_new(new, view.candidate_spans(_windows(new)))
    absorbed = sorted({event_id for j in joinings for event_id in j.events})
    stored: dict[str, list[Member]] = {}
    for event_id, *member in view.members(absorbed):
        stored.setdefault(event_id, []).append(Member(*member))
    members = [
        [Member.of(r) for r in j.new] + [m for e in j.events for m in stored[e]] for j in joinings
    ]
    docs = doc_info(view, {m.doc_id for group in members for m in group})
    rows = _described_rows(view, joinings, members, docs)
    events = [summarize(rows[n], docs, group) for n, group in enumerate(members)]
    spans = _spans(view, joinings, events, absorbed)
    assigned, renamed = _assignments(joinings, events)
    view.persist(absorbed, events, spans, assigned, renamed)
    return len(new)


def _windows(new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each block of the new mentions: the days they may fall on, and whether
    some are undated."""
    intervals: dict[str, list[tuple[date, date] | None]] = {}
    for row in new:
        intervals.setdefault(row["block"], []).append(date_interval(row))
    windows = []
    for block in sorted(intervals):
        dated = [iv for iv in intervals[block] if iv]
        windows.append(
            {
                "block": block,
                "lo": min((iv[0] for iv in dated), default=None),
                "hi": max((iv[1] for iv in dated), default=None),
                "undated": None in intervals[block],
            }
        )
    return windows


def _spans(
    view: MergeView, joinings: list[Joining], events: list[dict[str, Any]], absorbed: list[str]
) -> list[dict[str, Any]]:
    """The spans of the new events: of their new mentions and of the events they absorb."""
    old: dict[str, list[dict[str, Any]]] = {}
    for span in view.spans(absorbed):
        old.setdefault(span["event_id"], []).append(span)
    return [
        span
        for joining, event in zip(joinings, events, strict=True)
        for span in event_spans(
            event["event_id"], [*joining.new, *(s for e in joining.events for s in old[e])]
        )
    ]


def _described_rows(
    view: MergeView,
    joinings: list[Joining],
    members: list[list[Member]],
    docs: dict[str, DocInfo],
) -> list[list[dict[str, Any]]]:
    """For each event: the full rows of its earliest reports, which describe it."""
    samples = [earliest(group, docs) for group in members]
    new_ids = {r["mention_id"] for j in joinings for r in j.new}
    wanted = sorted({m for sample in samples for m in sample} - new_ids)
    by_id = {r["mention_id"]: r for r in view.mentions(wanted)}
    by_id.update({r["mention_id"]: r for j in joinings for r in j.new})
    return [[by_id[m] for m in sorted(sample)] for sample in samples]


def _assignments(
    joinings: list[Joining], events: list[dict[str, Any]]
) -> tuple[dict[str, str], dict[str, str]]:
    """The event of each new mention, and the new id of each renamed stored event."""
    assigned: dict[str, str] = {}
    renamed: dict[str, str] = {}
    for joining, event in zip(joinings, events, strict=True):
        assigned |= {r["mention_id"]: event["event_id"] for r in joining.new}
        renamed |= {old: event["event_id"] for old in joining.events if old != event["event_id"]}
    return assigned, renamed


def doc_info(view: MergeView, doc_ids: set[str]) -> dict[str, DocInfo]:
    return {
        r["doc_id"]: DocInfo(r["outlet"], r["published"], r["duplicate_of"] or r["doc_id"])
        for r in view.documents(sorted(doc_ids))
    }
