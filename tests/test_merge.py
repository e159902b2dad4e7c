"""Merging mentions of one real-world event reported by several outlets."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta

from tacitus.merge import SUMMARY_REPORTS, DocInfo, merge_block
from tacitus.records import block_key

IRAN_GOV = {"id": "irn-gov", "code": "IRN", "sector": "GOV"}
QAANI = {"id": "person:qaani", "code": "IRN", "sector": "MIL"}
QUDS = {"id": "org:quds-force", "code": "IRN", "sector": "MIL"}
HANIYEH = {"id": "person:haniyeh", "code": "PSE", "sector": "REB"}
NAKHALAH = {"id": "person:nakhalah", "code": "PSE", "sector": "REB"}

DOCS = {
    "wire": DocInfo("Meridian Press", date(2024, 3, 3), "wire"),
    "state": DocInfo("Alborz Broadcasting", date(2024, 3, 3), "state"),
    "blog": DocInfo("Freedom Monitor", date(2024, 3, 4), "blog"),
    "copy": DocInfo("NewsHarvest", date(2024, 3, 4), "wire"),
}


def mention(
    mid: str,
    doc: str,
    actor: dict,
    recipient: dict | None,
    day: date | None,
    source: str = "text",
    event: str = "CONSULT",
    mode: str | None = "phone",
    precision: str = "day",
    sentence: int = 0,
) -> dict:
    return {
        "mention_id": mid, "doc_id": doc, "sentence_index": sentence, "event": event, "mode": mode,
        "modality": "asserted", "quad_code": 1, "cameo": "04", "context": "[]",
        "actor": json.dumps(actor), "recipient": json.dumps(recipient) if recipient else None,
        "actor_id": actor["id"], "recipient_id": recipient["id"] if recipient else None,
        "date": day, "date_source": source, "date_precision": precision,
        "date_evidence": None, "event_loc": None, "size": None, "event_text": "called",
        "block": block_key(event, "asserted", actor, recipient),
    }  # fmt: skip


def test_one_call_reported_by_three_outlets_is_one_event() -> None:
    rows = [
        mention("m1", "wire", QAANI, HANIYEH, date(2024, 3, 2)),
        # the state broadcaster names the other side first: a call is symmetric
        mention("m2", "state", HANIYEH, QAANI, date(2024, 3, 2)),
        # the blog only has its publication date, a day later
        mention("m3", "blog", QAANI, HANIYEH, date(2024, 3, 4), source="publication"),
    ]
    events = merge_block(rows, DOCS)
    assert len(events) == 1
    event, ids = events[0]
    assert sorted(ids) == ["m1", "m2", "m3"]
    assert event["num_sources"] == 3 and event["num_articles"] == 3
    assert event["date"] == date(2024, 3, 2) and event["date_source"] == "text"
    assert event["first_doc_id"] in {"wire", "state"}


def test_two_calls_with_different_people_stay_apart() -> None:
    rows = [
        mention("m1", "wire", QAANI, HANIYEH, date(2024, 3, 2)),
        mention("m2", "wire", QAANI, NAKHALAH, date(2024, 3, 2)),
    ]
    assert len(merge_block(rows, DOCS)) == 2


def test_an_organization_does_not_bridge_the_acts_of_its_members() -> None:
    # "The Quds Force called Haniyeh" may report Qaani's call or another officer's: linking
    # through the organisation chained different people's calls into one event.
    rows = [
        mention("m1", "wire", QAANI, HANIYEH, date(2024, 3, 2)),
        mention("m2", "state", QUDS, HANIYEH, date(2024, 3, 2)),
    ]
    assert len(merge_block(rows, DOCS)) == 2


def test_both_directions_of_one_sentence_are_one_report() -> None:
    # "Qaani and Haniyeh spoke by phone" codes Qaani->Haniyeh and Haniyeh->Qaani.
    rows = [
        mention("m1", "wire", QAANI, HANIYEH, date(2024, 3, 2), sentence=4),
        mention("m2", "wire", HANIYEH, QAANI, date(2024, 3, 2), sentence=4),
        mention("m3", "state", QAANI, HANIYEH, date(2024, 3, 2), sentence=1),
    ]
    [(event, ids)] = merge_block(rows, DOCS)
    assert sorted(ids) == ["m1", "m2", "m3"]
    assert event["num_mentions"] == 2


def test_same_dyad_weeks_apart_is_two_events() -> None:
    rows = [
        mention("m1", "wire", QAANI, HANIYEH, date(2024, 3, 2)),
        mention("m2", "blog", QAANI, HANIYEH, date(2024, 3, 20)),
    ]
    assert len(merge_block(rows, DOCS)) == 2


def test_month_precision_date_joins_a_day_in_that_month() -> None:
    rows = [
        mention("m1", "wire", IRAN_GOV, HANIYEH, date(2020, 1, 3), event="ASSAULT", mode=None),
        mention("m2", "blog", IRAN_GOV, HANIYEH, date(2020, 1, 1), event="ASSAULT", mode=None,
                precision="month"),
        mention("m3", "state", IRAN_GOV, HANIYEH, date(2020, 1, 1), event="ASSAULT", mode=None,
                precision="year"),
    ]  # fmt: skip
    [(event, ids)] = merge_block(rows, DOCS)
    assert event["date"] == date(2020, 1, 3) and event["date_precision"] == "day"
    assert len(ids) == 3


def test_copies_count_once_but_their_outlet_is_recorded() -> None:
    rows = [
        mention("m1", "wire", QAANI, HANIYEH, date(2024, 3, 2)),
        mention("m2", "copy", QAANI, HANIYEH, date(2024, 3, 2)),
    ]
    [(event, _)] = merge_block(rows, DOCS)
    assert event["num_articles"] == 1
    assert event["num_mentions"] == 1
    assert event["num_sources"] == 2


def test_result_does_not_depend_on_order() -> None:
    rows = [
        mention("m1", "wire", QAANI, HANIYEH, date(2024, 3, 2)),
        mention("m2", "state", HANIYEH, QAANI, date(2024, 3, 3)),
        mention("m3", "blog", QAANI, HANIYEH, date(2024, 3, 4), source="publication"),
        mention("m4", "wire", QAANI, NAKHALAH, date(2024, 3, 2)),
        mention("m5", "blog", QAANI, HANIYEH, date(2024, 2, 1)),
    ]
    outcomes = {
        json.dumps(sorted((e["event_id"], sorted(ids)) for e, ids in
                          merge_block(list(p), DOCS)), default=str)
        for p in itertools.permutations(rows)
    }  # fmt: skip
    assert len(outcomes) == 1


def test_symmetric_types_share_a_block_whatever_the_order() -> None:
    assert block_key("CONSULT", "asserted", QAANI, HANIYEH) == block_key(
        "CONSULT", "asserted", HANIYEH, QAANI
    )
    assert block_key("ASSAULT", "asserted", QAANI, HANIYEH) != block_key(
        "ASSAULT", "asserted", HANIYEH, QAANI
    )
    assert block_key("CONSULT", "negated", QAANI, HANIYEH) != block_key(
        "CONSULT", "asserted", QAANI, HANIYEH
    )


def test_undated_report_is_not_guessed_into_a_dated_event() -> None:
    rows = [
        mention("m1", "wire", QAANI, HANIYEH, date(2024, 3, 2)),
        mention("m2", "blog", QAANI, HANIYEH, None, source="publication"),
        mention("m3", "state", HANIYEH, QAANI, None, source="publication"),
    ]
    groups = sorted(sorted(ids) for _, ids in merge_block(rows, DOCS))
    assert groups == [["m1"], ["m2", "m3"]]


def test_a_symmetric_event_names_its_sides_in_their_most_reported_order() -> None:
    rows = [
        mention("m1", "wire", HANIYEH, QAANI, date(2024, 3, 2)),
        mention("m2", "state", QAANI, HANIYEH, date(2024, 3, 2)),
        mention("m3", "blog", QAANI, HANIYEH, date(2024, 3, 2)),
    ]
    [(event, _)] = merge_block(rows, DOCS)
    assert (event["actor_id"], event["recipient_id"]) == ("person:qaani", "person:haniyeh")


def test_a_long_running_story_is_described_by_its_first_reports_and_counted_in_full() -> None:
    # 120 outlets carry the same call; the many latecomers misreport it as a meeting.
    docs = {
        f"d{n:03}": DocInfo(f"Outlet {n}", date(2024, 3, 3) + timedelta(days=n // 40), f"d{n:03}")
        for n in range(120)
    }
    rows = [
        mention(f"m{n:03}", f"d{n:03}", QAANI, HANIYEH, date(2024, 3, 2),
                mode="phone" if n < SUMMARY_REPORTS else "meeting")
        for n in range(120)
    ]  # fmt: skip

    [(event, ids)] = merge_block(rows, docs)

    assert event["mode"] == "phone"
    assert event["num_sources"] == event["num_articles"] == event["num_mentions"] == 120
    assert len(ids) == 120
    assert event["first_doc_id"] == "d000"
