"""Merge: event mentions from many reports become one event per real-world event.

Mentions are first grouped into blocks (same modality, type and the countries
of the two sides), then linked inside a block when they are compatible: the same
actor and the same recipient, dates whose uncertainty intervals overlap and places
that do not conflict.  Events are the connected components, so the result does not
depend on the order mentions arrived in.  Sides must be the same actors, not merely
related ones (a minister and the government): links through an organisation would
chain reports of different people's acts into one event ("Qaani called Haniyeh",
"the IRGC called Palestinian factions", "Velayati called Nakhalah").
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from tacitus.records import stable_id
from tacitus.vocabulary import SYMMETRIC_TYPES

# How far (days) an event may lie from a date, by how that date was found.
DAY_SLACK = {"text": 1, "inferred": 2}
# A date taken from the publication says the event happened shortly before it.
PUBLICATION_LOOKBACK = 4
DATE_SOURCE_RANK = {"text": 0, "inferred": 1, "publication": 2}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def date_interval(row: dict[str, Any]) -> tuple[date, date] | None:
    if "date_lo" in row:  # a span of days (see ``event_spans``)
        return (row["date_lo"], row["date_hi"]) if row["date_lo"] is not None else None
    day: date | None = row.get("date")
    if day is None:
        return None
    precision = row.get("date_precision") or "day"
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if precision == "month":
        next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return date(day.year, day.month, 1), next_month - timedelta(days=1)
    source = row.get("date_source") or "publication"
    if source == "publication":
        return day - timedelta(days=PUBLICATION_LOOKBACK), day
    slack = timedelta(days=DAY_SLACK.get(source, 1))
    return day - slack, day + slack


def _place(row: dict) -> dict | None:
    loc = row.get("event_loc")
    return json.loads(loc) if isinstance(loc, str) else loc


@dataclass(frozen=True, slots=True)
class _Key:
    """What compatibility reads of a mention besides its dates."""

    actor: str | None
    recipient: str | None
    country: str | None  # of the event's place, if it has one

    @classmethod
    def of(cls, row: dict[str, Any]) -> _Key:
        if "country" in row:  # a span (see ``event_spans``)
            country = row["country"]
        else:
            place = _place(row)
            country = place.get("country_code") if place else None
        return cls(row.get("actor_id"), row.get("recipient_id"), country)

    def matches(self, other: _Key, symmetric: bool) -> bool:
        if self.country and other.country and self.country != other.country:
            return False
        if (self.actor, self.recipient) == (other.actor, other.recipient):
            return True
        return symmetric and (self.actor, self.recipient) == (other.recipient, other.actor)


class _Components:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        self.parent[max(ri, rj)] = min(ri, rj)


def _sweep(
    parts: _Components, members: Sequence[tuple[int, tuple[date, date] | None, int]]
) -> None:
    """Join every two members of different sides (or any side, if there is one) whose
    intervals overlap; undated members join each other.  ``members``: (index, interval, side).

    Sorted by start, a member overlaps an earlier one of a side only if it overlaps
    the one reaching furthest; earlier members of a side reaching that far all
    contain this start, so they are joined to each other already.
    """
    sides = {side for _, _, side in members}
    undated = [i for i, interval, _ in members if interval is None]
    for i in undated[1:]:
        parts.union(undated[0], i)
    furthest: dict[int, tuple[date, int]] = {}
    dated = sorted((iv[0], iv[1], i, side) for i, iv, side in members if iv is not None)
    for start, end, i, side in dated:
        for other, (reach, j) in furthest.items():
            if (other != side or len(sides) == 1) and reach >= start:
                parts.union(i, j)
        if side not in furthest or end > furthest[side][0]:
            furthest[side] = (end, i)


def cluster(rows: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Connected components of the compatibility graph, in a canonical order.

    Two mentions are compatible when their actors, places and dates are: rows
    with equal actors and place country join wherever their dates overlap, and
    so do two such groups whose keys are compatible, so the work is a sweep per
    group and per compatible pair of groups, not a test of every pair of rows.
    """
    ordered = sorted(rows, key=lambda r: r["mention_id"])
    parts = _Components(len(ordered))
    groups: dict[_Key, list[tuple[int, tuple[date, date] | None]]] = {}
    for i, row in enumerate(ordered):
        groups.setdefault(_Key.of(row), []).append((i, date_interval(row)))
    keys = sorted(groups, key=lambda k: min(i for i, _ in groups[k]))
    symmetric = bool(ordered) and ordered[0]["event"] in SYMMETRIC_TYPES
    for n, key in enumerate(keys):
        _sweep(parts, [(i, iv, 0) for i, iv in groups[key]])
        for other in keys[n + 1 :]:
            if key.matches(other, symmetric):
                sides = [(i, iv, 0) for i, iv in groups[key]]
                _sweep(parts, sides + [(i, iv, 1) for i, iv in groups[other]])
    components: dict[int, list[dict[str, Any]]] = {}
    for i, row in enumerate(ordered):
        components.setdefault(parts.find(i), []).append(row)
    return list(components.values())


@dataclass(frozen=True, slots=True)
class DocInfo:
    outlet: str | None
    published: date | None
    canonical: str  # the document itself, or the one it copies


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


def _best_dated(rows: Sequence[dict]) -> dict:
    def rank(r: dict) -> tuple:
        return (
            r.get("date") is None,
            PRECISION_RANK.get(r.get("date_precision") or "day", 3),
            DATE_SOURCE_RANK.get(r.get("date_source") or "publication", 3),
            r.get("date") or date.max,
            r["mention_id"],
        )

    return min(rows, key=rank)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _max_size(rows: Sequence[dict]) -> dict | None:
    sizes = [s for s in (_json(r.get("size")) for r in rows) if s]
    if not sizes:
        return None
    keys = ("dead", "injured", "arrested")
    return {k: max((s[k] for s in sizes if s.get(k) is not None), default=None) for k in keys}


def _sides(rows: Sequence[dict]) -> dict:
    """The row naming the event's actor and recipient: of the most frequent direction (a
    symmetric event's reports may name either side first), ties broken by id."""

    def direction(row: dict) -> tuple[str, str]:
        return (row.get("actor_id") or "", row.get("recipient_id") or "")

    counts = Counter(direction(r) for r in rows)
    best = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return next(r for r in rows if direction(r) == best)


# A large event is described from its earliest reports (its counts still cover
# them all), so that one more report costs the same however many it has.
SUMMARY_REPORTS = 50


class Member(NamedTuple):
    """A report of an event: one mention, in one sentence of one document."""

    mention_id: str
    doc_id: str
    sentence_index: int

    @classmethod
    def of(cls, row: dict[str, Any]) -> Member:
        return cls(row["mention_id"], row["doc_id"], row["sentence_index"])


def earliest(members: Iterable[Member], docs: dict[str, DocInfo]) -> set[str]:
    """Mention ids of the ``SUMMARY_REPORTS`` earliest published reports."""
    ranked = sorted(members, key=lambda m: (docs[m.doc_id].published or date.max, m.mention_id))
    return {m.mention_id for m in ranked[:SUMMARY_REPORTS]}


def summarize(
    rows: Sequence[dict[str, Any]],
    docs: dict[str, DocInfo],
    members: Sequence[Member] = (),
) -> dict[str, Any]:
    """One event record: ``rows`` are the reports that describe it, its ``earliest``
    in mention id order, and ``members`` lists all its reports (by default ``rows``)."""
    members = members or [Member.of(r) for r in rows]
    first = min(rows, key=lambda r: (docs[r["doc_id"]].published or date.max, r["mention_id"]))
    sides = _sides(rows)
    dated = _best_dated(rows)
    located = [r for r in rows if r.get("event_loc")]
    canonical = {docs[m.doc_id].canonical for m in members}
    # A sentence is one report however many mentions it gives ("X and Y met": X->Y, Y->X).
    sentences = {(m.doc_id, m.sentence_index) for m in members}
    originals = {s for s in sentences if docs[s[0]].canonical == s[0]}
    contexts = sorted({c for r in rows for c in (_json(r.get("context")) or [])})
    return {
        # Named for its least mention id: the same whatever order reports came in, and
        # kept when reports join, so a large event's reports need not be renamed.
        "event_id": stable_id("event", min(m.mention_id for m in members)),
        "block": first["block"],
        "event": first["event"],
        "mode": _most_common(r.get("mode") for r in rows),
        "context": json.dumps(contexts),
        "quad_code": first["quad_code"],
        "cameo": first["cameo"],
        "modality": first["modality"],
        "date": dated.get("date"),
        "date_source": dated.get("date_source"),
        "date_precision": dated.get("date_precision"),
        "date_evidence": dated.get("date_evidence"),
        "actor": sides.get("actor"),
        "recipient": sides.get("recipient"),
        "actor_id": sides.get("actor_id"),
        "recipient_id": sides.get("recipient_id"),
        "event_loc": located[0]["event_loc"] if located else None,
        "size": json.dumps(_max_size(rows)) if _max_size(rows) else None,
        "event_text": _most_common(r.get("event_text") for r in rows),
        "num_mentions": len(originals) or len(sentences),
        "num_sources": len({docs[m.doc_id].outlet or m.doc_id for m in members}),
        "num_articles": len(canonical),
        "first_doc_id": first["doc_id"],
    }


def event_spans(event_id: str, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where an event's reports lie: for each actor key, the runs of days their date
    intervals cover (and whether some are undated).  A report joins the event exactly
    when it is compatible with one of these, so they stand for its reports when new
    ones are merged.  ``rows``: the event's reports, or the spans of events it gathers.
    """
    runs: dict[_Key, list[tuple[date, date]]] = {}
    for row in rows:
        interval = date_interval(row)
        runs.setdefault(_Key.of(row), []).append(interval or (date.min, date.min))
    spans = []
    for key in sorted(runs, key=lambda k: (k.actor or "", k.recipient or "", k.country or "")):
        for lo, hi in _merged(runs[key]):
            undated = (lo, hi) == (date.min, date.min)
            spans.append(
                {
                    "event_id": event_id,
                    "block": rows[0]["block"],
                    "event": rows[0]["event"],
                    "actor_id": key.actor,
                    "recipient_id": key.recipient,
                    "country": key.country,
                    "date_lo": None if undated else lo,
                    "date_hi": None if undated else hi,
                }
            )
    return spans


def _merged(intervals: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Overlapping intervals joined into runs (intervals that only touch stay apart)."""
    runs: list[tuple[date, date]] = []
    for lo, hi in sorted(intervals):
        if runs and lo <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], hi))
        else:
            runs.append((lo, hi))
    return runs


@dataclass(slots=True)
class Joining:
    """An event that new mentions make: those mentions, and the stored events it absorbs."""

    new: list[dict[str, Any]]
    events: list[str]


def join_new(new: Sequence[dict[str, Any]], stored: Sequence[dict[str, Any]]) -> list[Joining]:
    """How ``new`` mentions join the merged ones: ``stored`` holds (at least) every
    merged mention a new one may be compatible with, with its ``event_id``."""
    blocks: dict[str, list[dict[str, Any]]] = {}
    for row in [*new, *stored]:
        blocks.setdefault(row["block"], []).append(row)
    keys: dict[str, int] = {}
    parts = _Components(len(new) + len(stored))
    for rows in blocks.values():
        for component in cluster(rows):
            if all(r.get("event_id") is not None for r in component):
                continue
            ids = [keys.setdefault(_node(r), len(keys)) for r in component]
            for i in ids[1:]:
                parts.union(ids[0], i)
    joined: dict[int, Joining] = {}
    for row in new:
        joined.setdefault(parts.find(keys[_node(row)]), Joining([], [])).new.append(row)
    for node, i in keys.items():
        if node.startswith("event:"):
            joined[parts.find(i)].events.append(node.removeprefix("event:"))
    return [joined[root] for root in sorted(joined)]


def _node(row: dict[str, Any]) -> str:
    event_id = row.get("event_id")
    return f"event:{event_id}" if event_id is not None else f"mention:{row['mention_id']}"


def merge_block(
    rows: Sequence[dict[str, Any]], docs: dict[str, DocInfo]
) -> list[tuple[dict[str, Any], list[str]]]:
    """Events of one block, each with the ids of the mentions it gathers."""
    events = []
    for group in cluster(rows):
        members = [Member.of(r) for r in group]
        sample = earliest(members, docs)
        described = [r for r in group if r["mention_id"] in sample]
        summary = summarize(described, docs, members)
        events.append((summary, [m.mention_id for m in members]))
    return events
