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
from tacitus.records import CleanDocument, CodedDocument
from tacitus.store import Store

# How far (days) an inferred date may lie from the dated reports it borrows a year from.
STORY_WINDOW_DAYS = 21
STORY_FLAG = "published_from_story"

# Dated, canonical documents that report an event with the same two sides.
RELATED_SQL = f"""
SELECT DISTINCT d.doc_id, d.published, d.outlet
FROM event_mentions a
JOIN event_mentions b ON a.block = b.block AND b.doc_id <> a.doc_id
     AND ((a.actor_id = b.actor_id AND a.recipient_id = b.recipient_id)
          OR (a.actor_id = b.recipient_id AND a.recipient_id = b.actor_id))
JOIN documents d ON d.doc_id = b.doc_id
WHERE a.doc_id = ? AND a.recipient_id IS NOT NULL AND d.published IS NOT NULL
  AND d.duplicate_of IS NULL
  AND coalesce(json_extract(d.meta, '$.{STORY_FLAG}')::BOOLEAN, false) = false
ORDER BY d.doc_id
"""


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
    undated = store.query(
        "SELECT doc_id FROM documents WHERE published IS NULL AND duplicate_of IS NULL "
        "ORDER BY doc_id"
    )
    dated = 0
    for row in undated:
        related = [Related(**r) for r in store.query(RELATED_SQL, [row["doc_id"]])]
        if not related:
            continue
        document = store.load_document(row["doc_id"])
        found = date_from_story(document, related)
        if found is None:
            continue
        document.published, document.published_evidence = found
        document.published_source = "inferred"
        document.meta[STORY_FLAG] = True
        store.replace_coding(recode(document))
        dated += 1
    return dated
