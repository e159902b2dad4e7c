"""Lower-case, ALL-CAPS and mojibake text codes like the same text cased and clean: the
parser reads a truecased copy of the same length, the stored and shown text stays as given.
All sentences are invented."""

from __future__ import annotations

import pytest

from tacitus.actors import KnowledgeBase
from tacitus.clean import clean_document
from tacitus.clean.truecase import CaseTable, case_table, load_lists, truecase
from tacitus.config import CleanConfig, Settings
from tacitus.engines.stages import Resources, code_documents
from tacitus.records import CleanDocument, CodedDocument, RawDocument

SENTENCES = [
    "Chile's foreign minister met Hamas leader Ismail Haniyeh in Doha on Tuesday.",
    "Russian troops shelled the Ukrainian city of Kharkiv on Monday, officials said.",
    "The United Nations condemned the Israeli air strike on Gaza.",
    "Police in Nigeria arrested dozens of protesters in Lagos after clashes on Friday.",
    "Turkish President Recep Tayyip Erdogan threatened to expel the Swedish ambassador.",
]


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(Settings())


@pytest.fixture(scope="module")
def table() -> CaseTable:
    return case_table(KnowledgeBase.load().spellings())


def code(text: str, resources: Resources) -> CodedDocument:
    raw = RawDocument(source="test://case", raw=text, fmt="text", meta={"language": "en"})
    cleaned = clean_document(raw, CleanConfig())
    assert isinstance(cleaned, CleanDocument), getattr(cleaned, "reason", "")
    return code_documents([cleaned], resources)[0]


def coding(coded: CodedDocument) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.event, e.actor.code if e.actor else None, e.recipient.code if e.recipient else None)
        for e in coded.events
    ]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("variant", [str.lower, str.upper], ids=["lower", "caps"])
def test_lower_case_and_all_caps_code_like_the_cased_sentence(
    sentence: str, variant: object, resources: Resources
) -> None:
    cased = code(sentence, resources)
    assert cased.events, "the cased sentence should code an event"
    changed = code(variant(sentence), resources)  # type: ignore[operator]
    assert coding(changed) == coding(cased)
    assert [a.ref.id for a in changed.actors] == [a.ref.id for a in cased.actors]


def test_an_all_caps_wire_headline_codes_like_its_cased_version(resources: Resources) -> None:
    headline = "CHILE'S FOREIGN MINISTER MEETS HAMAS LEADER IN DOHA"
    cased = "Chile's foreign minister meets Hamas leader in Doha"
    assert coding(code(headline, resources)) == coding(code(cased, resources))
    assert coding(code(cased, resources))


def test_a_title_case_headline_codes_like_its_cased_version(resources: Resources) -> None:
    headline = "Chile Expels Two Bolivian Diplomats Over Border Row"
    cased = "Chile expels two Bolivian diplomats over border row"
    assert coding(code(headline, resources)) == coding(code(cased, resources))
    assert coding(code(cased, resources))


def test_a_title_case_line_is_recased_but_a_sentence_of_names_is_not(table: CaseTable) -> None:
    text = "Kenyan Police Arrest Opposition Leader In Nairobi\n\nThe arrest came on Friday."
    first = truecase(text, table).split("\n")[0]
    assert first == "Kenyan police arrest opposition leader in Nairobi"
    sentence = "Joe Biden Met Emmanuel Macron."
    assert truecase(sentence, table) == sentence


def test_evidence_and_offsets_keep_the_text_as_written(resources: Resources) -> None:
    text = SENTENCES[2].lower()
    coded = code(text, resources)
    assert coded.document.text == text
    event = coded.events[0]
    assert event.sentence == text
    assert text[event.raw_start : event.raw_end] == event.sentence
    assert all(a.ref.entity_text.islower() for a in coded.actors)


def test_mojibake_codes_like_the_clean_sentence(resources: Resources) -> None:
    clean = "Chile's foreign minister met Peru's president in Lima on Monday."
    garbled = clean.replace("'", "\u00e2\u20ac\u2122")
    assert coding(code(garbled, resources)) == coding(code(clean, resources))
    assert coding(code(clean, resources))


def test_cased_text_is_left_alone(table: CaseTable) -> None:
    text = "The minister said the IAEA would visit. Officials in ROME and Paris agreed."
    assert truecase(text, table) == text


def test_truecasing_changes_case_only(table: CaseTable) -> None:
    text = "the u.s. envoy met nato and eu officials in kabul on march 3. i hope so, mr. li said."
    recased = truecase(text, table)
    assert len(recased) == len(text) and recased.lower() == text.lower()
    assert recased.startswith("The U.S. envoy met NATO and EU officials in Kabul on March 3.")
    assert "I hope so, Mr. li said." in recased


def test_words_that_are_also_names_stay_lower_case_alone(table: CaseTable) -> None:
    recased = truecase(
        "the bill will mark a turning point, and we may march to the park in may.", table
    )
    assert "bill will mark" in recased and "we may march" in recased and "in may." in recased
    assert "park" in recased


def test_only_the_shouted_line_of_a_cased_text_is_recased(table: CaseTable) -> None:
    text = "KENYAN POLICE ARREST OPPOSITION LEADER IN NAIROBI\n\nThe arrest came on Friday."
    first, rest = truecase(text, table).split("\n", 1)
    assert first == "Kenyan police arrest opposition leader in Nairobi"
    assert rest == "\nThe arrest came on Friday."


def test_the_lists_and_table_load_and_validate(table: CaseTable) -> None:
    lists = load_lists()
    assert "may" in lists.ambiguous_months <= lists.months
    assert table.phrases[("nato",)] == "NATO"
    assert ("who",) not in table.phrases  # "who" the pronoun, not the WHO


def test_known_acronyms_stay_in_capitals_in_shouted_text(table: CaseTable) -> None:
    assert truecase("US, EU SPAR OVER STEEL TARIFFS AFTER TALKS IN GENEVA", table) == (
        "US, EU spar over steel tariffs after talks in Geneva"
    )
    # An acronym that is also an everyday word is the word ("CAR" the republic, a car).
    assert truecase("CAR BOMB KILLS FIVE NEAR MOGADISHU", table).startswith("Car bomb")
    assert truecase("MAN WHO STABBED A GUARD IN LYON IS CHARGED", table).startswith("Man who")
