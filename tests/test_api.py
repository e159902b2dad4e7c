"""The JSON API over a hand-built database: every endpoint, and bad requests."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api_fixtures import Tie, build_database, build_ties_database, invented_actor
from tacitus.api import create_app, data, upload
from tacitus.api.db import DatabaseUnavailable
from tacitus.config import ActorConfig, Settings
from tacitus.export import event_schema
from tacitus.export.formats import EXPORT_FORMATS
from tacitus.store import Store
from tacitus.store.filters import MAX_PAGE_SIZE, EventFilter, NetworkFilter

TOKEN = "s3cret-upload-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_database(tmp_path_factory.mktemp("api") / "events.duckdb")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def events(client: TestClient, **params: object) -> list[dict]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()["events"]


def test_events_are_paged_in_the_export_layout(client: TestClient) -> None:
    import jsonschema

    body = client.get("/api/events", params={"page_size": 3, "page": 2}).json()
    assert (body["total"], body["pages"], body["page"]) == (7, 3, 2)
    assert len(body["events"]) == 3
    for event in body["events"]:
        jsonschema.validate(event, event_schema())
    dates = [e["date"] for e in events(client, page_size=50)]
    assert dates == sorted(dates)


def test_pages_never_overlap(client: TestClient) -> None:
    seen = [e["id"] for page in (1, 2, 3) for e in events(client, page=page, page_size=3)]
    assert len(seen) == len(set(seen)) == 7


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "consult"}, {"CONSULT"}),
        ({"type": "ASSAULT,accuse"}, {"ASSAULT", "ACCUSE"}),
        ({"quad": 4}, {"ASSAULT", "MOBILIZE"}),
        ({"actor": "Kenya"}, {"ACCUSE"}),
        ({"recipient": "KEN"}, {"AID", "MOBILIZE"}),
        ({"party": "org:al-shabaab"}, {"ASSAULT", "ACCUSE"}),
        ({"country": "se"}, {"CONSULT", "AID", "PROTEST"}),
        ({"outlet": "Valley Herald"}, {"CONSULT", "REQUEST", "PROTEST"}),
        ({"date_from": "2024-05-08", "date_to": "2024-05-09"}, {"ASSAULT", "ACCUSE", "MOBILIZE"}),
        ({"modality": "negated"}, {"MOBILIZE"}),
        ({"q": "drought relief"}, {"AID"}),
        ({"q": "HELD TALKS"}, {"CONSULT"}),
    ],
)
def test_each_filter_selects_the_right_events(
    client: TestClient, params: dict, expected: set[str]
) -> None:
    assert {e["event"] for e in events(client, **params)} == expected


def test_sorting_by_reports_puts_the_widely_reported_meeting_first(client: TestClient) -> None:
    first = events(client, sort="-mentions")[0]
    assert first["event"] == "CONSULT" and first["num_mentions"] == 3


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"type": "INVADE"}, "type", "unknown event type INVADE"),
        ({"date_from": "2024-02-30"}, "date_from", "valid date"),
        ({"date_to": "yesterday"}, "date_to", "valid date"),
        ({"page_size": 1_000_000}, "page_size", f"less than or equal to {MAX_PAGE_SIZE}"),
        ({"page": 0}, "page", "greater than or equal to 1"),
        ({"quad": 9}, "quad", "less than or equal to 4"),
        ({"sort": "date; DROP TABLE events"}, "sort", "Input should be"),
        ({"modality": "rumoured"}, "modality", "Input should be"),
        ({"country": "Kenya!"}, "country", "should match pattern"),
        ({"colour": "red"}, "colour", "Extra inputs are not permitted"),
    ],
)
def test_bad_parameters_get_a_422_naming_the_field(
    client: TestClient, params: dict, field: str, words: str
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("invalid request:")
    assert any(e["field"] == field and words in e["message"] for e in body["errors"]), body


def test_reversed_date_range_is_refused(client: TestClient) -> None:
    response = client.get(
        "/api/events", params={"date_from": "2024-06-01", "date_to": "2024-05-01"}
    )
    assert response.status_code == 422
    assert "date_from is after date_to" in response.json()["detail"]


@pytest.mark.parametrize("text", ["'; DROP TABLE events; --", "100%", "x' OR '1'='1", "_", "\\"])
def test_sql_looking_search_text_is_only_ever_text(client: TestClient, db: Path, text: str) -> None:
    assert events(client, q=text) == []
    with Store(db, read_only=True) as store:
        assert store.count("events") == 7


def test_one_event_carries_every_outlets_evidence_with_highlights(client: TestClient) -> None:
    consult = events(client, type="CONSULT")[0]
    detail = client.get(f"/api/events/{consult['id']}").json()
    outlets = [group["outlet"] for group in detail["evidence"]]
    assert outlets == ["Coastal Wire", "Harbor Times", "Valley Herald"]
    report = detail["evidence"][0]["reports"][0]
    marked = {s["role"]: s["text"] for s in report["segments"] if s["role"]}
    assert marked == {
        "actor": "Ana Lindqvist",
        "recipient": "Joseph Mwangi",
        "trigger": "held talks",
        "date": "on Sunday",
    }
    assert "".join(s["text"] for s in report["segments"]) == report["sentence"]
    assert report["attributed_to"] == "officials"
    assert (detail["date"], detail["date_source"], detail["date_evidence"]) == (
        "2024-05-05",
        "text",
        "on Sunday",
    )


def test_a_copied_report_is_flagged_as_a_copy(client: TestClient) -> None:
    attack = events(client, type="ASSAULT")[0]
    reports = [
        r
        for g in client.get(f"/api/events/{attack['id']}").json()["evidence"]
        for r in g["reports"]
    ]
    assert sorted(bool(r["copy_of"]) for r in reports) == [False, True]
    assert attack["num_mentions"] == 1 and attack["num_sources"] == 2


def test_unknown_ids_are_404_not_500(client: TestClient) -> None:
    for url in ("/api/events/0000", "/api/actors/nobody", "/api/outlets/Daily Nowhere"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["detail"].startswith("no such")


def test_actors_list_spellings_and_events(client: TestClient) -> None:
    actors = {a["actor_id"]: a for a in client.get("/api/actors").json()}
    assert actors["KEN"]["events"] == 3
    assert "Somali officials" in actors["SOM"]["surface_forms"]


def test_actor_detail_has_names_offices_and_activity(client: TestClient) -> None:
    actor = client.get("/api/actors/person:joseph-mwangi").json()
    assert actor["name"] == "Joseph Mwangi"
    assert [s["text"] for s in actor["surface_forms"]] == ["Joseph Mwangi"]
    assert actor["offices"][0]["office"] == "Foreign Minister"
    assert actor["activity"] and actor["activity"][0]["period"] == "2024-05"


def test_actor_without_a_knowledge_base_id_is_reachable_by_its_side_id(client: TestClient) -> None:
    actor = client.get("/api/actors/SWE.CVL").json()
    assert actor["name"] == "Swedish protesters" and actor["events"] == 1


def test_outlets_count_documents_and_copies(client: TestClient) -> None:
    outlets = {o["outlet"]: o for o in client.get("/api/outlets").json()}
    assert outlets["Harbor Times"]["documents"] == 2 and outlets["Harbor Times"]["copies"] == 1
    detail = client.get("/api/outlets/Coastal Wire").json()
    assert {t["event"] for t in detail["by_type"]} == {"CONSULT", "ASSAULT", "ACCUSE", "MOBILIZE"}


def test_stories_group_documents_sharing_events(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert [len(s["documents"]) for s in stories] == [3, 2]
    assert stories[0]["outlets"] == ["Coastal Wire", "Harbor Times", "Valley Herald"]


def test_claims_are_grouped_by_quantity(client: TestClient) -> None:
    body = client.get("/api/claims").json()
    assert isinstance(body["claims"], list)
    for group in body["claims"]:
        assert group["key"] and group["claims"]


def test_network_edges_follow_the_filter(client: TestClient) -> None:
    whole = client.get("/api/network").json()
    assert {(e["source"], e["target"]) for e in whole["edges"]} >= {
        ("person:ana-lindqvist", "person:joseph-mwangi"),
        ("org:al-shabaab", "KEN-COP"),
    }
    conflict = client.get("/api/network", params={"quad": 4, "modality": "asserted"}).json()
    assert [(e["source"], e["target"], e["quad"]) for e in conflict["edges"]] == [
        ("org:al-shabaab", "KEN-COP", "material conflict")
    ]
    assert all(-1.01 <= n["x"] <= 1.01 for n in whole["nodes"])


def test_network_drops_ties_below_min_events_then_actors_left_alone(tmp_path: Path) -> None:
    a, b, c, d, e = (invented_actor(i) for i in range(5))
    # A month apart, so that reports of one pair stay separate events.
    days = [date(2024, month, 1) for month in (3, 4, 5)]
    ties = [*(Tie(a, b, day) for day in days), Tie(b, c, days[0])]
    ties += [*(Tie(c, d, day) for day in days[:2]), Tie(e, a, days[1])]
    db = build_ties_database(tmp_path / "ties.duckdb", ties)
    with Store(db) as store:
        every = data.network_view(store, NetworkFilter())
        strong = data.network_view(store, NetworkFilter(min_events=2))
    assert len(every["nodes"]) == 5 and len(every["edges"]) == 4
    assert {(t["source"], t["target"], t["events"]) for t in strong["edges"]} == {
        (a.id, b.id, 3),
        (c.id, d.id, 2),
    }
    assert {n["id"]: n["degree"] for n in strong["nodes"]} == {a.id: 3, b.id: 3, c.id: 2, d.id: 2}
    api = TestClient(create_app(db))
    assert api.get("/api/network", params={"min_events": 2}).json() == strong
    assert api.get("/api/network", params={"min_events": 0}).status_code == 422


def test_timeline_and_map(client: TestClient) -> None:
    timeline = client.get("/api/timeline", params={"type": "CONSULT,ASSAULT"}).json()
    assert timeline["bucket"] == "day"
    assert [(r["period"], r["event"]) for r in timeline["series"]] == [
        ("2024-05-05", "CONSULT"),
        ("2024-05-08", "ASSAULT"),
    ]
    places = {p["place"]: p for p in client.get("/api/map").json()}
    assert set(places) == {"Nairobi", "Mandera", "Stockholm"}
    assert places["Mandera"]["types"] == ["ASSAULT"]


def test_exports_follow_the_filter(client: TestClient) -> None:
    lines = client.get("/api/export.jsonl", params={"quad": 1}).text.splitlines()
    assert {json.loads(line)["event"] for line in lines} == {"CONSULT", "REQUEST"}
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export.csv").text)))
    assert len(rows) == 7 and rows[0]["id"]
    gexf = client.get("/api/export.gexf", params={"party": "KEN"})
    assert gexf.headers["content-type"].startswith("application/xml")
    assert b"al-Shabaab" in gexf.content and b"Ana Lindqvist" not in gexf.content
    assert client.get("/api/export.xml").status_code == 404


def test_summary_and_openapi(client: TestClient) -> None:
    assert client.get("/api/summary").json()["events"] == 7
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/network", "/api/documents"} <= set(paths)


def test_filter_sql_keeps_user_text_out_of_the_query(db: Path) -> None:
    with Store(db, read_only=True) as store:
        where, params = EventFilter(actor="x' OR 1=1 --", q="50%").to_sql(store)
    assert "x'" not in where and "50" not in where
    assert params[-1] == "%50\\%%"


@pytest.mark.parametrize(
    "name", ["Lindqvist", "ana lindqvist", "ANA LINDQVÍST", "person:ana-lindqvist"]
)
def test_an_actor_is_found_by_id_name_or_spelling_in_any_case(
    client: TestClient, name: str
) -> None:
    assert {e["event"] for e in events(client, party=name)} == {"CONSULT"}
    assert client.get(f"/api/actors/{name}").json()["id"] == "person:ana-lindqvist"


def test_a_name_naming_no_actor_says_so_and_suggests(client: TestClient) -> None:
    body = client.get("/api/events", params={"actor": "Lindkvist"}).json()
    assert body["total"] == 0
    assert body["unmatched"]["actor"].startswith("no such actor 'Lindkvist'; did you mean:")
    assert "Ana Lindqvist" in body["unmatched"]["actor"]
    detail = client.get("/api/actors/Lindkvist").json()["detail"]
    assert "did you mean: Ana Lindqvist" in detail


def test_the_side_filters_are_documented(client: TestClient) -> None:
    params = {p["name"]: p for p in client.get("/openapi.json").json()["paths"]["/api/events"]
              ["get"]["parameters"]}  # fmt: skip
    assert "spelling" in params["actor"]["description"]
    assert "either side" in params["party"]["description"]
    assert "place" in params["country"]["description"]


# -- uploads -------------------------------------------------------------------
def test_uploads_are_refused_by_a_read_only_server(client: TestClient) -> None:
    response = client.post(
        "/api/documents", content=b"text", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 403 and "--write-token" in response.json()["detail"]


@pytest.fixture()
def writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[TestClient, list]:
    calls: list = []

    def fake_ingest(path: Path, store: Store, settings: Settings, outlet: str | None) -> dict:
        calls.append((path.suffix, path.read_bytes(), outlet, store.count("events")))
        return {"stored": 1}

    monkeypatch.setattr(upload, "ingest_file", fake_ingest)
    app = create_app(build_database(tmp_path / "w.duckdb"), write_token=TOKEN)
    return TestClient(app), calls


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", TOKEN])
def test_uploads_need_the_bearer_token(writable: tuple, header: str | None) -> None:
    client, calls = writable
    headers = {"Content-Type": "text/plain"} | ({"Authorization": header} if header else {})
    response = client.post("/api/documents", content=b"Some article text.", headers=headers)
    assert response.status_code == 401 and calls == []


def test_upload_with_the_token_is_ingested(writable: tuple) -> None:
    client, calls = writable
    body = json.dumps({"id": "a1", "text": "The minister met the envoy on Monday."}).encode()
    response = client.post(
        "/api/documents",
        params={"outlet": "Test Wire"},
        content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 201, response.text
    assert calls == [(".jsonl", body, "Test Wire", 7)]
    assert client.get("/api/summary").json()["events"] == 7


def test_uploads_are_coded_with_the_servers_knowledge_base(tmp_path: Path) -> None:
    council = {"id": "tana-river-council", "name": "Tana River Council",
               "kind": "organization", "country": "KEN", "sector": "GOV"}  # fmt: skip
    kb = tmp_path / "local.yaml"
    kb.write_text(yaml.safe_dump({"actors": [council]}), encoding="utf-8")
    settings = Settings(actors=ActorConfig(kb_paths=[kb]))
    db = tmp_path / "u.duckdb"
    Store(db).close()
    client = TestClient(create_app(db, write_token=TOKEN, settings=settings))
    text = "The Tana River Council accused the national police of beating farmers on Monday."
    response = client.post(
        "/api/documents",
        params={"outlet": "Coast Weekly"},
        content=json.dumps({"id": "c1", "published": "2024-05-06", "text": text}).encode(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 201, response.text
    assert client.get("/api/actors/Tana River Council").json()["id"] == "tana-river-council"


def test_upload_size_and_type_are_bounded(writable: tuple) -> None:
    client, calls = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = b"x" * (upload.MAX_UPLOAD_BYTES + 1)
    for body, kind, status in [
        (big, "text/plain", 413),
        (b"%PDF", "application/pdf", 415),
        (b"  ", "text/plain", 400),
    ]:
        response = client.post(
            "/api/documents", content=body, headers=auth | {"Content-Type": kind}
        )
        assert response.status_code == status
    assert calls == []


def test_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="no database at"):
        create_app(tmp_path / "absent.duckdb")


def test_serve_without_a_database_says_so_in_one_line(tmp_path: Path) -> None:
    from tacitus.cli.serve import serve_command  # the CLI package imports every stage

    result = CliRunner().invoke(serve_command, ["--db", str(tmp_path / "absent.duckdb")])
    assert result.exit_code == 1
    assert "no database at" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("name", list(EXPORT_FORMATS))
def test_every_registered_format_is_served_with_its_media_type(
    client: TestClient, name: str
) -> None:
    response = client.get(f"/api/export.{name}", params={"type": "CONSULT"})
    assert response.status_code == 200
    assert (
        response.headers["content-type"].split(";")[0]
        == (EXPORT_FORMATS[name].media_type.split(";")[0])
    )
    assert response.content


def test_an_unknown_format_lists_the_known_ones(client: TestClient) -> None:
    response = client.get("/api/export.xlsx")
    assert response.status_code == 404
    assert "one of jsonl, csv, parquet" in response.json()["detail"]
