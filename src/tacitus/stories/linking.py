"""Which documents belong to one story: links between documents, then connected components."""

from __future__ import annotations

import itertools
from collections import Counter
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


def _close(a: DocNode, b: DocNode) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= STORY_WINDOW_DAYS


def _casts_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= MIN_SHARED_ACTORS and shared >= MIN_CAST_OVERLAP * min(len(a), len(b))


def _cast_pairs(
    docs: Mapping[str, DocNode], casts: Mapping[str, frozenset[str]]
) -> Iterable[tuple[str, str]]:
    """Dated documents close in time whose casts agree; candidates share an actor."""
    by_actor: dict[str, list[str]] = {}
    for doc_id in sorted(casts):
        if docs[doc_id].published is not None:
            for actor in casts[doc_id]:
                by_actor.setdefault(actor, []).append(doc_id)
    candidates = {pair for ids in by_actor.values() for pair in itertools.combinations(ids, 2)}
    for a, b in sorted(candidates):
        if _close(docs[a], docs[b]) and _casts_agree(casts[a], casts[b]):
            yield a, b


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
        ids = sorted(set(reporting) & docs.keys())
        for a, b in itertools.combinations(ids, 2):
            if _close(docs[a], docs[b]):
                parts.union(a, b)
    for a, b in _cast_pairs(docs, casts):
        parts.union(a, b)
    groups: dict[str, list[str]] = {}
    for doc_id in sorted(docs):
        groups.setdefault(parts.find(doc_id), []).append(doc_id)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None
