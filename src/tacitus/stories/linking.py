"""Which documents belong to one story: links between documents, then connected components."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

# Two reports belong to one story only if published this close (days); a shared
# event or cast further apart is background, not the same story.
STORY_WINDOW_DAYS = 3
# Documents naming at least this many of the same specific actors...
MIN_SHARED_ACTORS = 2
# ...which make up at least this share of the smaller cast (big names recur everywhere).
MIN_CAST_OVERLAP = 0.5


@dataclass(frozen=True, slots=True)
class DocNode:
    doc_id: str
    published: date | None
    copy_of: str | None = None


def _casts_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= MIN_SHARED_ACTORS and shared >= MIN_CAST_OVERLAP * min(len(a), len(b))


def _close_pairs(nodes: Iterable[DocNode]) -> Iterable[tuple[str, str]]:
    """Pairs of dated documents published close together, by a sweep over dates."""
    dated = sorted((n.published, n.doc_id) for n in nodes if n.published is not None)
    for i, (day, doc_id) in enumerate(dated):
        for later, other in dated[i + 1 :]:
            if (later - day).days > STORY_WINDOW_DAYS:
                break
            yield doc_id, other


def _cast_pairs(
    docs: Mapping[str, DocNode], casts: Mapping[str, frozenset[str]]
) -> Iterable[tuple[str, str]]:
    """Dated documents close in time whose casts agree; candidates share an actor."""
    by_actor: dict[str, list[DocNode]] = {}
    for doc_id in sorted(casts.keys() & docs.keys()):
        for actor in casts[doc_id]:
            by_actor.setdefault(actor, []).append(docs[doc_id])
    candidates = {tuple(sorted(p)) for nodes in by_actor.values() for p in _close_pairs(nodes)}
    for a, b in sorted(candidates):
        if _casts_agree(casts[a], casts[b]):
            yield a, b


def _event_pairs(
    docs: Mapping[str, DocNode], reporting: Iterable[str]
) -> Iterable[tuple[str, str]]:
    """Enough links to join the reports of one event that lie close in time.

    Consecutive dated reports within the window chain a run together; a report
    with no date is close to every other, so it joins them all.
    """
    nodes = [docs[d] for d in sorted(set(reporting) & docs.keys())]
    dated = sorted((n.published, n.doc_id) for n in nodes if n.published is not None)
    for (day, a), (later, b) in itertools.pairwise(dated):
        if (later - day).days <= STORY_WINDOW_DAYS:
            yield a, b
    undated = [n.doc_id for n in nodes if n.published is None]
    if undated:
        yield from ((undated[0], other) for other in [d for _, d in dated] + undated[1:])


class _Components:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        self.parent[max(ra, rb)] = min(ra, rb)


def group_documents(
    docs: Mapping[str, DocNode],
    event_docs: Mapping[str, Iterable[str]],
    casts: Mapping[str, frozenset[str]],
) -> list[list[str]]:
    """Stories as sorted lists of doc ids, largest first.

    ``event_docs`` maps each merged event to the documents reporting it;
    ``casts`` maps a document to the specific actors it names.  A copy always
    joins the story of the article it copies.
    """
    parts = _Components(docs)
    for doc in docs.values():
        if doc.copy_of in docs:
            parts.union(doc.doc_id, doc.copy_of)
    for reporting in event_docs.values():
        for a, b in _event_pairs(docs, reporting):
            parts.union(a, b)
    for a, b in _cast_pairs(docs, casts):
        parts.union(a, b)
    groups: dict[str, list[str]] = {}
    for doc_id in sorted(docs):
        groups.setdefault(parts.find(doc_id), []).append(doc_id)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))
