"""Event coding on news-style sentences, with actors given by hand so only the coder is tested."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language

from tacitus.events import Lexicon, code_events
from tacitus.records import ActorMention, ActorRef, CleanDocument, EventMention

pytestmark = pytest.mark.slow

# Names the tests' hand-made resolver knows: surface text -> (code, sector, kind, role).
NAMES = {
    "Brazil": ("BRA", None, "state", "actor"),
    "Argentina": ("ARG", None, "state", "actor"),
    "Chile": ("CHL", None, "state", "actor"),
    "Peru": ("PER", None, "state", "actor"),
    "Oman": ("OMN", None, "state", "actor"),
    "Kenya": ("KEN", None, "state", "actor"),
    "Uganda": ("UGA", None, "state", "actor"),
    "Somali": ("SOM", None, "state", "actor"),
    "Egypt": ("EGY", None, "state", "actor"),
    "Sudan": ("SDN", None, "state", "actor"),
    "Russia": ("RUS", None, "state", "actor"),
    "Georgia": ("GEO", None, "state", "actor"),
    "Japan": ("JPN", None, "state", "actor"),
    "Nepal": ("NPL", None, "state", "actor"),
    "Turkey": ("TUR", None, "state", "actor"),
    "Israel": ("ISR", None, "state", "actor"),
    "Gaza": ("PSE", None, "state", "actor"),
    "Iran": ("IRN", None, "state", "actor"),
    "Serbia": ("SRB", None, "state", "actor"),
    "Kosovo": ("KOS", None, "state", "actor"),
    "India": ("IND", None, "state", "actor"),
    "Chinese": ("CHN", None, "state", "actor"),
    "Poland": ("POL", None, "state", "actor"),
    "Germany": ("DEU", None, "state", "actor"),
    "Canada": ("CAN", None, "state", "actor"),
    "Mexico": ("MEX", None, "state", "actor"),
    "Hamas": ("PSE", "REB", "organization", "actor"),
    "Hezbollah": ("LBN", "REB", "organization", "actor"),
    "Ali Rahimi": ("IRN", "GOV", "person", "actor"),
    "Omar Haddad": ("PSE", "REB", "person", "actor"),
    "Xinhua": (None, "JRN", "media", "reporter"),
    "Karim Nasser": ("IRN", "MIL", "person", "actor"),
    "US": ("USA", None, "state", "actor"),
    "Kenyan": ("KEN", None, "state", "actor"),
    "Turkish": ("TUR", None, "state", "actor"),
    "Russian": ("RUS", None, "state", "actor"),
}


def mentions_for(doc, names: dict = NAMES) -> list[ActorMention]:
    """Every occurrence of a known name, longest names first."""
    found: list[ActorMention] = []
    taken: set[int] = set()
    for surface in sorted(names, key=len, reverse=True):
        code, sector, kind, role = names[surface]
        words = surface.split()
        for start in range(len(doc) - len(words) + 1):
            span = doc[start : start + len(words)]
            if span.text != surface or taken & set(range(span.start, span.end)):
                continue
            taken |= set(range(span.start, span.end))
            ref = ActorRef(surface.lower(), surface, surface, code, sector)
            found.append(ActorMention(span.start, span.end, span.root.i, ref, "alias", kind, role))
    return sorted(found, key=lambda m: m.start)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture()
def code(nlp: Language, lexicon: Lexicon, make_document) -> Callable[..., list[EventMention]]:
    def run(text: str, published: date | None = None) -> list[EventMention]:
        document: CleanDocument = make_document(text, published=published)
        doc = nlp(document.text)
        return code_events(doc, document, mentions_for(doc), lexicon)

    return run


def dyads(events: list[EventMention]) -> set[tuple]:
    return {
        (e.event, e.actor.code if e.actor else None, e.recipient.code if e.recipient else None)
        for e in events
    }


def test_phone_call_is_consult_phone(code) -> None:
    events = code("Ali Rahimi held a telephone conversation with Omar Haddad on Saturday.")
    assert [(e.event, e.mode, e.actor.name, e.recipient.name) for e in events] == [
        ("CONSULT", "phone", "Ali Rahimi", "Omar Haddad")
    ]
    assert events[0].quad_code == 1 and events[0].cameo == "04"


def test_passive_voice_puts_the_by_phrase_in_the_actor_slot(code) -> None:
    events = code("Kenya's army was attacked by Somali militants armed with rifles, police said.")
    assert ("ASSAULT", "SOM", "KEN") in dyads(events)
    assert next(e for e in events if e.event == "ASSAULT").mode == "firearms"


def test_reciprocal_agreement_codes_both_directions(code) -> None:
    assert dyads(code("Chile and Peru agreed to share border data.")) == {
        ("AGREE", "CHL", "PER"),
        ("AGREE", "PER", "CHL"),
    }


def test_compound_subject_gives_one_event_per_actor(code) -> None:
    events = code("Egypt and Turkey condemned Israel for the raid.")
    assert {("ACCUSE", "EGY", "ISR"), ("ACCUSE", "TUR", "ISR")} <= dyads(events)


def test_reported_speech_codes_what_was_said(code) -> None:
    # Telling someone is how the support was voiced; whether it is also a meeting is left
    # to the learned decision (the guidelines code talking to the press as no event).
    events = code("Ali Rahimi told Omar Haddad that Iran stands alongside Gaza.")
    assert ("SUPPORT", "IRN", "PSE") in dyads(events)
    assert dyads(events) <= {("CONSULT", "IRN", "PSE"), ("SUPPORT", "IRN", "PSE")}
    support = next(e for e in events if e.event == "SUPPORT")
    assert support.actor.name == "Iran" and support.recipient.name == "Gaza"


def test_possessive_event_noun_names_its_actor(code) -> None:
    events = code("Turkey condemned Israel's aerial bombardment of Gaza.")
    assert dyads(events) == {("ACCUSE", "TUR", "ISR"), ("ASSAULT", "ISR", "PSE")}
    assault = next(e for e in events if e.event == "ASSAULT")
    assert assault.mode == "aerial"


def test_reporter_goes_to_attribution_not_to_the_event(code) -> None:
    events = code("Hamas fired rockets at Israel on Monday, Xinhua reported.")
    assert dyads(events) == {("ASSAULT", "PSE", "ISR")}
    assert events[0].attributed_to == "Xinhua"
    assert events[0].mode == "heavy-weapons"


@pytest.mark.xfail(
    strict=True,
    reason="the learned type decision is 88 % sure this 'attack' is no event and vetoes the rule",
)
def test_denial_codes_the_denied_event_as_negated(code) -> None:
    events = code("Iran has repeatedly denied any involvement in the attack.")
    assert [(e.event, e.actor.code, e.modality) for e in events] == [("ASSAULT", "IRN", "negated")]


def test_plain_negation(code) -> None:
    events = code("Hezbollah did not attack Israel on Sunday.")
    assert [(e.event, e.modality) for e in events] == [("ASSAULT", "negated")]


def test_future_support_is_recoded_as_agree(code) -> None:
    events = code("Egypt said it will continue to support Sudan.")
    assert [(e.event, e.modality, e.actor.code, e.recipient.code) for e in events] == [
        ("AGREE", "future", "EGY", "SDN")
    ]


def test_planned_meeting_is_agree_future(code) -> None:
    events = code("Canada was due to meet Mexico on Friday.")
    assert [(e.event, e.modality) for e in events] == [("AGREE", "future")]


def test_an_attack_in_a_condition_is_not_an_attack(code) -> None:
    events = code("If Serbia attacks Kosovo, the alliance will respond.")
    assert not [e for e in events if e.event == "ASSAULT" and e.modality == "asserted"]


def test_threat_takes_its_mode_and_recipient_from_the_threatened_act(code) -> None:
    events = code("Russia threatened to cut ties with Georgia.")
    assert [(e.event, e.mode, e.recipient.code) for e in events] == [
        ("THREATEN", "relations", "GEO")
    ]


def test_demand_content_is_not_coded_on_its_own(code) -> None:
    events = code("Poland demanded that Germany withdraw its troops.")
    assert dyads(events) == {("REQUEST", "POL", "DEU")}
    assert events[0].mode == "yield"


def test_reported_must_is_a_request(code) -> None:
    assert dyads(code("Germany said on Monday that Poland must return the seized trucks.")) == {
        ("REQUEST", "DEU", "POL")
    }


def test_meeting_in_a_third_country_is_third_party(code) -> None:
    events = code("Iran met Hamas in Oman on Tuesday.")
    assert [(e.event, e.mode) for e in events] == [("CONSULT", "third-party")]


def test_host_is_recipient_and_guest_is_actor(code) -> None:
    events = code("Egypt hosted Sudan for talks on water.")
    assert ("CONSULT", "SDN", "EGY") in dyads(events)


def test_aid_needs_a_recipient_and_gets_one_from_to(code) -> None:
    assert dyads(code("Japan sent food aid to Nepal.")) == {("AID", "JPN", "NPL")}
    assert code("Japan sent food aid.") == []


def test_sanctions_take_recipient_from_on(code) -> None:
    events = code("Argentina imposed sanctions on Chile.")
    assert [(e.event, e.mode, e.recipient.code) for e in events] == [
        ("SANCTION", "discontinue", "CHL")
    ]


def test_no_event_without_a_named_actor(code) -> None:
    assert code("Four people were killed in a bombing on Sunday.") == []


def test_event_record_offsets_and_date(code) -> None:
    text = "Kenya accused Uganda of arming rebels. Hamas praised Iran."
    events = code(text, published=date(2023, 10, 15))
    assert [e.sentence_index for e in events] == [0, 1]
    for event in events:
        assert text[event.start : event.end] == event.sentence
        assert (event.raw_start, event.raw_end) == (event.start, event.end)
        assert event.date == date(2023, 10, 15)
    assert events[0].mode == "allege"


def test_output_is_deterministic(code) -> None:
    text = "Chile and Peru agreed to share border data. Hamas fired rockets at Israel."
    first = [e.mention_id for e in code(text)]
    assert first == [e.mention_id for e in code(text)]
    assert len(set(first)) == len(first)


def test_pronoun_after_a_possessive_apostrophe_finds_its_antecedent(code) -> None:
    events = code(
        "Iran hailed Hamas' attack on Israel, but it denied any involvement in the offensive."
    )
    assert ("ASSAULT", "IRN", None) in dyads(events)
    denied = next(e for e in events if e.actor.code == "IRN" and e.event == "ASSAULT")
    assert denied.modality == "negated"


def test_passive_killing_takes_its_actor_from_the_instrument_noun(code) -> None:
    events = code("Karim Nasser was killed in a US drone strike near the airport on Friday.")
    assert dyads(events) == {("ASSAULT", "USA", "IRN")}
    assert events[0].mode == "drone" and events[0].modality == "asserted"


def test_named_victims_of_a_bombing_make_an_event_without_an_actor(code) -> None:
    events = code("Two Kenyan police officers were killed in a roadside bombing on Tuesday.")
    assert dyads(events) == {("ASSAULT", None, "KEN")}
    assert events[0].mode == "explosives"


def test_preparing_an_attack_is_a_mobilisation_not_a_threat(code) -> None:
    events = code("Turkish troops prepared to attack positions held by Hezbollah.")
    assert [(e.event, e.actor.code, e.modality) for e in events] == [
        ("MOBILIZE", "TUR", "asserted")
    ]


def test_exercises_held_by_two_states_are_cooperation(code) -> None:
    events = code("Russian and Chinese warships launched war games in the Pacific.")
    assert {("COOPERATE", "RUS", "CHN"), ("COOPERATE", "CHN", "RUS")} <= dyads(events)
    assert "MOBILIZE" not in {e.event for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "India tested a nuclear-capable cruise missile over the Bay of Bengal on Monday.",
        "Iran carried out a ballistic missile test near its northern border last week.",
    ],
)
def test_a_weapons_test_is_a_show_of_strength(code, text: str) -> None:
    events = code(text)
    assert [(e.event, e.mode) for e in events] == [("MOBILIZE", "weapons")]


def test_a_missile_fired_at_a_target_stays_an_attack(code) -> None:
    events = code("Hamas fired a missile at an army base in Israel on Monday.")
    assert "MOBILIZE" not in {e.event for e in events}
    assert "ASSAULT" in {e.event for e in events}


def test_leaving_a_treaty_reduces_relations(code) -> None:
    events = code("Canada withdrew from the trade agreement with Mexico on Tuesday.")
    assert [(e.event, e.mode) for e in events] == [("SANCTION", "withdraw")]
    assert dyads(events) == {("SANCTION", "CAN", "MEX")}


def test_troops_leaving_a_town_are_a_retreat(code) -> None:
    events = code("Turkish troops withdrew from the town after a week of fighting.")
    assert {e.event for e in events} == {"RETREAT"}


def test_the_condition_of_a_threat_is_not_an_event_of_its_own(code) -> None:
    events = code("Iran threatened to close the strait unless Germany accepted its terms.")
    assert dyads(events) == {("THREATEN", "IRN", "DEU")}


def test_a_protest_purpose_after_a_light_verb_is_part_of_the_protest(code) -> None:
    events = code("Serbia's opposition staged a rally to demand the release of jailed activists.")
    assert {e.event for e in events} == {"PROTEST"}


def test_a_domestic_concession_is_aimed_at_the_actor_s_own_state(code) -> None:
    events = code("Sudan's government lifted the nightly curfew on Sunday.")
    assert dyads(events) == {("CONCEDE", "SDN", "SDN")}


def test_a_suspended_link_names_the_partner_as_recipient(code) -> None:
    events = code("Poland announced a suspension of flights with Russia on Monday.")
    assert dyads(events) == {("SANCTION", "POL", "RUS")}


def test_a_captured_aircraft_is_not_an_abduction(code) -> None:
    events = code("Georgia demanded the return of a helicopter that was captured by Russia.")
    assert "ASSAULT" not in {e.event for e in events}


def test_phrase_in_a_later_sentence_keeps_its_place_in_the_document(code) -> None:
    events = code(
        "Talks on the border dispute have stalled for months. "
        "On Monday, Ali Rahimi held a video call with Omar Haddad."
    )
    consult = [e for e in events if e.event == "CONSULT"]
    assert [(e.mode, e.event_text, e.sentence.startswith("On Monday")) for e in consult] == [
        ("phone", "video call", True)
    ]


def test_user_phrase_naming_no_word_still_matches(nlp: Language, make_document, tmp_path) -> None:
    """A pattern the word check cannot screen for (only a regular expression) runs everywhere."""
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "version: 1\ntypes:\n  PROTEST:\n    phrases:\n"
        "      - {pattern: [{LOWER: {REGEX: '^walk-?outs?$'}}], anchor: 0, mode: strike}\n",
        encoding="utf-8",
    )
    lexicon = Lexicon.load([extra])
    assert lexicon.phrase_words is None
    document = make_document("Dockers in Kenya staged a walkout over unpaid wages on Friday.")
    doc = nlp(document.text)
    events = code_events(doc, document, mentions_for(doc), lexicon)
    assert [(e.event, e.event_text) for e in events] == [("PROTEST", "walkout")]


@pytest.mark.parametrize(
    "dateline", ["DOHA, May 7 (Test Wire) - ", "DOHA (Test Wire) -- ", "Doha, May 7 - "]
)
def test_the_dateline_place_takes_no_part_in_the_event(nlp, lexicon, make_document, dateline):
    text = dateline + "Ali Rahimi met Omar Haddad on Tuesday to discuss a ceasefire."
    document = make_document(text)
    doc = nlp(text)
    qatar = ("QAT", None, "state", "actor")
    events = code_events(doc, document, mentions_for(doc, NAMES | {"DOHA": qatar, "Doha": qatar}),
                         lexicon)  # fmt: skip
    assert ("CONSULT", "IRN", "PSE") in dyads(events)
    assert not [d for d in dyads(events) if "QAT" in d]


def test_a_person_the_knowledge_base_does_not_know_is_of_the_country_the_act_happens_in(
    nlp, lexicon, make_document
) -> None:
    text = "Daniel Mwangi was arrested in Nairobi on Tuesday."
    document = make_document(text)
    doc = nlp(text)
    unknown = NAMES | {"Daniel Mwangi": (None, None, "person", "actor")}
    events = code_events(doc, document, mentions_for(doc, unknown), lexicon)
    assert [(e.event, e.recipient.name, e.recipient.code) for e in events if e.recipient] == [
        ("COERCE", "Daniel Mwangi", "KEN")
    ]


def test_an_unnamed_doer_is_coded_as_an_unidentified_actor_of_the_story_country(code) -> None:
    events = code(
        "Kenya closed its border on Monday. "
        "Dozens of farmers accused Uganda of stealing their cattle."
    )
    accuse = next(e for e in events if e.event == "ACCUSE")
    assert accuse.actor is not None and accuse.recipient is not None
    assert (accuse.actor.name, accuse.actor.code, accuse.actor.sector) == (
        "Dozens of farmers",
        "KEN",
        "UNK",
    )
    assert accuse.recipient.code == "UGA"


def test_an_unnamed_target_is_an_unidentified_recipient_of_the_story_country(code) -> None:
    events = code(
        "Kenya closed its border on Monday. "
        "Kenya accused them of smuggling cattle across the border."
    )
    accuse = next(e for e in events if e.event == "ACCUSE")
    assert accuse.recipient is not None
    assert (accuse.recipient.name, accuse.recipient.code, accuse.recipient.sector) == (
        "them",
        "KEN",
        "UNK",
    )


@pytest.mark.parametrize("thing", ["the allegations", "new sanctions", "Monday's attack"])
def test_what_is_done_is_no_recipient(code, thing: str) -> None:
    events = code(f"Kenya closed its border on Monday. Uganda denied {thing} on Tuesday.")
    assert all(e.recipient is None or e.recipient.sector != "UNK" for e in events)


@pytest.mark.parametrize("subject", ["It", "A report"])
def test_an_impersonal_subject_is_no_actor(code, subject: str) -> None:
    events = code(f"Kenya shut its border on Monday. {subject} accused Uganda of stealing cattle.")
    accuse = [e for e in events if e.event == "ACCUSE"]
    assert accuse and all(e.recipient and e.recipient.code == "UGA" for e in accuse)
    assert all(e.actor is None or e.actor.sector != "UNK" for e in accuse)


def test_a_trigger_phrase_is_one_act_not_one_per_word(code) -> None:
    events = code("Kenya's soldiers opened fire on Somali fighters near the border on Tuesday.")
    assert [(e.event, e.event_text) for e in events] == [("ASSAULT", "opened fire")]


def test_a_date_after_on_is_no_call_on(code) -> None:
    # "Called on X to ..." is a request; "telephoned X on Sunday" is still a call.
    events = code("Egypt's foreign minister telephoned Sudan's prime minister on Sunday.")
    assert [(e.event, e.mode) for e in events] == [("CONSULT", "phone")]
    assert dyads(events) == {("CONSULT", "EGY", "SDN")}
