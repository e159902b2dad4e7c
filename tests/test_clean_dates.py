"""Publication dates inferred from named events when an article never states a year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tacitus.clean import clean_document
from tacitus.clean.dated_events import NamedEventError, load_named_events
from tacitus.clean.dates import infer_publication
from tacitus.config import CleanConfig
from tacitus.records import CleanDocument, RawDocument


def published(text: str, hints: tuple[int, ...] = ()) -> date | None:
    finding = infer_publication(text, hints)
    return finding.value if finding else None


def test_weekday_of_the_event_fixes_the_day() -> None:
    text = (
        "Iran fired hundreds of drones and missiles towards Israel late on Saturday, "
        "the first direct attack it has launched from its own soil.\n\n"
        "Tehran called the barrage Operation True Promise and said it was retaliation for "
        "the strike on its embassy compound.\n\n"
        "Leaders of the Group of Seven condemned the attack on Sunday."
    )
    finding = infer_publication(text)
    assert finding is not None
    assert (finding.value, finding.source) == (date(2024, 4, 14), "inferred")
    assert "Operation True Promise" in finding.evidence


def test_month_days_within_the_event_give_the_year() -> None:
    text = (
        "Operation Guardian of the Walls began on May 10 with air strikes on Gaza.\n\n"
        "By May 16 the army said it had hit more than a thousand targets, and on Monday "
        "mediators from Egypt returned to Cairo without a deal."
    )
    assert published(text) == date(2021, 5, 17)


def test_a_day_after_the_event_counts_from_its_date() -> None:
    text = (
        "A day after the killing of Qasem Soleimani, tens of thousands of mourners "
        "marched through Baghdad on Saturday chanting against the United States."
    )
    assert published(text) == date(2020, 1, 4)


def test_a_week_after_the_event() -> None:
    text = (
        "A week after the Beirut port blast, protesters clashed with police near parliament "
        "on Tuesday as anger over the disaster grew."
    )
    assert published(text) == date(2020, 8, 11)


def test_ordinal_day_of_an_operation() -> None:
    text = "On the fifth day of Operation Protective Edge, sirens sounded in Tel Aviv on Saturday."
    assert published(text) == date(2014, 7, 12)


def test_ordinal_day_contradicted_by_its_weekday_gives_nothing() -> None:
    text = "On the fifth day of Operation Protective Edge, sirens sounded in Tel Aviv on Monday."
    assert published(text) is None


def test_event_named_as_history_does_not_date_the_article() -> None:
    text = (
        "Since the Islamic Revolution of 1979, Tehran has backed armed groups in the region.\n\n"
        "The foreign minister met the group's leaders on March 3 and flew home on Friday."
    )
    finding = infer_publication(text)
    assert finding is not None and finding.value is None
    assert "no year" in finding.evidence


def test_event_without_a_restated_date_is_not_enough() -> None:
    # June 6 fits a few months after the invasion, but could as well be any later year.
    text = (
        "Since Russia's full-scale invasion of Ukraine, Russian troops had held the dam.\n\n"
        "It was breached on June 6, flooding dozens of villages downstream."
    )
    assert published(text) is None


def test_month_day_too_far_from_the_event_gives_nothing() -> None:
    text = (
        "The Abraham Accords were signed at the White House on September 15.\n\n"
        "On March 2 the two countries opened embassies in each other's capitals."
    )
    assert published(text) is None


def test_anniversary_story_is_not_dated_by_the_event() -> None:
    text = (
        "Families gathered on Saturday to mark the anniversary of the October 7 attack, "
        "which began on October 7 when gunmen crossed the border fence."
    )
    assert published(text) is None


def test_story_counting_months_since_the_event_is_not_dated_by_it() -> None:
    text = (
        "Envoys met in Cairo on Saturday, nearly four months into the war that began when "
        "gunmen attacked southern Israel on October 7.\n\n"
        "Officials have condemned the October 7 attack but denied any part in it."
    )
    assert published(text) is None


def test_coming_event_is_not_a_dated_reference() -> None:
    text = (
        "Ministers met in Abu Dhabi on November 28, two days before the opening on November 30, "
        "ahead of the COP28 climate summit."
    )
    assert published(text) is None


def test_year_outside_the_text_must_agree() -> None:
    text = (
        "Operation Guardian of the Walls began on May 10 with air strikes on Gaza, "
        "and the shelling continued on May 12."
    )
    assert published(text) == date(2021, 5, 12)
    assert published(text, (2021,)) == date(2021, 5, 12)
    assert published(text, (2019,)) == date(2019, 5, 12)  # a stated year outranks the event


def test_aliases_tolerate_spelling_and_sequels_stay_apart() -> None:
    gazetteer = load_named_events()
    found = gazetteer.mentions("the al Aqsa 'Flood' operation and Operation True Promise II")
    assert [m.event.name for m in found] == ["Operation Al-Aqsa Flood", "Operation True Promise II"]


def test_user_file_adds_and_replaces_events(tmp_path: Path) -> None:
    extra = tmp_path / "events.yaml"
    extra.write_text(
        "events:\n"
        "  - name: Operation Northern Lantern\n"
        "    start: 2019-03-02\n"
        "    aliases: [Northern Lantern raid]\n"
        "  - name: Operation Cast Lead\n"
        "    start: 2008-12-28\n",
        encoding="utf-8",
    )
    gazetteer = load_named_events([extra])
    text = (
        "Commandos began the Northern Lantern raid before dawn on Saturday, the ministry said.\n\n"
        "Survivors were flown to the capital on Tuesday."
    )
    finding = infer_publication(text, named_events=gazetteer)
    assert finding is not None and finding.value == date(2019, 3, 5)
    assert published(text) is None  # unknown to the built-in gazetteer
    cast_lead = gazetteer.mentions("Operation Cast Lead")[0].event
    assert cast_lead.start == date(2008, 12, 28)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("events:\n  - name: Bad\n    start: 2020-05-01\n    end: 2020-04-01\n", "before start"),
        ("events:\n  - name: Bad\n    date: 2020-05-01\n", "invalid"),
        ("events: [unclosed\n", "not valid YAML"),
    ],
)
def test_invalid_user_file_fails_loudly(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NamedEventError, match=message):
        load_named_events([path])


def test_missing_user_file_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(NamedEventError, match="cannot read"):
        load_named_events([tmp_path / "absent.yaml"])


def test_clean_document_records_the_inference() -> None:
    text = (
        "Hezbollah fighters crossed into northern Israel on Wednesday, the militia said, "
        "in an attack that started the Second Lebanon War.\n\n"
        "Israeli jets struck the airport in Beirut on July 13, and the army called up "
        "reservists on Friday as the fighting spread."
    )
    doc = clean_document(RawDocument("wire.txt", text, "text"), CleanConfig())
    assert isinstance(doc, CleanDocument)
    assert (doc.published, doc.published_source) == (date(2006, 7, 14), "inferred")
    assert doc.published_evidence and "Second Lebanon War" in doc.published_evidence
    assert "published_partial" not in doc.meta
