"""Publication dates for undated reports, from dated reports of the same events.

An article whose text fixes month and day but no year ("on May 14 ... on
Sunday") can take its year from other outlets' dated reports of the same
events: the year is the one that puts the article's own date rule closest to
theirs, within a window.  The document is then re-coded, since its relative
event dates ("on Saturday") depend on the publication date.  Run after every
ingest over all undated documents, so the outcome does not depend on the order
documents arrived in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from tacitus.clean.dates import infer_publication
from tacitus.merge.incremental import merge_pending
from tacitus.records import CleanDocument, CodedDocument
from tacitus.store import Store, story_queries

# How far (days) an inferred date may lie from the dated reports it borrows a year from.
STORY_WINDOW_DAYS = 21
STORY_FLAG = "published_from_story"


@dataclass(frozen=True, slots=True)
class Related:
    doc_id: str
    published: date
    outlet: str | None


def date_from_story(document: CleanDocument, related: list[Related]) -> tuple[date, str] | None:
    """The date rule of ``document`` placed in the year that fits ``related`` best."""
    best: tuple[int, date, str] | None = None
    for year in sorted({r.published.year for r in related}):
        finding = infer_publication(document.text, [year])
        if finding is None or finding.value is None:
            continue
        gap = min(abs((finding.value - r.published).days) for r in related)
        if gap <= STORY_WINDOW_DAYS and (best is None or gap < best[0]):
            best = (gap, finding.value, finding.evidence)
    if best is None:
        return None
    outlets = ", ".join(sorted({r.outlet or r.doc_id for r in related}))
    return best[1], f"{best[2]}; year from dated reports of the same events ({outlets})"


def infer_story_dates(store: Store, recode: Callable[[CleanDocument], CodedDocument]) -> int:
    """Date the undated documents that share events with dated ones; returns how many."""
    dated = 0
    for doc_id in story_queries.undated_originals(store):
        # A date inferred this way is never lent on: only dates the reports carry are.
        rows = story_queries.dated_relatives(store, doc_id, STORY_FLAG)
        related = [Related(**r) for r in rows]
        if not related:
            continue
        document = store.load_document(doc_id)
        found = date_from_story(document, related)
        if found is None:
            continue
        document.published, document.published_evidence = found
        document.published_source = "inferred"
        document.meta[STORY_FLAG] = True
        store.replace_coding(recode(document))
        merge_pending(store)
        dated += 1
    return dated
