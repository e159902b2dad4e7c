"""End to end through the command line, on the sample corpus."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import jsonschema
import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tacitus.actors import KnowledgeBase
from tacitus.clean.lookalikes import fold_text
from tacitus.cli import cli
from tacitus.export import CSV_COLUMNS, event_schema
from tacitus.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
SPUN = "globalpulse-daily__2024-03-18__israel-bombs-targets-deep-inside-lebanon.txt"
ORIGINAL = "nordradio__2024-03-18__israel-hezbollah-exchange-fire.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "corpus.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "stored:             37" in result.output
    return path


@pytest.fixture(scope="module")
def events(db: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_every_exported_event_validates_against_the_schema(events: list[dict]) -> None:
    assert len(events) > 50
    for event in events:
        jsonschema.validate(event, event_schema())


def test_evidence_offsets_point_at_the_sentence_in_the_raw_file(events: list[dict]) -> None:
    for event in events:
        for mention in event["mentions"]:
            path = Path(mention["source"])
            if path.suffix != ".txt":
                continue
            raw = path.read_text(encoding="utf-8")[mention["start"] : mention["end"]]
            # the spun copy's raw text keeps its Cyrillic letters: compare them folded
            shown = " ".join(fold_text(raw).split())
            assert shown[:20] == " ".join(mention["sentence"].split())[:20]


def test_a_call_reported_by_several_outlets_is_one_event(events: list[dict]) -> None:
    calls = [
        e for e in events
        if e["event"] == "CONSULT" and e["mode"] == "phone"
        and {"Esmail Qaani", "Ismail Haniyeh"} <= {(e["actor"] or {}).get("name"),
                                                   (e["recipient"] or {}).get("name")}
    ]  # fmt: skip
    assert len(calls) == 1
    # Outlets that name Hamas rather than Haniyeh as the recipient report another dyad.
    assert calls[0]["num_sources"] >= 2
    assert calls[0]["actor"]["code"] in {"IRN", "PSE"}


def test_spun_copy_is_linked_and_does_not_double_count(db: Path, events: list[dict]) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0
    copied = [e for e in events if any(Path(m["source"]).name == SPUN for m in e["mentions"])]
    assert copied, "the spun copy yields events"
    with Store(db, read_only=True) as store:
        links = store.query("SELECT source, duplicate_of FROM documents")
    copies = {Path(r["source"]).name for r in links if r["duplicate_of"]}
    assert {SPUN, ORIGINAL} & copies, "one of the pair is recorded as a copy of the other"
    assert "newsharvest24__2024-03-03__iran-quds-commander-phones-hamas-jihad.txt" in copies
    for event in copied:
        files = {Path(m["source"]).name for m in event["mentions"]}
        if ORIGINAL in files:
            assert event["num_articles"] == len(files) - 1


def test_ingesting_again_stores_nothing_new(db: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--db", str(db)])
    assert result.exit_code == 0
    assert "stored:             0" in result.output
    assert "already stored:     37" in result.output


def test_csv_and_parquet_exports(db: Path, tmp_path: Path, events: list[dict]) -> None:
    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(
        cli, ["events", "--db", str(db), "--format", "parquet", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows == len(events)
    assert {"actor_code", "recipient_code", "date", "mentions"} <= set(table.column_names)


def test_actors_lists_spellings_together(db: Path) -> None:
    result = CliRunner().invoke(cli, ["actors", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    qaani = [r for r in rows if r["name"] == "Esmail Qaani"]
    assert len(qaani) == 1
    assert len(qaani[0]["surface_forms"]) >= 2


def test_code_reads_plain_text_from_stdin() -> None:
    text = (
        "Turkish police detained 14 suspected members of an Israeli spy network in "
        "Istanbul on Friday, the interior ministry said.\n"
    )
    result = CliRunner().invoke(cli, ["code"], input=text)
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    record = json.loads(line)
    assert record["events"]
    assert record["events"][0]["event"] == "COERCE"


def test_missing_path_is_one_line_and_non_zero(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code != 0


def test_events_without_a_database_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0
    assert "no database" in result.output


def test_python_dash_m_runs_the_command_and_reports_errors_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tacitus", "events", "--db", str(tmp_path / "none.duckdb")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1
    assert "no database" in done.stderr


@pytest.mark.parametrize("spelling", ["Qaani", "Ghaani", "esmail-qaani", "ESMAIL QAANI", "Qa'ani"])
def test_compare_finds_an_actor_by_any_spelling(db: Path, spelling: str) -> None:
    result = CliRunner().invoke(cli, ["compare", "--db", str(db), "--actor", spelling])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Esmail Qaani:")


def test_a_name_naming_no_actor_suggests_near_ones(db: Path) -> None:
    result = CliRunner().invoke(cli, ["compare", "--db", str(db), "--actor", "Qani"])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert "no such actor 'Qani'; did you mean: Esmail Qaani" in result.output


def event_ids(db: Path, *args: str) -> set[str]:
    result = CliRunner().invoke(cli, ["events", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return {json.loads(line)["id"] for line in result.output.splitlines()}


def test_event_filters_take_any_spelling_of_an_actor(db: Path, events: list[dict]) -> None:
    ghaani = event_ids(db, "--party", "Ghaani")
    assert ghaani and ghaani == event_ids(db, "--party", "Qaani")
    assert ghaani == event_ids(db, "--party", "esmail-qaani")
    sides = {e["id"]: {(e["actor"] or {}).get("id"), (e["recipient"] or {}).get("id")}
             for e in events}  # fmt: skip
    assert all("esmail-qaani" in sides[i] for i in ghaani)
    done_by = event_ids(db, "--actor", "Qaani")
    assert done_by <= ghaani
    assert all((e["actor"] or {}).get("id") == "esmail-qaani" for e in events
               if e["id"] in done_by)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "valid"),
    [
        (["events", "--type", "FOO"], "AGREE, CONSULT"),
        (["events", "--modality", "maybe"], "'asserted'"),
        (["events", "--format", "xml"], "'parquet'"),
        (["graph", "--format", "dot"], "'gexf'"),
    ],
)
def test_invalid_choices_are_refused_naming_the_valid_ones(
    db: Path, args: list[str], valid: str
) -> None:
    result = CliRunner().invoke(cli, [*args, "--db", str(db)])
    assert result.exit_code == 2
    assert valid in result.output


def test_csv_cells_stay_on_one_line(db: Path, events: list[dict]) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "csv"])
    lines = result.output.splitlines()
    assert len(lines) == len(events) + 1
    assert all(len(row) == len(CSV_COLUMNS) for row in csv.reader(lines))
    assert any("\n" in m["sentence"] for e in events for m in e["mentions"])


def test_parquet_has_typed_dates_and_nested_mentions(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "parquet", "--out", str(out)])
    schema = pq.read_schema(out)
    assert schema.field("date").type == pa.date32()
    assert schema.field("mentions").type.value_type.field("published").type == pa.date32()
    query = (
        "SELECT count(DISTINCT m.outlet) FROM (SELECT unnest(mentions) AS m FROM read_parquet(?) "
        "WHERE date >= DATE '2024-03-01' AND list_contains(outlets, 'Meridian Press Agency'))"
    )
    assert duckdb.execute(query, [str(out)]).fetchone()[0] >= 2


def test_graph_labels_tell_actors_apart(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "actors.gexf"
    CliRunner().invoke(cli, ["graph", "--db", str(db), "--out", str(out)])
    labels = dict(nx.read_gexf(out).nodes(data="label"))
    assert len(set(labels.values())) == len(labels)
    assert labels.get("IRN.GOV") == "Iran (government)"
    assert labels.get("IRN") == "Iran"


def test_no_spelling_listed_for_an_actor_is_another_actors_name(db: Path) -> None:
    kb = KnowledgeBase.load()
    result = CliRunner().invoke(cli, ["actors", "--db", str(db), "--format", "jsonl"])
    for row in map(json.loads, result.output.splitlines()):
        for spelling in row["surface_forms"]:
            named = {e.actor_id for e in kb.lookup(spelling) if e.role == "name"}
            assert not named or row["actor_id"] in named, (row["actor_id"], spelling, named)
