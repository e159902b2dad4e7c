"""Ingest on several workers, and resumable, memory-bounded ingest."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tacitus import pipeline
from tacitus.config import Settings
from tacitus.engines import stages
from tacitus.engines.stages import Worker
from tacitus.ingest import read_inputs
from tacitus.pipeline import IngestReport, ingest
from tacitus.store import Store

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
TABLES = ("documents", "rejected", "actor_mentions", "event_mentions", "events", "claims")

WIRE = """{city}, May {day} - Kenyan President William Ruto met Ethiopian Prime Minister
Abiy Ahmed in {city} on {weekday}, and the two leaders signed an agreement to reopen border
markets that were closed during the drought, officials said.

Police in the northern town of Moyale arrested {arrested} traders suspected of smuggling fuel
across the border, a regional commander told reporters. Ethiopia accused armed groups of
attacking a convoy near the frontier, and Kenya condemned the attack.
"""
PLACES = [("NAIROBI", "Monday"), ("ADDIS ABABA", "Tuesday"), ("MOMBASA", "Wednesday")]


def table_rows(store: Store) -> dict[str, list[str]]:
    """Every table's rows, order-free (tables have no order of their own)."""
    return {
        t: sorted(map(repr, store.con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES
    }


def write_wires(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        city, weekday = PLACES[n % len(PLACES)]
        text = WIRE.format(city=city, day=n + 1, weekday=weekday, arrested=n + 2)
        (folder / f"wire-{n:02d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def one_worker_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("one") / "one.duckdb"
    with Store(db) as store:
        ingest([CORPUS], store, Settings(), workers=1)
    return db


def test_two_workers_store_exactly_what_one_worker_stores(
    one_worker_db: Path, tmp_path: Path
) -> None:
    with Store(tmp_path / "two.duckdb") as store:
        report = ingest([CORPUS], store, Settings(), workers=2)
        two = table_rows(store)
    with Store(one_worker_db, read_only=True) as store:
        one = table_rows(store)
    assert report.stored == len(one["documents"]) > 30
    assert report.events > 0
    assert two == one


def test_rerun_skips_every_stored_document_and_changes_nothing(
    one_worker_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "again.duckdb"
    shutil.copy(one_worker_db, db)
    with Store(db) as store:
        before = table_rows(store)
        report = ingest([CORPUS], store, Settings(), workers=2)
        assert table_rows(store) == before
    assert report.stored == 0
    assert report.skipped == len(before["documents"])


class Interrupted(Exception):
    pass


def test_interrupted_ingest_keeps_finished_batches_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)
    wires = write_wires(tmp_path / "wires", 6)

    def stop_after_first_batch(report: IngestReport) -> None:
        raise Interrupted

    with Store(tmp_path / "resumed.duckdb") as store:
        with pytest.raises(Interrupted):
            ingest([wires], store, Settings(), progress=stop_after_first_batch)
        assert store.count("documents") == 2  # the first batch was committed whole
        resumed = ingest([wires], store, Settings())
        after_resume = table_rows(store)
    with Store(tmp_path / "straight.duckdb") as store:
        ingest([wires], store, Settings())
        straight = table_rows(store)
    assert (resumed.skipped, resumed.stored) == (2, 4)
    assert after_resume == straight


def test_report_counts_every_rejection_but_keeps_only_a_few_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "REJECTION_EXAMPLES", 3)
    folder = write_wires(tmp_path / "inputs", 1)
    for n in range(8):
        (folder / f"ticker-{n}.txt").write_text(f"{n} 345 -- 90 / 11 ## 2024\n")
    with Store(tmp_path / "t.duckdb") as store:
        report = ingest([folder], store, Settings())
        assert store.count("rejected") == 8
    assert report.rejected_total == 8
    assert len(report.rejected) == 3
    assert report.reasons == {"no sentence at all": 8}
    assert report.stored == 1


def test_a_worker_splits_its_time_between_cleaning_parsing_and_coding(tmp_path: Path) -> None:
    worker = Worker(Settings())
    batch = list(read_inputs([write_wires(tmp_path / "inputs", 2)], Settings().ingest))
    began = time.perf_counter()
    coded = worker.code(worker.clean(batch).documents)
    elapsed = time.perf_counter() - began
    assert len(coded) == 2 and coded[0].events
    assert set(worker.seconds) == {"clean", "parse", "code"}
    assert all(seconds > 0 for seconds in worker.seconds.values())
    # Loading spaCy and the knowledge base is no stage's time.
    assert sum(worker.seconds.values()) < elapsed


def test_a_document_whose_coding_fails_is_stored_uncoded_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = stages.code_parsed

    def fails_on_mombasa(doc, document, res):  # type: ignore[no-untyped-def]
        if document.raw.startswith("MOMBASA"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc, document, res)

    monkeypatch.setattr(stages, "code_parsed", fails_on_mombasa)
    with Store(tmp_path / "t.duckdb") as store:
        report = ingest([write_wires(tmp_path / "inputs", 3)], store, Settings())
        rows = store.query(
            "SELECT d.doc_id, json_extract_string(d.meta, '$.coding_error') AS error, "
            "count(m.mention_id) AS events FROM documents d "
            "LEFT JOIN event_mentions m USING (doc_id) GROUP BY ALL ORDER BY error NULLS FIRST"
        )
    assert report.stored == 3
    assert [r["error"] for r in rows] == [
        None,
        None,
        "RecursionError: maximum recursion depth exceeded",
    ]
    assert rows[0]["events"] > 0 and rows[2]["events"] == 0
