"""``tacitus watch`` against a local site the tests start: feeds, sitemaps, revisions,
failures, restarts and alerts.  Every article here is written for these tests."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from tacitus.cli import cli
from tacitus.config import Settings
from tacitus.pipeline import Pipeline
from tacitus.store import Store, watch_state
from tacitus.watch.alerts import AlertSink
from tacitus.watch.config import WatchConfig, WatchConfigError, load_watch_config
from tacitus.watch.cycle import PAGES_PER_BATCH, CycleReport, Watcher, utc_now
from tacitus.watch.fetch import Fetcher
from tacitus.watch.run import run_cycle
from watch_site import serving, write_article

NAKHALAH_CALL = (
    "DUBAI, May 9 (Test Wire) - Iranian Foreign Minister Hossein Amir-Abdollahian spoke by "
    "telephone on Thursday with Ziyad al-Nakhalah, the leader of Palestinian Islamic Jihad, "
    "the Iranian foreign ministry said."
)
NAKHALAH_CALL_AGAIN = (
    "BEIRUT, May 10 (Other Wire) - Iranian Foreign Minister Hossein Amir-Abdollahian held a "
    "telephone conversation on Thursday with Islamic Jihad leader Ziyad al-Nakhalah, a "
    "spokesman for the group said on Friday."
)
EMIR_MEETING = (
    "Iranian Foreign Minister Hossein Amir-Abdollahian met Qatar's emir, Sheikh Tamim bin "
    "Hamad Al Thani, in Doha on Saturday, the Iranian foreign ministry said."
)
NAIROBI_PROTEST = (
    "NAIROBI, May 7 (Test Wire) - Kenyan police fired tear gas at thousands of protesters in "
    "central Nairobi on Tuesday as demonstrations against a proposed tax increase spread."
)
IRAN_CONSULTS = {"name": "iran-consults", "filter": {"type": ["CONSULT"], "country": "IRN"}}


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[tuple[Path, str, list[str]]]:
    folder = tmp_path / "site"
    folder.mkdir()
    write_article(folder, "test-wire__2024-05-09__call", "Iran FM phones Jihad leader",
                  NAKHALAH_CALL, "May 9, 2024")  # fmt: skip
    write_article(folder, "test-wire__2024-05-07__nairobi", "Tear gas in Nairobi",
                  NAIROBI_PROTEST, "May 7, 2024")  # fmt: skip
    with serving(folder) as (base, log):
        yield folder, base, log


def config(base: str, *paths: str, alerts: bool = True) -> WatchConfig:
    return WatchConfig.model_validate(
        {
            "sources": [{"name": p.strip("/"), "url": base + p} for p in paths],
            "alerts": [IRAN_CONSULTS] if alerts else [],
            "politeness": {"host_interval": 0, "retries": 1, "backoff": 0, "max_bytes": 200_000},
        }
    )


def cycle(
    cfg: WatchConfig, db: Path, alerts: Path | None = None, webhook: str | None = None
) -> CycleReport:
    with Store(db) as store, Pipeline(store, Settings()) as pipeline:
        fetcher = Fetcher(cfg.politeness, sleep=lambda _: None)
        try:
            watcher = Watcher(cfg, store, pipeline, fetcher)
            sink = AlertSink(alerts or db.with_suffix(".alerts.jsonl"), webhook)
            return run_cycle(watcher, sink)
        finally:
            fetcher.close()


def rows(db: Path, sql: str) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return store.query(sql)


def read_alerts(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_new_items_become_events_after_one_cycle(site, tmp_path):
    _, base, _ = site
    db = tmp_path / "news.duckdb"
    report = cycle(config(base, "/feed.xml"), db)
    assert (report.stored, report.failed_pages, report.rejected) == (2, 0, 0)
    docs = rows(db, "SELECT source, outlet, published FROM documents ORDER BY source")
    assert [d["source"].rsplit("/", 1)[1] for d in docs] == [
        "test-wire-2024-05-07-nairobi.html",
        "test-wire-2024-05-09-call.html",
    ]
    assert str(docs[1]["published"]) == "2024-05-09"  # from the page's own metadata
    events = rows(db, "SELECT event, actor_id, recipient_id FROM events")
    assert {"event": "CONSULT", "actor_id": "hossein-amir-abdollahian",
            "recipient_id": "ziyad-al-nakhalah"} in events  # fmt: skip


def test_an_unchanged_feed_fetches_nothing(site, tmp_path):
    _, base, log = site
    db = tmp_path / "news.duckdb"
    cycle(config(base, "/feed.xml", "/sitemap.xml"), db)
    log.clear()
    report = cycle(config(base, "/feed.xml", "/sitemap.xml"), db)
    assert report.unchanged == 2 and report.fetched == 0
    assert sorted(log) == ["/feed.xml", "/robots.txt", "/sitemap.xml"]  # the 304s only


def test_a_page_listed_by_two_sources_is_fetched_once(site, tmp_path):
    _, base, log = site
    cycle(config(base, "/feed.xml", "/sitemap.xml"), tmp_path / "news.duckdb")
    pages = [p for p in log if p.startswith("/articles/")]
    assert len(pages) == len(set(pages)) == 2


def test_a_revised_page_is_recoded_in_place(site, tmp_path):
    folder, base, _ = site
    db = tmp_path / "news.duckdb"
    cycle(config(base, "/feed.xml"), db)
    before = rows(db, "SELECT doc_id, text FROM documents ORDER BY doc_id")
    call = "SELECT event_id FROM events WHERE recipient_id = 'ziyad-al-nakhalah'"
    call_ids = rows(db, call)
    write_article(folder, "test-wire__2024-05-09__call", "Iran FM phones Jihad leader",
                  NAKHALAH_CALL + "\n\n" + EMIR_MEETING, "May 9, 2024")  # fmt: skip
    report = cycle(config(base, "/feed.xml"), db)
    assert (report.revised, report.stored, report.fetched) == (1, 0, 1)
    after = rows(db, "SELECT doc_id, text FROM documents ORDER BY doc_id")
    assert [d["doc_id"] for d in after] == [d["doc_id"] for d in before]  # same ids, no copy
    assert any("Tamim" in d["text"] for d in after)
    assert rows(db, call) == call_ids  # the unchanged report keeps its event
    assert rows(db, "SELECT count(*) AS n FROM events WHERE recipient_id LIKE 'tamim%'")[0]["n"]


def test_failing_sources_and_pages_are_recorded_and_the_cycle_goes_on(site, tmp_path):
    _, base, _ = site
    db = tmp_path / "news.duckdb"
    paths = ["/bad/missing.xml", "/bad/broken.xml", "/bad/malformed.xml", "/bad/loop.xml",
             "/bad/feed.xml", "/feed.xml"]  # fmt: skip
    cfg = config(base, *paths)
    cfg.sources.insert(0, cfg.sources[0].model_copy(update={
        "name": "unreachable", "url": "http://127.0.0.1:9/feed.xml"}))  # fmt: skip
    report = cycle(cfg, db)
    assert report.stored == 2  # the good feed after all the bad ones
    errors = {r["name"]: r["error"] for r in rows(db, "SELECT name, error FROM watch_sources")}
    assert errors["unreachable"].startswith("robots.txt unreadable (unreachable")
    assert errors["bad/missing.xml"] == "HTTP 404 Not Found"
    assert errors["bad/broken.xml"] == "HTTP 500 Internal Server Error"
    assert errors["bad/malformed.xml"].startswith("not a readable feed or sitemap")
    assert errors["bad/loop.xml"] == "too many redirects (a redirect loop?)"
    assert errors["feed.xml"] is None and errors["bad/feed.xml"] is None
    bad_pages = "SELECT url, outcome, reason FROM watch_pages WHERE source = 'bad/feed.xml'"
    pages = {r["url"].rsplit("/", 1)[1]: (r["outcome"], r["reason"]) for r in rows(db, bad_pages)}
    assert pages["huge.html"] == ("failed", "larger than 200000 bytes (1500003 declared)")
    assert pages["report.pdf"] == ("failed", "not an HTML page (content type application/pdf)")
    assert pages["gone.html"] == ("failed", "HTTP 404 no such page")
    assert pages["menu.html"][0] == "rejected"
    assert report.failed_sources == 5 and report.failed_pages == 3


def test_a_kill_mid_cycle_then_a_restart_loses_and_doubles_nothing(site, tmp_path, monkeypatch):
    _, base, _ = site
    db = tmp_path / "news.duckdb"
    cfg = config(base, "/feed.xml", alerts=False)

    def killed(*args: Any) -> None:  # after the documents are stored, before the pages are
        raise KeyboardInterrupt

    monkeypatch.setattr(watch_state, "save_pages", killed)
    with pytest.raises(KeyboardInterrupt):
        cycle(cfg, db)
    assert rows(db, "SELECT count(*) AS n FROM documents")[0]["n"] == 2
    assert rows(db, "SELECT count(*) AS n FROM watch_pages")[0]["n"] == 0
    monkeypatch.undo()
    report = cycle(cfg, db)  # the feed was not marked read, so it is read in full again
    assert report.fetched == 2 and report.stored == 2
    assert rows(db, "SELECT count(*) AS n FROM documents")[0]["n"] == 2
    assert rows(db, "SELECT count(*) AS n FROM watch_pages WHERE doc_id IS NOT NULL")[0]["n"] == 2
    clean = tmp_path / "clean.duckdb"
    cycle(cfg, clean)
    count = "SELECT count(*) AS n FROM event_mentions"
    assert rows(db, count) == rows(clean, count)


def test_an_alert_fires_once_per_new_matching_event(site, tmp_path):
    folder, base, log = site
    db, alerts = tmp_path / "news.duckdb", tmp_path / "alerts.jsonl"
    cfg = config(base, "/feed.xml")
    assert cycle(cfg, db, alerts, webhook=base + "/hook").alerts == 1
    first = read_alerts(alerts)
    posted = [json.loads(e.split(" ", 2)[2]) for e in log if e.startswith("POST /hook ")]
    assert posted == first  # the webhook got the same alert as the file
    assert [a["rule"] for a in first] == ["iran-consults"]
    assert first[0]["event"]["event"] == "CONSULT"
    assert "Ziyad al-Nakhalah" in first[0]["summary"]
    assert first[0]["evidence"][0]["sentence"].startswith("DUBAI, May 9")
    assert first[0]["outlets"]
    # A second outlet's report of the same call joins its event: no new alert.
    write_article(folder, "other-wire__2024-05-10__call", "Call discussed Gaza",
                  NAKHALAH_CALL_AGAIN, "May 10, 2024")  # fmt: skip
    assert cycle(cfg, db, alerts).alerts == 0
    # A new matching event: one alert, for it alone.
    write_article(folder, "test-wire__2024-05-11__emir", "Iran FM meets emir",
                  EMIR_MEETING, "May 11, 2024")  # fmt: skip
    assert cycle(cfg, db, alerts).alerts == 1
    assert "Tamim" in read_alerts(alerts)[-1]["summary"]
    assert cycle(cfg, db, alerts).alerts == 0
    assert len(read_alerts(alerts)) == 2


def test_new_since_finds_the_events_of_the_latest_cycle(site, tmp_path):
    folder, base, _ = site
    db = tmp_path / "news.duckdb"
    cycle(config(base, "/feed.xml", alerts=False), db)
    first = rows(db, "SELECT max(stored_at) AS t FROM arrivals")[0]["t"]
    since = (first + timedelta(seconds=1)).replace(microsecond=0)  # the CLI takes seconds
    while utc_now() < since:
        time.sleep(0.05)
    write_article(folder, "test-wire__2024-05-11__emir", "Iran FM meets emir",
                  EMIR_MEETING, "May 11, 2024")  # fmt: skip
    cycle(config(base, "/feed.xml", alerts=False), db)
    args = ["events", "--db", str(db), "--new-since", since.isoformat()]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    new = [json.loads(line) for line in result.output.splitlines()]
    assert new and all(m["source"].endswith("emir.html") for e in new for m in e["mentions"])
    everything = CliRunner().invoke(cli, ["events", "--db", str(db)])
    assert len(everything.output.splitlines()) > len(new)


def test_watch_command_reads_once_and_reports(site, tmp_path):
    _, base, _ = site
    sources = tmp_path / "sources.yaml"
    sources.write_text(yaml.safe_dump({
        "sources": [{"name": "wire", "url": base + "/feed.xml", "language": "en"}],
        "politeness": {"host_interval": 0}, "alerts": [IRAN_CONSULTS]}))  # fmt: skip
    db, alerts = tmp_path / "news.duckdb", tmp_path / "alerts.jsonl"
    args = ["watch", str(sources), "--db", str(db), "--once", "--alerts", str(alerts)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "1 sources read (0 unchanged, 0 failed), 2 items listed, 2 pages fetched: 2 stored" in (
        result.output
    )
    assert len(read_alerts(alerts)) == 1
    again = CliRunner().invoke(cli, args)
    assert "(1 unchanged, 0 failed)" in again.output and "0 alerts" in again.output


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("sources: []", "entry sources: List should have at least 1 item"),
        ("sources: [{name: a, url: 'ftp://x'}]", "entry sources[0].url"),
        ("every: soon\nsources: [{name: a, url: 'http://x'}]", "not a duration: 'soon'"),
        ("sources: [{name: a, url: 'http://x'}, {name: a, url: 'http://y'}]", "unique: a"),
        ("sources: [{name: a, url: 'http://x'}]\nalerts: [{name: r, filter: {type: [FOO]}}]",
         "unknown event type FOO"),
    ],
)  # fmt: skip
def test_a_bad_sources_file_is_refused_with_its_reason(tmp_path, content, problem):
    path = tmp_path / "sources.yaml"
    path.write_text(content)
    with pytest.raises(WatchConfigError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        load_watch_config(path)
    result = CliRunner().invoke(cli, ["watch", str(path), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1


def test_the_sources_page_and_its_json_twin_show_readings_and_failures(site, tmp_path):
    from fastapi.testclient import TestClient

    from tacitus.api import create_app

    _, base, _ = site
    db = tmp_path / "news.duckdb"
    cycle(config(base, "/feed.xml", "/bad/missing.xml", "/bad/feed.xml", alerts=False), db)
    client = TestClient(create_app(db))
    sources = {s["name"]: s for s in client.get("/api/sources").json()}
    assert sources["feed.xml"]["stored"] == 2 and sources["feed.xml"]["error"] is None
    assert sources["feed.xml"]["checked_at"].endswith("Z")
    assert sources["bad/missing.xml"]["error"] == "HTTP 404 Not Found"
    reasons = {p["url"].rsplit("/", 1)[1]: p["reason"] for p in sources["bad/feed.xml"]["problems"]}
    assert reasons["report.pdf"] == "not an HTML page (content type application/pdf)"
    page = client.get("/sources").text
    assert "HTTP 404 Not Found" in page and "content type application/pdf" in page


@pytest.mark.slow
def test_a_watch_killed_mid_cycle_resumes_without_losing_or_doubling(tmp_path):
    from test_engines import write_wires
    from test_interrupts import stored, wait_for

    folder = write_wires(tmp_path / "site", PAGES_PER_BATCH + 13)
    db = tmp_path / "news.duckdb"
    with serving(folder) as (base, _):
        sources = tmp_path / "sources.yaml"
        sources.write_text(yaml.safe_dump({
            "sources": [{"name": "wire", "url": base + "/feed.xml"}],
            "politeness": {"host_interval": 0}}))  # fmt: skip
        args = ["watch", str(sources), "--db", str(db), "--once", "--alerts", str(tmp_path / "a")]
        script = Path(sys.executable).with_name("tacitus")
        proc = subprocess.Popen(
            [str(script), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            assert wait_for(lambda: stored(db) > 0, 180), "the first batch was stored"
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 128 + signal.SIGTERM, err
        assert "Traceback" not in err and "interrupted: " in err, err
        assert stored(db) < PAGES_PER_BATCH + 13  # killed before the end
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
    docs = rows(db, "SELECT count(*) AS n, count(DISTINCT source) AS urls FROM documents")[0]
    assert docs == {"n": PAGES_PER_BATCH + 13, "urls": PAGES_PER_BATCH + 13}
    pages = rows(db, "SELECT outcome, count(*) AS n FROM watch_pages GROUP BY ALL")
    assert pages == [{"outcome": "stored", "n": PAGES_PER_BATCH + 13}]


def test_a_busy_server_is_asked_again_after_a_pause_and_robots_txt_is_obeyed():
    import httpx

    from tacitus.watch.config import Politeness
    from tacitus.watch.fetch import ROBOTS_TTL

    asked: list[str] = []
    busy = iter([503, 503, 200])

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
        if request.url.path == "/busy":
            return httpx.Response(next(busy), text="ok", headers={"Retry-After": "3"})
        return httpx.Response(200, text="<p>hello</p>")

    pauses: list[float] = []
    now = [0.0]
    rules = Politeness(retries=2, backoff=1.0, host_interval=0)
    fetcher = Fetcher(rules, httpx.MockTransport(answer), sleep=pauses.append, clock=lambda: now[0])
    fetched = fetcher.get("http://site.test/busy")
    assert (fetched.status, fetched.error, fetched.body) == (200, None, b"ok")
    assert pauses == [3.0, 3.0]  # Retry-After, as it is longer than the backoff (1 s, 2 s)
    refused = fetcher.get("http://site.test/private/page")
    assert refused.error == "refused by robots.txt" and "/private/page" not in asked
    assert asked.count("/robots.txt") == 1  # read once per host...
    now[0] += ROBOTS_TTL + 1
    fetcher.get("http://site.test/page")
    assert asked.count("/robots.txt") == 2  # ...and again a day later
    assert fetcher.client.headers["User-Agent"].startswith("Tacitus/")
