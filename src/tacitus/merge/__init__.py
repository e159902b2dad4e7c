"""Merge: event mentions from many reports become one event per real-world event.

Mentions are first grouped into blocks (same modality, type and the countries
of the two sides), then linked inside a block when they are compatible: same
actors (or one the parent organization of the other), dates whose uncertainty
intervals overlap and places that do not conflict.  Events are the connected
components, so the result does not depend on the order mentions arrived in.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tacitus.records import stable_id

# Types whose two sides are interchangeable ("X met Y" is "Y met X").
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# How far (days) an event may lie from a date, by how that date was found.
DAY_SLACK = {"text": 1, "inferred": 2}
# A date taken from the publication says the event happened shortly before it.
PUBLICATION_LOOKBACK = 4
DATE_SOURCE_RANK = {"text": 0, "inferred": 1, "publication": 2}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}

Ancestry = Callable[[str], Sequence[str]]


def side_key(side: dict[str, Any] | None) -> str:
    if not side:
        return "-"
    return str(side.get("code") or side.get("id") or "-")


def block_key(event: str, modality: str, actor: dict | None, recipient: dict | None) -> str:
    sides = [side_key(actor), side_key(recipient)]
    if event in SYMMETRIC_TYPES:
        sides.sort()
    return "|".join([modality, event, *sides])


def date_interval(row: dict[str, Any]) -> tuple[date, date] | None:
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


def _same_actor(a: str | None, b: str | None, ancestry: Ancestry) -> bool:
    if a == b:
        return True
    if a is None or b is None:
        return False
    return a in ancestry(b) or b in ancestry(a)


def _side_ids(row: dict[str, Any]) -> tuple[str | None, str | None]:
    return row.get("actor_id"), row.get("recipient_id")


def _actors_compatible(a: dict, b: dict, ancestry: Ancestry) -> bool:
    (a1, a2), (b1, b2) = _side_ids(a), _side_ids(b)
    if _same_actor(a1, b1, ancestry) and _same_actor(a2, b2, ancestry):
        return True
    symmetric = a["event"] in SYMMETRIC_TYPES
    return symmetric and _same_actor(a1, b2, ancestry) and _same_actor(a2, b1, ancestry)


def _dates_compatible(a: dict, b: dict) -> bool:
    ia, ib = date_interval(a), date_interval(b)
    if ia is None or ib is None:
        return ia is None and ib is None
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _places_compatible(a: dict, b: dict) -> bool:
    pa, pb = _place(a), _place(b)
    if not pa or not pb:
        return True
    return pa.get("country_code") == pb.get("country_code")


def _place(row: dict) -> dict | None:
    loc = row.get("event_loc")
    return json.loads(loc) if isinstance(loc, str) else loc


def compatible(a: dict, b: dict, ancestry: Ancestry) -> bool:
    return (
        _actors_compatible(a, b, ancestry) and _dates_compatible(a, b) and _places_compatible(a, b)
    )


def _overlapping_pairs(rows: Sequence[dict[str, Any]]) -> Iterable[tuple[int, int]]:
    """Pairs of dated rows whose intervals overlap, found by a sweep, not all pairs."""
    dated = sorted(
        ((iv, i) for i, r in enumerate(rows) if (iv := date_interval(r)) is not None),
        key=lambda item: (item[0][0], item[1]),
    )
    active: list[tuple[date, int]] = []
    for (start, end), i in dated:
        active = [(e, j) for e, j in active if e >= start]
        yield from ((j, i) for _, j in active)
        active.append((end, i))


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


def _candidate_pairs(rows: Sequence[dict[str, Any]]) -> Iterable[tuple[int, int]]:
    """Undated rows pair with each other only: a report with no date at all could
    be any of the dated events of its dyad, so it is not guessed into one."""
    undated = [i for i, r in enumerate(rows) if date_interval(r) is None]
    yield from ((a, b) for n, a in enumerate(undated) for b in undated[n + 1 :])
    yield from _overlapping_pairs(rows)


def cluster(rows: Sequence[dict[str, Any]], ancestry: Ancestry) -> list[list[dict[str, Any]]]:
    """Connected components of the compatibility graph, in a canonical order."""
    ordered = sorted(rows, key=lambda r: r["mention_id"])
    parts = _Components(len(ordered))
    for i, j in _candidate_pairs(ordered):
        if parts.find(i) != parts.find(j) and compatible(ordered[i], ordered[j], ancestry):
            parts.union(i, j)
    groups: dict[int, list[dict[str, Any]]] = {}
    for i, row in enumerate(ordered):
        groups.setdefault(parts.find(i), []).append(row)
    return list(groups.values())


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


def _most_specific(values: Iterable[str | None], ancestry: Ancestry) -> str | None:
    """The id that names the side most precisely (a person over their group), then the
    most frequent: reports at different levels agree on who, the precise one says it best."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None

    def rank(item: tuple[str, int]) -> tuple[int, int, str]:
        value, count = item
        covered = sum(1 for other in counts if other != value and other in ancestry(value))
        return (-covered, -count, value)

    return min(counts.items(), key=rank)[0]


def summarize(
    rows: Sequence[dict[str, Any]], docs: dict[str, DocInfo], ancestry: Ancestry = lambda _: ()
) -> dict[str, Any]:
    """One event record from the mentions of one cluster."""
    first = min(rows, key=lambda r: (docs[r["doc_id"]].published or date.max, r["mention_id"]))
    actor_id = _most_specific((r.get("actor_id") for r in rows), ancestry)
    recipient_id = _most_specific((r.get("recipient_id") for r in rows), ancestry)
    actor_row = next((r for r in rows if r.get("actor_id") == actor_id), first)
    recipient_row = next((r for r in rows if r.get("recipient_id") == recipient_id), first)
    dated = _best_dated(rows)
    located = [r for r in rows if r.get("event_loc")]
    canonical = {docs[r["doc_id"]].canonical for r in rows}
    originals = [r for r in rows if docs[r["doc_id"]].canonical == r["doc_id"]]
    contexts = sorted({c for r in rows for c in (_json(r.get("context")) or [])})
    return {
        "event_id": stable_id("event", *sorted(r["mention_id"] for r in rows)),
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
        "actor": actor_row.get("actor"),
        "recipient": recipient_row.get("recipient"),
        "actor_id": actor_id,
        "recipient_id": recipient_id,
        "event_loc": located[0]["event_loc"] if located else None,
        "size": json.dumps(_max_size(rows)) if _max_size(rows) else None,
        "event_text": _most_common(r.get("event_text") for r in rows),
        "num_mentions": len(originals) or len(rows),
        "num_sources": len({docs[r["doc_id"]].outlet or r["doc_id"] for r in rows}),
        "num_articles": len(canonical),
        "first_doc_id": first["doc_id"],
    }


def linked_events(
    new: Sequence[dict[str, Any]], stored: Sequence[dict[str, Any]], ancestry: Ancestry
) -> set[str]:
    """Events of the ``stored`` mentions (merged already) that a ``new`` mention links to."""
    by_block: dict[str, list[dict[str, Any]]] = {}
    for row in new:
        by_block.setdefault(row["block"], []).append(row)
    touched: set[str] = set()
    for row in stored:
        if row["event_id"] not in touched and any(
            compatible(other, row, ancestry) for other in by_block.get(row["block"], ())
        ):
            touched.add(row["event_id"])
    return touched


def merge_block(
    rows: Sequence[dict[str, Any]], docs: dict[str, DocInfo], ancestry: Ancestry
) -> list[tuple[dict[str, Any], list[str]]]:
    """Events of one block, each with the ids of the mentions it gathers."""
    return [
        (summarize(group, docs, ancestry), [r["mention_id"] for r in group])
        for group in cluster(rows, ancestry)
    ]
