"""Claims are stored with their documents and set side by side across outlets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus.cli import cli
from tacitus.config import Settings
from tacitus.merge.incremental import merge_pending
from tacitus.pipeline import Resources, code_documents
from tacitus.records import CleanDocument, OffsetMap, stable_id
from tacitus.store import Store
from tacitus.stories import claims

pytestmark = pytest.mark.slow

REPORTS = (
    ("Coast Wire", date(2024, 5, 12),
     "Flooding swept through villages in northern Kenya on Saturday. At least 40 people were "
     "killed, including 12 children, the Kenya Red Cross said."),
    ("Daily Ledger", date(2024, 5, 13),
     "Rescuers pulled more bodies from the mud on Sunday. The death toll from the floods in "
     "northern Kenya rose to 58, officials said."),
    ("Daily Ledger", date(2024, 5, 13),
     "Police in Nairobi arrested 25 people during protests over food prices on Sunday, "
     "according to the police spokesman."),
)  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    documents = [
        CleanDocument(
            doc_id=stable_id("claims-test", text),
            source=f"{outlet}.txt",
            raw=text,
            text=text,
            offsets=OffsetMap.identity(len(text)),
            outlet=outlet,
            published=published,
            published_source="metadata",
        )
        for outlet, published, text in REPORTS
    ]
    path = tmp_path_factory.mktemp("claims") / "claims.duckdb"
    with Store(path) as store:
        store.write_batch(code_documents(documents, Resources.load(Settings())))
        merge_pending(store)
    return path


def test_each_stated_figure_is_stored_with_its_source_and_offsets(db: Path) -> None:
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT * FROM claims ORDER BY value")
        texts = {r["doc_id"]: r["text"] for r in store.query("SELECT doc_id, text FROM documents")}
    by_value = {r["value"]: r for r in rows}
    assert {12, 25, 40, 58} <= set(by_value)
    total, children = by_value[40], by_value[12]
    assert children["part_of"] == total["claim_id"]
    assert total["said_by"] == "the Kenya Red Cross" and total["qualifier"] == "at least"
    assert texts[total["doc_id"]][total["start"] : total["end"]] == "At least 40 people"
    assert by_value[25]["kind"] == "arrested"


def test_two_outlets_tolls_of_the_same_flood_are_one_group_in_date_order(db: Path) -> None:
    with Store(db, read_only=True) as store:
        groups = claims(store, kind="killed")
    toll = next(g for g in groups if 40 in g["values"])
    assert [(c["outlet"], c["value"]) for c in toll["claims"]] == [
        ("Coast Wire", 40), ("Daily Ledger", 58),
    ]  # fmt: skip
    assert toll["outlets"] == ["Coast Wire", "Daily Ledger"]
    assert all(c["kind"] == "killed" for g in groups for c in g["claims"])


def test_claims_command_shows_how_the_figure_moves(db: Path) -> None:
    result = CliRunner().invoke(cli, ["claims", "--db", str(db), "--kind", "killed"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    first = next(i for i, line in enumerate(lines) if "| Coast Wire | 40 (at least)" in line)
    assert "| Daily Ledger | 58" in lines[first + 1]
    assert "arrested" not in result.output
