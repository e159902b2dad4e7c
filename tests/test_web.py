"""The HTML pages: same data as their API twins, filters in the URL, nothing fetched off-site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api_fixtures import build_database
from tacitus.api import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(build_database(tmp_path_factory.mktemp("web") / "w.duckdb")))


def embedded(html: str, element_id: str) -> dict:
    found = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S
    )
    assert found, f"no {element_id} in page"
    return json.loads(found.group(1))


def consult_id(client: TestClient) -> str:
    return client.get("/api/events", params={"type": "CONSULT"}).json()["events"][0]["id"]


def test_dashboard_charts_carry_exactly_the_api_data(client: TestClient) -> None:
    query = {"party": "KEN", "modality": "asserted"}
    data = embedded(client.get("/", params=query).text, "chart-data")
    assert data["network"] == client.get("/api/network", params=query).json()
    assert data["timeline"] == client.get("/api/timeline", params=query).json()
    assert data["places"] == client.get("/api/map", params=query).json()
    assert data["args"] == query


def test_dashboard_network_threshold_matches_its_api_and_keeps_export_links_valid(
    client: TestClient,
) -> None:
    query = {"party": "KEN", "min_events": 2}
    html = client.get("/", params=query).text
    network = client.get("/api/network", params=query).json()
    assert embedded(html, "chart-data")["network"] == network
    assert network["nodes"] == []  # every tie of the fixture is a single event
    assert 'name="min_events" min="1" value="2"' in html
    exports = re.findall(r'href="(/api/[^"]+)"', html)
    assert len(exports) == 4
    for link in exports:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_dashboard_lists_the_filtered_events_and_keeps_the_filter_in_the_form(
    client: TestClient,
) -> None:
    html = client.get("/", params={"type": "ASSAULT", "party": "org:al-shabaab"}).text
    api = client.get("/api/events", params={"type": "ASSAULT", "party": "org:al-shabaab"}).json()
    for event in api["events"]:
        assert f'href="/events/{event["id"]}"' in html
    assert html.count('href="/events/') == api["total"] == 1
    assert '<input type="checkbox" name="type" value="ASSAULT" checked>' in html
    assert 'name="party" list="actor-names" value="org:al-shabaab"' in html
    assert "/api/export.csv?type=ASSAULT&amp;party=org%3Aal-shabaab" in html


def test_event_page_shows_every_outlets_sentence_with_its_parts_marked(client: TestClient) -> None:
    event_id = consult_id(client)
    html = client.get(f"/events/{event_id}").text
    detail = client.get(f"/api/events/{event_id}").json()
    assert embedded(html, "event-data") == detail
    for group in detail["evidence"]:
        assert f'data-outlet="{group["outlet"]}"' in html
    assert '<mark class="trigger">held talks</mark>' in html
    assert '<mark class="recipient">Joseph Mwangi</mark>' in html
    assert "from the\n        text: “on Sunday”" in html


def test_actor_and_outlet_pages_match_their_api(client: TestClient) -> None:
    html = client.get("/actors/person:ana-lindqvist").text
    assert embedded(html, "actor-data") == client.get("/api/actors/person:ana-lindqvist").json()
    assert "Foreign Minister" in html
    outlet = client.get("/outlets/Harbor%20Times").text
    assert "near-copy" in outlet and "Four officers killed" in outlet


def test_lists_of_actors_outlets_and_stories(client: TestClient) -> None:
    assert "al-Shabaab" in client.get("/actors").text
    assert "Valley Herald" in client.get("/outlets").text
    assert "Nordic minister in Nairobi for talks" in client.get("/stories").text


def test_bad_filter_on_a_page_is_an_html_422_with_the_reason(client: TestClient) -> None:
    response = client.get("/", params={"type": "INVADE"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "unknown event type INVADE" in response.text
    assert client.get("/events/nothing-here").status_code == 404


def test_search_text_is_escaped_when_shown_back(client: TestClient) -> None:
    html = client.get("/", params={"q": '<script>alert("x")</script>'}).text
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;" in html


def test_pages_load_nothing_from_other_sites(client: TestClient) -> None:
    pages = ["/", f"/events/{consult_id(client)}", "/actors/KEN", "/outlets", "/stories", "/docs"]
    for url in pages:
        html = client.get(url).text
        links = re.findall(r'(?:src|href)="([^"]*)"', html)
        assert links and all(not link.startswith(("http", "//")) for link in links), url
    script = client.get("/static/app.js").text
    assert re.findall(r"https?://[^\"]+", script) == ["http://www.w3.org/2000/svg"]
    world = client.get("/static/world-land.json").json()
    assert len(world["rings"]) > 50


def test_served_database_that_disappears_gives_503(tmp_path: Path) -> None:
    db = build_database(tmp_path / "gone.duckdb")
    client = TestClient(create_app(db))
    db.unlink()
    response = client.get("/api/events")
    assert response.status_code == 503 and "no database" in response.json()["detail"]
