"""Crash safety: an ingest killed at any moment and run again loses nothing and doubles nothing.

``tacitus ingest`` runs as a separate process over a small inbox (eleven sample
articles and one unreadable file) in batches of two: once straight through, then
again into a fresh database, killed with SIGKILL at moments drawn from fixed seeds
over the length of a whole run (so kills land in start-up, inside and between batch
commits, and in the closing story-dating pass), and finally run to completion.
The database must open cleanly and hold what the straight run stored: every input
stored once or rejected with a reason, the same events made of the same mentions.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from processes import start_ingest
from tacitus.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ARTICLES = 11
# One kill per seed, at a moment drawn from it.
SEEDS = (1, 2, 3, 4)
# A run that ends before its drawn moment is run again with a new draw, this many times.
TRIES_PER_SEED = 3
# Small batches, so a run commits several times and kills land between and inside them.
BATCH = 2


def make_inbox(folder: Path) -> list[str]:
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:ARTICLES]:
        shutil.copy(path, folder / path.name)
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 16)
    return sorted(str(path) for path in folder.iterdir())


def kill_at(process: subprocess.Popen[str], seconds: float) -> bool:
    """SIGKILL ``process`` after ``seconds``; False if it had finished by then."""
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True
    return False


def stored(db: Path) -> int:
    with Store(db, read_only=True) as store:
        try:
            return store.count("documents")
        except duckdb.CatalogException:  # killed before the schema was committed
            return 0


def snapshot(db: Path) -> dict[str, object]:
    """What a run leaves behind: documents by source, rejections, events and their mentions."""
    with Store(db) as store:  # read-write: replays whatever a killed run left in the log
        docs = store.query("SELECT source, count(*) AS n FROM documents GROUP BY source")
        rejected = store.query("SELECT source, reason, count(*) AS n FROM rejected GROUP BY ALL")
        mentions = store.query(
            "SELECT event_id, list_sort(list(mention_id)) AS ids FROM event_mentions "
            "WHERE event_id IS NOT NULL GROUP BY event_id"
        )
        events = {r["event_id"] for r in store.query("SELECT event_id FROM events")}
        dates = store.query("SELECT doc_id, published, duplicate_of FROM documents")
    return {
        "documents": {r["source"]: r["n"] for r in docs},
        "rejected": {r["source"]: (r["reason"], r["n"]) for r in rejected},
        "events": events,
        "mentions": {r["event_id"]: tuple(r["ids"]) for r in mentions},
        "dating": sorted((r["doc_id"], str(r["published"]), r["duplicate_of"]) for r in dates),
    }


@pytest.mark.slow
def test_killed_ingests_resume_to_the_same_database(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inputs = make_inbox(inbox)
    began = time.monotonic()
    straight = start_ingest(inbox, tmp_path / "straight.duckdb", BATCH)
    assert straight.wait() == 0, straight.stderr.read()  # type: ignore[union-attr]
    # Kill moments are drawn over the length of a whole run, start-up included.
    run_seconds = time.monotonic() - began
    expected = snapshot(tmp_path / "straight.duckdb")

    db = tmp_path / "killed.duckdb"
    progress = []
    for seed in SEEDS:
        rng = random.Random(seed)
        for _ in range(TRIES_PER_SEED):
            if kill_at(start_ingest(inbox, db, BATCH), rng.uniform(0.05, 0.95) * run_seconds):
                progress.append(stored(db) if db.exists() else 0)
                break
    final = start_ingest(inbox, db, BATCH)
    assert final.wait() == 0, final.stderr.read()  # type: ignore[union-attr]
    got = snapshot(db)

    documents, rejected = got["documents"], got["rejected"]
    lost = [p for p in inputs if p not in documents and p not in rejected]  # type: ignore[operator]
    duplicates = sum(n - 1 for n in documents.values())  # type: ignore[attr-defined]
    duplicates += sum(n - 1 for _, n in rejected.values())  # type: ignore[attr-defined]
    counts = {
        "inputs": len(inputs),
        "kills": len(progress),
        "stored_when_killed": progress,
        "lost": len(lost),
        "duplicates": duplicates,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "crash-safety.json").write_text(json.dumps(counts, indent=2) + "\n")
    print(f"crash safety: {counts}")

    assert progress, "at least one run was killed before it finished"
    assert (lost, duplicates) == ([], 0)
    assert rejected == {str(inbox / "scan.txt"): ("binary content (NUL bytes), not text", 1)}
    assert got == expected
