"""Events do not depend on the order articles arrive in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.config import Settings
from tacitus.pipeline import ingest
from tacitus.store import Store
from tacitus.stories import stories

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
EVENTS_SQL = """
SELECT e.event_id, e.event, e.mode, e.modality, e.actor_id, e.recipient_id, e.date,
       e.date_precision, e.num_sources, e.num_articles,
       list_sort(list(m.mention_id)) AS mentions
FROM events e JOIN event_mentions m USING (event_id)
GROUP BY ALL ORDER BY e.event_id
"""


def _ingest(db: Path, batches: list[list[Path]]) -> tuple[list[dict], list[list[str]]]:
    """The events of a fresh database, and its stories as lists of document ids."""
    with Store(db) as store:
        for paths in batches:
            ingest(paths, store, Settings())
        grouped = [[d["doc_id"] for d in s["documents"]] for s in stories(store)]
        return store.query(EVENTS_SQL), grouped


@pytest.mark.slow
def test_folder_at_once_and_files_one_by_one_backwards_give_the_same_events_and_stories(
    tmp_path: Path,
) -> None:
    files = sorted(p for p in CORPUS.iterdir() if p.name != "manifest.jsonl")
    events, grouped = _ingest(tmp_path / "folder.duckdb", [[CORPUS]])
    events_back, grouped_back = _ingest(tmp_path / "reverse.duckdb", [[p] for p in reversed(files)])
    assert len(events) > 50 and any(len(g) > 2 for g in grouped)
    assert events_back == events
    assert grouped_back == grouped
