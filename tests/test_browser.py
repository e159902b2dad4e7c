"""The pages in headless Chromium: filter by clicking an actor, open an event, read the evidence."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn

from api_fixtures import KENYA, SWEDEN, Tie, build_database, build_ties_database, crowd_ties
from tacitus.api import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
STARTUP_SECONDS = 20
# Networks drawn in the browser: about as many actors as the demo corpus, and the most shown.
CROWDS = {"demo": 40, "500": 500}
# The most connected actors that must always be named on the network.
ALWAYS_LABELLED = 10
# Events sixteen years apart, then a few months of 2022: the timeline must show the gap.
GAP_DAYS = [date(2006, 1, 12), date(2022, 1, 10), date(2022, 1, 24), date(2022, 2, 8),
            date(2022, 4, 19)]  # fmt: skip

if not CHROMIUM.exists():
    pytest.skip(
        "Debian chromium is not installed (/usr/bin/chromium); `make test` installs it",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing")


def local(url: str) -> bool:
    """Whether ``url`` stays on this machine: the test servers or inline data."""
    parts = urlsplit(url)
    return parts.scheme == "data" or parts.hostname == "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app over ``db`` on a free local port, for as long as the block runs."""
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=STARTUP_SECONDS)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(build_database(tmp_path_factory.mktemp("browser") / "b.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def gap_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    ties = [Tie(SWEDEN, KENYA, day) for day in GAP_DAYS]
    with serving(build_ties_database(tmp_path_factory.mktemp("gap") / "g.duckdb", ties)) as url:
        yield url


@pytest.fixture(scope="module", params=sorted(CROWDS))
def crowd(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    db = tmp_path_factory.mktemp("crowd") / "c.duckdb"
    with serving(build_ties_database(db, crowd_ties(CROWDS[request.param]))) as url:
        yield request.param, url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "request",
        lambda request: local(request.url) or problems.append(f"off-site request: {request.url}"),
    )
    page.problems = problems
    yield page
    context.close()
    assert problems == []


def test_filter_by_actor_then_read_every_outlets_evidence(page: object, base_url: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(base_url + "/")
    sync_api.expect(page.locator("#network g.node")).to_have_count(9)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    page.locator('#network g.node[data-id="person:ana-lindqvist"]').click()
    page.wait_for_url("**/?party=person%3Aana-lindqvist")
    rows = page.locator("table.events tbody tr")
    sync_api.expect(rows).to_have_count(1)
    sync_api.expect(page.locator("#network g.node.selected")).to_have_count(1)

    rows.first.locator("a.open").click()
    page.wait_for_url("**/events/*")
    outlets = page.locator(".evidence section.outlet")
    sync_api.expect(outlets).to_have_count(3)
    for name in ("Coastal Wire", "Harbor Times", "Valley Herald"):
        report = page.locator(f'section.outlet[data-outlet="{name}"] blockquote.sentence')
        sync_api.expect(report).to_have_count(1)
        sync_api.expect(report.locator("mark.trigger")).to_have_count(1)
        sync_api.expect(report.locator("mark.actor")).to_have_count(1)
        sync_api.expect(report.locator("mark.recipient")).to_have_count(1)
    sync_api.expect(page.locator("#event-date")).to_contain_text("from the text: “on Sunday”")
    page.screenshot(path=str(ARTIFACTS / "event.png"), full_page=True)


def test_clicking_a_tie_and_a_bar_narrow_the_events(page: object, base_url: str) -> None:
    page.goto(base_url + "/")
    tie = '#network path.edge[data-source="org:al-shabaab"][data-target="KEN-COP"]'
    # A curved tie's bounding-box centre may miss its stroke, so send the click to it.
    page.locator(tie).dispatch_event("click")
    page.wait_for_url(re.compile(r"actor=org%3Aal-shabaab&recipient=KEN-COP&quad=4$"))
    sync_api.expect(page.locator("table.events tbody tr")).to_have_count(1)
    sync_api.expect(page.locator("table.events")).to_contain_text("ASSAULT")

    page.goto(base_url + "/")
    page.locator('#timeline rect.bar[data-period="2024-05-20"]').first.click()
    page.wait_for_url("**/?date_from=2024-05-20&date_to=2024-05-20")
    sync_api.expect(page.locator("table.events tbody tr")).to_have_count(2)


def test_map_draws_the_world_and_the_located_events(page: object, base_url: str) -> None:
    page.goto(base_url + "/")
    sync_api.expect(page.locator("#map circle.place")).to_have_count(3)
    sync_api.expect(page.locator("#map path.land")).to_have_attribute("d", re.compile("^M"))
    page.locator("#map-panel").screenshot(path=str(ARTIFACTS / "map.png"))
    page.locator("#network-panel").screenshot(path=str(ARTIFACTS / "network.png"))
    page.locator("#timeline-panel").screenshot(path=str(ARTIFACTS / "timeline.png"))


def test_search_box_keeps_its_text_in_a_shareable_url(page: object, base_url: str) -> None:
    page.goto(base_url + "/actors/person:joseph-mwangi")
    sync_api.expect(page.locator("#activity rect.bar")).not_to_have_count(0)
    page.fill("header .search input", "drought")
    page.press("header .search input", "Enter")
    page.wait_for_url("**/?q=drought")
    sync_api.expect(page.locator("table.events tbody tr")).to_have_count(1)
    sync_api.expect(page.locator("header .search input")).to_have_value("drought")


def test_api_docs_render_with_the_network_off(page: object, base_url: str) -> None:
    left: list[str] = []

    def offline(route: object) -> None:
        if local(route.request.url):
            route.continue_()
        else:
            left.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    page.goto(base_url + "/docs")
    sync_api.expect(page.locator('.opblock-summary-path[data-path="/api/events"]')).to_be_visible()
    assert page.locator(".opblock").count() > 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "docs-offline.png"), full_page=True)
    assert left == []


BAR_CENTRES = """() => Object.fromEntries([...document.querySelectorAll('#timeline rect.bar')]
    .map((bar) => [bar.dataset.period, bar.getBBox().x + bar.getBBox().width / 2]))"""


def test_timeline_places_bars_by_date_so_gaps_show(page: object, gap_url: str) -> None:
    page.goto(gap_url + "/")
    sync_api.expect(page.locator("#timeline rect.bar")).to_have_count(4)
    centre = page.evaluate(BAR_CENTRES)
    width = page.evaluate("document.getElementById('timeline').viewBox.baseVal.width")
    assert centre["2006-01"] < 0.1 * width
    assert min(centre[p] for p in ("2022-01", "2022-02", "2022-04")) > 0.9 * width
    sixteen_years = (date(2022, 1, 16) - date(2006, 1, 16)).days
    three_months = (date(2022, 4, 16) - date(2022, 1, 16)).days
    gaps = (centre["2022-01"] - centre["2006-01"]) / (centre["2022-04"] - centre["2022-01"])
    assert gaps == pytest.approx(sixteen_years / three_months, rel=0.05)
    ticks = page.locator("#timeline text.tick").all_text_contents()
    assert [t for t in ticks if len(t) == 4] == ["2010", "2015", "2020"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#timeline-panel").screenshot(path=str(ARTIFACTS / "timeline-gap.png"))

    page.locator('#timeline rect.bar[data-period="2022-02"]').click()
    page.wait_for_url("**/?date_from=2022-02-01&date_to=2022-02-28")
    sync_api.expect(page.locator("table.events tbody tr")).to_have_count(1)


LABEL_BOXES = """() => [...document.querySelectorAll('#network .labels text')].map((text) => {
    const box = text.getBBox();
    return {id: text.dataset.id, text: text.textContent, x: box.x, y: box.y,
            right: box.x + box.width, bottom: box.y + box.height};
})"""


def test_network_names_the_most_connected_actors_without_overlap(
    page: object, crowd: tuple[str, str]
) -> None:
    name, url = crowd
    page.goto(url + "/")
    sync_api.expect(page.locator("#network g.node")).to_have_count(CROWDS[name])
    labels = page.evaluate(LABEL_BOXES)
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            apart = a["right"] <= b["x"] or b["right"] <= a["x"]
            assert apart or a["bottom"] <= b["y"] or b["bottom"] <= a["y"], (a, b)
    network = page.request.get(url + "/api/network").json()
    by_degree = sorted(network["nodes"], key=lambda n: -n["degree"])
    named = {label["id"]: label["text"] for label in labels}
    for node in by_degree[:ALWAYS_LABELLED]:
        assert named.get(node["id"]) == (node.get("label") or node["name"])
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#network-panel").screenshot(path=str(ARTIFACTS / f"network-{name}.png"))
