"""One database, several processes: the server reads while an ingest writes; writers take turns.

DuckDB lets one process write a file or several read it.  An ingest lets go of the
file between batches, so the read-only server answers throughout; a writer that
keeps the file makes the server answer 503 with a reason after a short wait; and
a second ingest waits for the first or stops with one line, never interleaving.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api_fixtures import build_database
from processes import start_ingest
from tacitus.api import create_app, db
from tacitus.store import Store
from tacitus.store.locking import DatabaseBusy, WriterLock

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
ARTICLES = 8
BATCH = 1


def make_inbox(folder: Path) -> list[str]:
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[-ARTICLES:]:
        shutil.copy(path, folder / path.name)
    return sorted(str(path) for path in folder.iterdir())


def writer_holds(database: Path) -> bool:
    """Whether another writer holds the database's writer lock now."""
    try:
        WriterLock(str(database), wait=0).release()
    except DatabaseBusy:
        return True
    return False


def assert_consistent(database: Path, inputs: list[str]) -> None:
    with Store(database, read_only=True) as store:
        sources = store.query("SELECT source, count(*) AS n FROM documents GROUP BY source")
        orphans = store.query(
            "SELECT count(*) AS n FROM event_mentions m "
            "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = m.event_id)"
        )
        empty = store.query(
            "SELECT count(*) AS n FROM events e "
            "WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.event_id)"
        )
    counts = {r["source"]: r["n"] for r in sources}
    assert all(counts.get(path) == 1 for path in inputs), counts
    assert orphans[0]["n"] == 0 and empty[0]["n"] == 0


@pytest.mark.slow
def test_the_server_answers_reads_while_an_ingest_writes(tmp_path: Path) -> None:
    database = build_database(tmp_path / "events.duckdb")
    inputs = make_inbox(tmp_path / "inbox")
    client = TestClient(create_app(database))
    before = client.get("/api/summary").json()["documents"]

    ingest = start_ingest(tmp_path / "inbox", database, BATCH)
    statuses, seen = [], []
    while ingest.poll() is None:
        for path in ("/api/summary", "/api/events?page_size=5"):
            response = client.get(path)
            statuses.append(response.status_code)
            if path == "/api/summary" and response.status_code == 200:
                seen.append(response.json()["documents"])
    assert ingest.returncode == 0, ingest.stderr.read()  # type: ignore[union-attr]

    print(f"reads during the ingest: {len(statuses)}, statuses {sorted(set(statuses))}")
    assert len(statuses) > 10 and set(statuses) == {200}
    assert seen == sorted(seen), "a reader never sees the database go back"
    assert client.get("/api/summary").json()["documents"] == before + ARTICLES
    assert_consistent(database, inputs)


def test_a_writer_that_keeps_the_file_makes_reads_503_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = build_database(tmp_path / "events.duckdb")
    client = TestClient(create_app(database))
    monkeypatch.setattr(db, "READ_WAIT_SECONDS", 0.2)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys; c = duckdb.connect({str(database)!r}); "
         "print('open', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"  # type: ignore[union-attr]
        busy = client.get("/api/events")
    finally:
        holder.communicate("")

    assert busy.status_code == 503 and busy.headers["Retry-After"]
    assert "busy: another process is writing it" in busy.json()["detail"]
    assert client.get("/api/events").status_code == 200


def test_a_second_writer_waits_a_bounded_time_then_stops_with_a_reason(tmp_path: Path) -> None:
    database = tmp_path / "events.duckdb"
    with (
        Store(database, hold=False),
        pytest.raises(DatabaseBusy, match=r"another ingest is writing .*events\.duckdb"),
    ):
        Store(database, hold=False, lock_wait=0.3)
    Store(database, hold=False).close()  # the first writer's lock went with it


@pytest.mark.slow
def test_two_ingests_into_one_database_take_turns(tmp_path: Path) -> None:
    database = tmp_path / "events.duckdb"
    inputs = make_inbox(tmp_path / "inbox")

    first = start_ingest(tmp_path / "inbox", database, BATCH)
    while first.poll() is None and not writer_holds(database):
        time.sleep(0.05)
    second = start_ingest(tmp_path / "inbox", database, BATCH)
    _, first_errors = first.communicate()
    _, second_errors = second.communicate()

    assert first.returncode == 0, first_errors
    print(f"second ingest: exit {second.returncode} {second_errors.strip()[-200:]}")
    if second.returncode != 0:  # it gave up waiting: one line saying why
        assert second_errors.strip().count("\n") == 0
        assert "another ingest is writing" in second_errors
    assert_consistent(database, inputs)
