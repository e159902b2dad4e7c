"""Recipients of events on news-style sentences, with actors resolved by the real resolver.

Each test states one general pattern of English through which an act names whom it is aimed
at: a partner inside a prepositional object, a purpose clause, a that-clause hanging from a
light verb, the doer of a deed under investigation, a region of a country.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from tacitus.actors import KnowledgeBase, resolve_actors
from tacitus.events import Lexicon, code_events
from tacitus.records import CleanDocument

pytestmark = pytest.mark.slow

Dyad = tuple[str, str | None, str | None]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture()
def dyads(
    nlp: Language,
    kb: KnowledgeBase,
    lexicon: Lexicon,
    make_document: Callable[..., CleanDocument],
) -> Callable[[str], set[Dyad]]:
    def run(text: str) -> set[Dyad]:
        document = make_document(text)
        doc = nlp(document.text)
        events = code_events(doc, document, resolve_actors(doc, document, kb), lexicon)
        return {
            (e.event, e.actor.code if e.actor else None, e.recipient.code if e.recipient else None)
            for e in events
        }

    return run


def test_the_actors_own_possession_does_not_hide_the_threatened_state(dyads) -> None:
    # "its border war" names Iran again; the threat is still aimed at Baghdad.
    text = (
        "Iran threatened to launch a fresh offensive in its border war with Iraq unless "
        "Baghdad withdrew its troops."
    )
    assert ("THREATEN", "IRN", "IRQ") in dyads(text)


def test_an_actor_named_again_as_a_place_does_not_take_the_recipient_slot(dyads) -> None:
    text = "Israel threatened to close crossings in East Jerusalem if Hamas fired more rockets."
    assert ("THREATEN", "ISR", "PSE") in dyads(text)


def test_recipient_inside_a_prepositional_object(dyads) -> None:
    text = "Kenya's government has reneged on its promise to Somali refugees to grant them permits."
    assert ("REJECT", "KEN", "SOM") in dyads(text)


def test_enemy_of_a_war_the_troops_are_mobilised_for(dyads) -> None:
    text = "Britain mobilised thousands of reservists on Monday for a possible war against Iraq."
    assert ("MOBILIZE", "GBR", "IRQ") in dyads(text)


def test_object_of_a_purpose_clause_receives_the_attack(dyads) -> None:
    text = "Ugandan soldiers opened fire to scatter Kenyan traders at a border market on Tuesday."
    assert ("ASSAULT", "UGA", "KEN") in dyads(text)


def test_refusal_aimed_through_to(dyads) -> None:
    assert ("REJECT", "HUN", "RUS") in dyads("Hungary has denied visas to Russian diplomats.")


def test_that_clause_of_a_light_verb_names_whom_a_demand_is_on(dyads) -> None:
    found = dyads("Egypt voiced its demand on Sunday that Ethiopia stop filling the dam.")
    assert ("REQUEST", "EGY", "ETH") in found


def test_that_clause_parsed_as_relative_still_completes_the_demand(dyads) -> None:
    found = dyads("The African Union reiterated its demand on Monday that Sudan hold elections.")
    assert ("REQUEST", "IGO", "SDN") in found


def test_hyphenated_verb_split_by_the_tokenizer_keeps_its_partner(dyads) -> None:
    found = dyads("Ethiopia agreed to re-establish diplomatic ties with Egypt.")
    assert ("AGREE", "ETH", "EGY") in found


def test_investigation_is_aimed_at_whoever_committed_the_abuses(dyads) -> None:
    text = "The United Nations opened an investigation into abuses committed by Ethiopian soldiers."
    assert ("ACCUSE", "UNO", "ETH") in dyads(text)


def test_praise_is_aimed_at_whoever_carried_out_the_rescue(dyads) -> None:
    assert ("SUPPORT", "KEN", "TZA") in dyads(
        "Kenya praised the rescue carried out by Tanzanian police."
    )


def test_a_region_named_by_compass_point_is_its_country(dyads) -> None:
    assert ("ASSAULT", "ISR", "LBN") in dyads(
        "Israel mounted an invasion of South Lebanon on Friday."
    )
