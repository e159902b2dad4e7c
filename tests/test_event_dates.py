"""Event dates: the date a sentence gives its event, resolved against publication."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from tacitus.clean import clean_document
from tacitus.clean.dated_events import load_named_events
from tacitus.config import CleanConfig
from tacitus.events.dates import DateResolution, event_date
from tacitus.events.lexicon import Lexicon
from tacitus.events.modality import modality
from tacitus.records import CleanDocument, RawDocument

GRAMMAR = Lexicon.load().grammar


def resolve(nlp: Language, text: str, trigger: str, published: date | None) -> DateResolution:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return event_date(token.sent, token, published, grammar=GRAMMAR)


@pytest.mark.parametrize(
    ("text", "trigger", "published", "expected", "precision"),
    [
        # A weekday is the last such day on or before publication.
        ("Troops stormed the compound on Saturday.", "stormed", "2023-10-09", "2023-10-07", "day"),
        ("Troops stormed the compound on Saturday.", "stormed", "2023-10-07", "2023-10-07", "day"),
        ("Troops stormed the compound last Saturday.", "stormed", "2023-10-07", "2023-09-30",
         "day"),
        # "since Monday" in a Monday story is the previous Monday.
        ("The clashes have killed 40 people since Monday.", "killed", "2021-05-17", "2021-05-10",
         "day"),
        ("Police arrested four students yesterday.", "arrested", "2022-03-02", "2022-03-01", "day"),
        ("The envoy met rebel leaders in Geneva on October 14.", "met", "2023-10-20", "2023-10-14",
         "day"),
        # Early January stories about late December events.
        ("The envoy met rebel leaders on December 30.", "met", "2024-01-03", "2023-12-30", "day"),
        ("The envoy met rebel leaders on 3 March 2019.", "met", "2024-01-03", "2019-03-03", "day"),
        ("In June, the cabinet approved the deal.", "approved", "2023-10-09", "2023-06-01",
         "month"),
        ("In June, the cabinet approved the deal.", "approved", "2023-03-09", "2022-06-01",
         "month"),
        ("The president this month called the ruling a disgrace.", "called", "2021-05-17",
         "2021-05-01", "month"),
        ("The militia shelled the airport in November 2018.", "shelled", "2021-05-17", "2018-11-01",
         "month"),
        ("The militia shelled the airport in 2016.", "shelled", "2021-05-17", "2016-01-01", "year"),
        ("The army left the base at the end of 2011.", "left", "2021-05-17", "2011-12-01",
         "month"),
        ("The envoy visited Kabul last summer.", "visited", "2020-01-16", "2019-01-01", "year"),
        ("The envoy visited Kabul last summer.", "visited", "2020-10-16", "2020-01-01", "year"),
        ("The two leaders will meet on Friday.", "meet", "2021-05-17", "2021-05-21", "day"),
    ],
)  # fmt: skip
def test_text_dates(
    nlp: Language, text: str, trigger: str, published: str, expected: str, precision: str
) -> None:
    found = resolve(nlp, text, trigger, date.fromisoformat(published))
    assert (found.date, found.precision, found.source) == (
        date.fromisoformat(expected),
        precision,
        "text",
    )


def test_historical_event_in_relative_clause_gets_its_own_date(nlp: Language) -> None:
    text = (
        "The commander, who was killed in a drone strike in Baghdad in January last year, "
        "was honoured by crowds on Saturday."
    )
    killed = resolve(nlp, text, "killed", date(2021, 5, 17))
    assert (killed.date, killed.precision, killed.evidence) == (
        date(2020, 1, 1),
        "month",
        "in January last year",
    )
    honoured = resolve(nlp, text, "honoured", date(2021, 5, 17))
    assert honoured.date == date(2021, 5, 15)


def test_clause_without_a_date_takes_that_of_the_clause_around_it(nlp: Language) -> None:
    text = "In 2011, when the rebels stormed the capital, the ruler fled to the south."
    stormed = resolve(nlp, text, "stormed", date(2021, 5, 17))
    assert (stormed.date, stormed.precision) == (date(2011, 1, 1), "year")
    text = "The clinic was hit by airstrikes on Sunday that killed nine patients."
    assert resolve(nlp, text, "killed", date(2021, 5, 19)).date == date(2021, 5, 16)


def test_a_clause_keeps_its_own_date_over_the_one_around_it(nlp: Language) -> None:
    text = "On Monday the minister, who had visited Juba in March, met the envoys."
    assert resolve(nlp, text, "visited", date(2021, 5, 19)).date == date(2021, 3, 1)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # A date on the frame the event happened in, or on the event noun, dates it.
        ("Police fired tear gas during Friday's march in the capital.", "fired", "2021-05-14"),
        ("The militia seized the town in the 2014 offensive.", "seized", "2014"),
        ("Survivors of the 1994 massacre gathered on Sunday.", "massacre", "1994"),
        # Reported plans lie ahead of the story; its past tense does not.
        ("He said he would meet the rebels in Geneva on June 12.", "meet", "2021-06-12"),
        ("The ministers are due to meet on Friday.", "meet", "2021-05-21"),
        ("The envoy arrives in Khartoum on Friday.", "arrives", "2021-05-21"),
        ("The envoy arrived in Khartoum on Friday.", "arrived", "2021-05-14"),
        ("The senator was the first to report the launch on June 12.", "report", "2020-06-12"),
        # A clause that happens when its head does lends it its date.
        ("The truce was agreed when the two generals met in Jeddah in March.", "agreed", "2021-03"),
        (
            "Speaking in Nairobi on Tuesday, the minister condemned the raids.",
            "condemned",
            "2021-05-18",
        ),
        # One that happens at another time does not.
        (
            "The minister condemned the raids after the rebels attacked on Tuesday.",
            "condemned",
            "2021-05-19",
        ),
    ],
)
def test_a_date_read_from_its_setting(
    nlp: Language, text: str, trigger: str, expected: str
) -> None:
    found = resolve(nlp, text, trigger, date(2021, 5, 19))
    assert found.date is not None and found.date.isoformat().startswith(expected)


def test_a_bare_number_before_a_noun_is_no_year(nlp: Language) -> None:
    found = resolve(nlp, "The army sent some 2000 troops to the border.", "sent", date(2021, 5, 19))
    assert found.source == "publication"


def test_last_week_is_an_estimate(nlp: Language) -> None:
    found = resolve(nlp, "The ministers met last week in Vienna.", "met", date(2022, 3, 9))
    assert (found.date, found.source) == (date(2022, 3, 2), "inferred")


def test_a_day_after_counts_from_the_main_clause(nlp: Language) -> None:
    text = (
        "A day after the militia launched its offensive, "
        "the president spoke with its leaders on Sunday."
    )
    published = date(2023, 10, 9)
    assert resolve(nlp, text, "spoke", published).date == date(2023, 10, 8)
    assert resolve(nlp, text, "launched", published).date == date(2023, 10, 7)


def test_the_following_day_reads_the_previous_sentence(nlp: Language) -> None:
    text = "The envoy landed in Doha on October 14. On the following day, he met the emir."
    found = resolve(nlp, text, "met", date(2023, 10, 20))
    assert (found.date, found.source) == (date(2023, 10, 15), "inferred")


def test_date_of_another_noun_is_not_the_event_date(nlp: Language) -> None:
    found = resolve(
        nlp, "The government condemned the March 3 bombing.", "condemned", date(2023, 4, 1)
    )
    assert (found.date, found.source) == (date(2023, 4, 1), "publication")


def test_no_date_expression_falls_back_to_publication(nlp: Language) -> None:
    found = resolve(
        nlp, "Rebels seized the border post, the army said.", "seized", date(2021, 5, 17)
    )
    assert found == DateResolution(date(2021, 5, 17), "publication", "day", None)


def test_relative_date_without_publication_is_unknown(nlp: Language) -> None:
    found = resolve(nlp, "Rebels seized the border post on Monday.", "seized", None)
    assert found.date is None and found.evidence == "on Monday"


def test_absolute_date_needs_no_publication(nlp: Language) -> None:
    found = resolve(nlp, "Rebels seized the border post on 5 May 2020.", "seized", None)
    assert (found.date, found.precision) == (date(2020, 5, 5), "day")


def test_modal_may_is_not_a_month(nlp: Language) -> None:
    found = resolve(nlp, "Officials said talks may resume soon.", "said", date(2021, 1, 10))
    assert found.source == "publication"


def test_named_event_as_trigger_takes_its_known_date(nlp: Language) -> None:
    found = resolve(
        nlp, "The October 7 attack shocked the whole region, officials said.", "attack", None
    )
    assert (found.date, found.source, found.evidence) == (
        date(2023, 10, 7),
        "inferred",
        "October 7 attack",
    )


def test_launching_a_named_operation_dates_the_launch(nlp: Language) -> None:
    text = "Israel launched Operation Protective Edge after rockets hit Beersheba, the army said."
    found = resolve(nlp, text, "launched", date(2014, 7, 20))
    assert (found.date, found.source) == (date(2014, 7, 8), "inferred")


def test_reacting_to_a_named_event_keeps_the_reaction_date(nlp: Language) -> None:
    text = "Tehran praised the Al-Aqsa Flood operation on Sunday in a statement."
    found = resolve(nlp, text, "praised", date(2023, 10, 9))
    assert (found.date, found.source) == (date(2023, 10, 8), "text")


def test_user_gazetteer_reaches_event_dates(nlp: Language, tmp_path: Path) -> None:
    extra = tmp_path / "events.yaml"
    extra.write_text(
        "events:\n  - name: Operation Northern Lantern\n    start: 2019-03-02\n", encoding="utf-8"
    )
    doc = nlp("Commandos launched Operation Northern Lantern before dawn.")
    token = next(t for t in doc if t.text == "launched")
    found = event_date(token.sent, token, None, load_named_events([extra]))
    assert found.date == date(2019, 3, 2)
    assert event_date(token.sent, token, None).date is None


def test_article_dated_by_a_named_event_resolves_year_less_days(nlp: Language) -> None:
    text = (
        "Operation Guardian of the Walls began on May 10 with air strikes on Gaza. "
        "Egyptian mediators arrived in Tel Aviv on May 13 to press for a truce."
    )
    document = clean_document(RawDocument("wire.txt", text, "text"), CleanConfig())
    assert isinstance(document, CleanDocument) and document.published == date(2021, 5, 13)
    found = resolve(nlp, document.text, "arrived", document.published)
    assert (found.date, found.source) == (date(2021, 5, 13), "text")


def test_a_meeting_scheduled_for_a_weekday_lies_ahead(nlp: Language) -> None:
    # A Wednesday story: Friday is two days on, and the summit is planned, not held.
    text = "The summit between the Kenyan and Somali leaders is scheduled for Friday."
    found = resolve(nlp, text, "summit", date(2024, 5, 8))
    assert found.date == date(2024, 5, 10)
    doc = nlp(text)
    assert modality(next(t for t in doc if t.text == "summit"), GRAMMAR) == "future"
    held = nlp("The summit between the two leaders was scheduled for Friday.")
    assert modality(next(t for t in held if t.text == "summit"), GRAMMAR) == "asserted"
