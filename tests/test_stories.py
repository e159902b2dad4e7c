"""Stories: articles about the same happening, grouped across outlets and days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from tacitus.cli import cli
from tacitus.merge.incremental import merge_pending
from tacitus.records import (
    ActorMention,
    ActorRef,
    ActorSpan,
    CleanDocument,
    CodedDocument,
    EventMention,
    OffsetMap,
    stable_id,
)
from tacitus.store import Store
from tacitus.stories import stories
from tacitus.stories.linking import DocNode, group_documents


def day(n: int) -> date:
    return date(2024, 3, n)


def nodes(*items: tuple[str, date | None]) -> dict[str, DocNode]:
    return {doc_id: DocNode(doc_id, published) for doc_id, published in items}


def test_reports_of_one_event_form_a_story_and_other_news_stays_apart() -> None:
    docs = nodes(("wire", day(3)), ("broadcaster", day(4)), ("sports", day(3)))
    groups = group_documents(docs, {"call": ["wire", "broadcaster"]}, {})
    assert groups == [["broadcaster", "wire"], ["sports"]]


def test_an_old_event_recalled_weeks_later_does_not_join_the_stories() -> None:
    # A prisoner-swap report recalls a visit two weeks earlier: background, not the same story.
    docs = nodes(("visit", day(8)), ("visit-follow-up", day(9)), ("swap", day(20)))
    event_docs = {"visit": ["visit", "visit-follow-up", "swap"]}
    assert group_documents(docs, event_docs, {}) == [["visit", "visit-follow-up"], ["swap"]]


def test_an_undated_report_of_an_event_joins_its_story() -> None:
    docs = nodes(("wire", day(3)), ("blog", None))
    assert group_documents(docs, {"speech": ["wire", "blog"]}, {}) == [["blog", "wire"]]


def test_articles_naming_the_same_people_on_consecutive_days_are_one_story() -> None:
    docs = nodes(("doha-1", day(12)), ("doha-2", day(13)), ("kyiv", day(13)))
    casts = {
        "doha-1": frozenset({"foreign-minister", "hamas-leader", "qatari-pm"}),
        "doha-2": frozenset({"foreign-minister", "hamas-leader"}),
        "kyiv": frozenset({"foreign-minister", "ukrainian-president"}),
    }
    assert group_documents(docs, {}, casts) == [["doha-1", "doha-2"], ["kyiv"]]


def test_two_big_names_among_many_are_not_enough() -> None:
    docs = nodes(("spies", day(22)), ("truce", day(24)))
    casts = {
        "spies": frozenset({"hamas", "army", "mossad", "shin-bet", "interior-minister", "mit"}),
        "truce": frozenset({"hamas", "army", "un-council", "delegation", "mediator", "pm"}),
    }
    assert group_documents(docs, {}, casts) == [["spies"], ["truce"]]


def test_the_same_people_months_apart_are_different_stories() -> None:
    docs = nodes(("march", day(12)), ("may", date(2024, 5, 2)))
    cast = frozenset({"foreign-minister", "hamas-leader"})
    assert group_documents(docs, {}, {"march": cast, "may": cast}) == [["march"], ["may"]]


def test_a_copy_joins_the_story_of_its_original() -> None:
    docs = {
        "original": DocNode("original", day(18)),
        "copy": DocNode("copy", day(18), copy_of="original"),
    }
    assert group_documents(docs, {}, {}) == [["copy", "original"]]


# -- through the store ------------------------------------------------------------
IRAN = ActorRef("esmail-qaani", "Esmail Qaani", "Qaani", "IRN", "MIL")
HAMAS = ActorRef("ismail-haniyeh", "Ismail Haniyeh", "Haniyeh", "PSE", "REB")


def coded(
    text: str,
    outlet: str,
    published: date,
    title: str,
    recipient: ActorRef | None = HAMAS,
    cast: tuple[ActorRef, ...] = (IRAN, HAMAS),
) -> CodedDocument:
    doc_id = stable_id("story-test", outlet, text)
    document = CleanDocument(
        doc_id=doc_id, source=f"{outlet}.txt", raw=text, text=text,
        offsets=OffsetMap.identity(len(text)), outlet=outlet, title=title, published=published,
    )  # fmt: skip
    event = EventMention(
        doc_id=doc_id, sentence_index=0, event="CONSULT", mode="phone", quad_code=1,
        cameo="040", modality="asserted", actor=IRAN, recipient=recipient, event_text="spoke",
        sentence=text, start=0, end=len(text), raw_start=0, raw_end=len(text),
        date=date(2024, 3, 2), date_source="text", date_precision="day",
    )  # fmt: skip
    actors = [ActorMention(n, n + 1, n, ref, "alias", kind="person") for n, ref in enumerate(cast)]
    spans = [ActorSpan(n, n + 1, text) for n, _ in enumerate(cast)]
    return CodedDocument(document, actors, [event], spans)


def test_stories_command_lists_outlets_documents_and_the_shared_event(tmp_path: Path) -> None:
    db = tmp_path / "stories.duckdb"
    with Store(db) as store:
        store.write_batch(
            [
                coded("Qaani spoke with Haniyeh on Saturday.", "Wire", day(3), "Quds chief calls"),
                coded("Qaani phoned Haniyeh on Saturday.", "Monitor", day(4), "Commander phones"),
            ]
        )
        merge_pending(store)
        (story,) = stories(store)
    assert story["outlets"] == ["Monitor", "Wire"]
    assert (story["first"], story["last"], story["title"]) == (
        "2024-03-03", "2024-03-04", "Quds chief calls",
    )  # fmt: skip
    (event,) = story["events"]
    assert (event["actor"], event["recipient"], event["documents"]) == (
        "Esmail Qaani", "Ismail Haniyeh", 2,
    )  # fmt: skip
    out = CliRunner().invoke(cli, ["stories", "--db", str(db)]).output
    assert "2024-03-03 .. 2024-03-04" in out and "Esmail Qaani -> Ismail Haniyeh" in out


def test_an_event_missing_a_side_does_not_tie_unrelated_articles(tmp_path: Path) -> None:
    with Store(tmp_path / "one-sided.duckdb") as store:
        store.write_batch(
            [
                coded("Qaani spoke of support for the fighters.", "Wire", day(18), "Border war",
                      recipient=None, cast=(IRAN,)),
                coded("Qaani spoke again, officials said.", "Monitor", day(18), "Sanctions row",
                      recipient=None, cast=(IRAN,)),
            ]
        )  # fmt: skip
        merge_pending(store)
        assert store.count("events") == 1
        assert sorted(s["title"] for s in stories(store)) == ["Border war", "Sanctions row"]
