"""``compare`` end to end: articles written with known naming, ingested, then compared."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tacitus.api import create_app
from tacitus.cli import cli
from tacitus.config import Settings
from tacitus.framing import compare_actor, compare_event
from tacitus.outlets import load_outlets
from tacitus.pipeline import ingest
from tacitus.store import Store

ARTICLES = [
    ("Meridian Press Agency", "2024-03-03", "Quds Force chief speaks with Hamas leader",
     "Esmail Qaani, commander of Iran's Quds Force, held a telephone conversation on Saturday "
     "with Ismail Haniyeh, the head of the militant group Hamas, Iranian state media said.\n\n"
     "Hamas, a militant group that runs the Gaza Strip, has fought several wars with Israel."),
    ("Alborz Broadcasting Network", "2024-03-03", "Qaani assures resistance of Iran's support",
     "General Esmail Qaani held a phone conversation with Ismail Haniyeh on Saturday and "
     "praised the brave resistance movement Hamas.\n\nQaani said the Zionist regime would pay "
     "for its crimes. Hamas is a resistance movement defending Palestine against the occupying "
     "Zionist regime."),
    ("Frontline Liberty", "2024-03-04", "Tehran keeps funding terror in Gaza",
     "Hamas, a terrorist organization backed by Tehran, fired dozens of rockets at Israel on "
     "Saturday.\n\nIsrael has every right to defend itself against the terrorist group Hamas, "
     "a senator said. Ismail Haniyeh and Esmail Qaani have grown close, analysts say."),
]  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("framing")
    feed = folder / "feed.jsonl"
    feed.write_text(
        "\n".join(
            json.dumps({"id": f"a{i}", "outlet": o, "published": d, "title": t, "text": x})
            for i, (o, d, t, x) in enumerate(ARTICLES)
        ),
        encoding="utf-8",
    )
    path = folder / "f.duckdb"
    with Store(path) as store:
        ingest([feed], store, Settings())
    return path


def profiles(db: Path, actor: str) -> dict[str, set[str]]:
    with Store(db, read_only=True) as store:
        view = compare_actor(store, actor, load_outlets())
    assert view is not None
    return {p["outlet"]: {t["term"] for t in p["terms"]} for p in view["outlets"]}


def test_each_outlet_profile_holds_its_own_words_for_hamas(db: Path) -> None:
    found = profiles(db, "Hamas")
    assert "militant group" in found["Meridian Press Agency"]
    assert "resistance movement" in found["Alborz Broadcasting Network"]
    assert {"terrorist organization", "terrorist group"} <= found["Frontline Liberty"]
    assert "terrorist group" not in found["Meridian Press Agency"]


def test_israel_is_the_zionist_regime_only_for_the_state_outlet(db: Path) -> None:
    found = profiles(db, "Israel")
    assert {"zionist regime", "occupying"} <= found["Alborz Broadcasting Network"]
    assert "zionist regime" not in found["Frontline Liberty"]


def test_profiles_carry_metadata_rates_distinctive_terms_and_tone(db: Path) -> None:
    with Store(db, read_only=True) as store:
        view = compare_actor(store, "hamas", load_outlets())
    blog = next(p for p in view["outlets"] if p["outlet"] == "Frontline Liberty")
    assert blog["meta"]["kind"] == "partisan"
    assert all(0 < t["per_mention"] <= 1 for t in blog["terms"])
    assert blog["distinctive"][0]["term"].startswith("terrorist")
    assert blog["tone"]["n"] == blog["mentions"] and blog["tone"]["mean"] < 0


def test_event_view_sets_reports_side_by_side_and_names_the_silent_outlet(db: Path) -> None:
    with Store(db, read_only=True) as store:
        ids = store.query(
            "SELECT event_id FROM events WHERE event = 'CONSULT' ORDER BY num_sources DESC"
        )
        view = compare_event(store, ids[0]["event_id"], load_outlets())
    told = {o["outlet"]: o["reports"] for o in view["reported_by"]}
    assert set(told) == {"Meridian Press Agency", "Alborz Broadcasting Network"}
    assert told["Meridian Press Agency"][0]["attributed_to"]
    assert told["Alborz Broadcasting Network"][0]["telling"] == "stated as fact"
    assert [o["outlet"] for o in view["not_reported_by"]] == ["Frontline Liberty"]


def test_api_page_and_cli_show_the_same_comparison(db: Path) -> None:
    client = TestClient(create_app(db))
    api = client.get("/api/compare/actor/Hamas").json()
    page = client.get("/compare/actor/Hamas").text
    embedded = re.search(r'id="compare-data">(.*?)</script>', page, re.S)
    assert embedded and json.loads(embedded.group(1)) == api
    assert client.get("/api/compare/actor/Nobody").status_code == 404
    outlet = client.get("/outlets/Alborz%20Broadcasting%20Network").text
    assert "resistance movement" in outlet and "state" in outlet
    result = CliRunner().invoke(cli, ["compare", "--actor", "Hamas", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "== Frontline Liberty  (partisan, USA" in result.output
    assert "terrorist organization" in result.output
