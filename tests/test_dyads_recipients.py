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
from tacitus.events.coder import participants
from tacitus.events.dyads import ActorIndex
from tacitus.records import CleanDocument, EventMention

pytestmark = pytest.mark.slow

Dyad = tuple[str, str | None, str | None]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture()
def coded(
    nlp: Language,
    kb: KnowledgeBase,
    lexicon: Lexicon,
    make_document: Callable[..., CleanDocument],
) -> Callable[[str], list[EventMention]]:
    def run(text: str) -> list[EventMention]:
        document = make_document(text)
        doc = nlp(document.text)
        return code_events(doc, document, resolve_actors(doc, document, kb), lexicon)

    return run


@pytest.fixture()
def dyads(coded: Callable[[str], list[EventMention]]) -> Callable[[str], set[Dyad]]:
    def run(text: str) -> set[Dyad]:
        return {
            (e.event, e.actor.code if e.actor else None, e.recipient.code if e.recipient else None)
            for e in coded(text)
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


def test_a_statement_acts_for_whoever_issued_it(dyads) -> None:
    found = dyads("Algeria's foreign ministry issued a statement condemning the raid by Morocco.")
    assert ("ACCUSE", "DZA", "MAR") in found
    found = dyads("Chile sent a letter urging Bolivia to withdraw its complaint.")
    assert ("REQUEST", "CHL", "BOL") in found


def test_a_traveller_holds_the_talks_the_journey_is_for(dyads) -> None:
    found = dyads("The Omani foreign minister flew to Tehran on Monday for talks with Iran.")
    assert ("CONSULT", "OMN", "IRN") in found


def test_an_unnamed_group_is_of_the_country_where_it_acts(dyads) -> None:
    found = dyads("Gunmen stormed a police station in the Nigerian city of Kano on Friday.")
    assert {e[1] for e in found if e[0] == "ASSAULT"} == {"NGA"}
    # With no place named the attack still happened: it stays, by gunmen of no country.
    assert dyads("Gunmen stormed a police station on Friday night.") == {("ASSAULT", None, None)}


def test_coordinated_nationalities_are_one_group_each(dyads) -> None:
    found = dyads("Ethiopian and Sudanese military officials held talks in Addis Ababa.")
    assert {("CONSULT", "ETH", "SDN"), ("CONSULT", "SDN", "ETH")} <= found


def test_a_place_word_opening_a_group_name_is_no_place(dyads) -> None:
    found = dyads("The Philippine coast guard accused Chinese ships of blocking a supply boat.")
    assert ("ACCUSE", "PHL", "CHN") in found


def test_where_an_agreement_was_signed_is_not_its_partner(dyads) -> None:
    found = dyads("Rwanda and Burundi signed a border agreement in Nairobi on Thursday.")
    assert all(recipient != "KEN" for _, _, recipient in found)
    assert ("SUPPORT", "RWA", "BDI") in found


def test_an_act_on_the_actor_s_own_troops_is_aimed_at_no_one_else(dyads) -> None:
    found = dyads("The Eritrean army pulled its soldiers out of the border town on Sunday.")
    assert found == {("RETREAT", "ERI", None)}


def test_the_more_specific_of_two_cues_on_one_noun_gives_the_mode(coded) -> None:
    events = coded("A suicide bomber killed nine Somali soldiers at a base in Baidoa.")
    assert [(e.event, e.mode) for e in events] == [("ASSAULT", "suicide-attack")]


def test_the_sides_of_talks_between_two_states_meet_each_other(dyads) -> None:
    found = dyads("The talks between Kenya and Somalia ended without a deal on Tuesday.")
    assert {("CONSULT", "KEN", "SOM"), ("CONSULT", "SOM", "KEN")} <= found


def test_a_gerund_of_manner_is_done_by_the_subject_of_its_verb(dyads) -> None:
    found = dyads("Canada joined Britain in imposing sanctions on Iranian officials.")
    assert ("SANCTION", "CAN", "IRN") in found


def test_an_accusation_s_gerund_is_the_accused_s_deed(dyads) -> None:
    found = dyads("Iran accused Israel of attacking its tanker in the Red Sea.")
    assert not any(event == "ASSAULT" and actor == "IRN" for event, actor, _ in found)


def test_the_subject_of_a_passive_raising_verb_does_its_complement(dyads) -> None:
    found = dyads("Norway is expected to expel two Russian diplomats this week.")
    assert {actor for _, actor, _ in found} == {"NOR"}


@pytest.mark.xfail(
    strict=True,
    reason="the model vetoes the conditional 'could bomb' and reads 'warned' with Iraq as actor",
)
def test_a_warning_by_unnamed_officials_leaves_the_warned_act_coded(coded) -> None:
    events = coded(
        "Turkey could bomb Kurdish positions in Iraq if the attacks continue, officials warned."
    )
    assert [(e.event, e.actor.code, e.modality) for e in events if e.actor] == [
        ("THREATEN", "TUR", "hypothetical")
    ]


def test_a_named_owner_in_the_phrase_beats_a_possessive_pronoun(dyads) -> None:
    found = dyads("The Greek prime minister told his Turkish counterpart that Athens wanted calm.")
    assert ("CONSULT", "GRC", "TUR") in found


def test_an_outlet_told_a_story_is_its_reporter_not_a_partner(dyads) -> None:
    found = dyads("Nigerian troops freed 40 hostages in Borno state, officials told Reuters.")
    assert all(event != "CONSULT" for event, _, _ in found)


def test_a_denied_meeting_did_not_happen_but_a_refused_one_is_a_rejection(coded) -> None:
    denied = coded("Hezbollah denied meeting Iranian envoys in Beirut last week.")
    assert [(e.event, e.modality) for e in denied] == [("CONSULT", "negated")]
    refused = coded("Hezbollah will not meet Iranian envoys in Beirut next week.")
    assert [(e.event, e.modality) for e in refused] == [("REJECT", "asserted")]


def test_the_state_visited_hosts_the_visit(dyads) -> None:
    assert ("CONSULT", "EGY", "SAU") in dyads(
        "The Egyptian president arrived in Riyadh on a visit."
    )
    assert ("CONSULT", "DEU", "IND") in dyads("The German chancellor is on a state visit to India.")


def test_a_former_state_is_coded_as_its_successor(dyads) -> None:
    assert ("RETREAT", "RUS", "AFG") in dyads("Soviet troops withdrew from Afghanistan in 1989.")


def test_tear_gas_fired_at_a_crowd_is_crowd_control(coded) -> None:
    events = coded("Kenyan police fired tear gas to disperse opposition supporters in Kisumu.")
    assert ("ASSAULT", "crowd-control") in {(e.event, e.mode) for e in events}


def test_coordinated_verbs_share_their_object(dyads) -> None:
    found = dyads("Georgian police arrested and deported three Russian activists.")
    assert ("COERCE", "GEO", "RUS") in found
    assert all(recipient == "RUS" for _, _, recipient in found)
    # A verb with a complement of its own keeps it.
    found = dyads("Turkey said it stands by the Azerbaijani people and condemned Armenia.")
    assert ("SUPPORT", "TUR", "AZE") in found


def test_a_count_of_acts_stands_for_the_acts(dyads) -> None:
    assert ("ASSAULT", "ISR", "LBN") in dyads("Israel launched a wave of air strikes on Lebanon.")
    found = dyads("Serbia and Kosovo held a fresh round of talks in Brussels on Monday.")
    assert {("CONSULT", "SRB", "KOS"), ("CONSULT", "KOS", "SRB")} <= found


def test_traded_accusations_and_fire_go_both_ways(dyads) -> None:
    found = dyads("Armenia and Azerbaijan traded accusations over the shelling of border villages.")
    assert {("ACCUSE", "ARM", "AZE"), ("ACCUSE", "AZE", "ARM")} <= found


@pytest.fixture()
def sides(coded: Callable[[str], list[EventMention]]) -> Callable[[str], set[tuple[str, ...]]]:
    def run(text: str) -> set[tuple[str, ...]]:
        return {
            (
                e.event,
                f"{e.actor.code}.{e.actor.sector}" if e.actor else "-",
                f"{e.recipient.code}.{e.recipient.sector}" if e.recipient else "-",
            )
            for e in coded(text)
        }

    return run


def test_an_unnamed_group_aimed_at_is_the_recipient_not_the_city(sides) -> None:
    # One sentence, no country named but a city: both groups are of the city's country.
    assert ("COERCE", "NGA.COP", "NGA.JRN") in sides(
        "Police in Kano detained four reporters on Sunday."
    )
    assert ("ASSAULT", "PAK.MIL", "PAK.EDU") in sides(
        "Soldiers in Peshawar beat several students on Tuesday."
    )


def test_a_group_the_doer_owns_is_of_the_doers_country(sides) -> None:
    # The story's country (India, named twice) is not the withdrawing army's.
    found = sides(
        "The Pakistani army pulled back its soldiers from two border posts on Monday. "
        "Indian officials welcomed the move. India had asked for it."
    )
    retreats = [(actor, recipient) for event, actor, recipient in found if event == "RETREAT"]
    assert any(actor.startswith("PAK") for actor, _ in retreats)
    assert not any(recipient.startswith("IND") for _, recipient in retreats)


def test_an_unqualified_group_is_of_the_country_it_acts_in(sides) -> None:
    # The story names Britain most; the police acted in Nairobi.
    found = sides(
        "Britain summoned the envoy. London and the British foreign office were silent. "
        "In Nairobi, riot police fired tear gas at protesters on Saturday."
    )
    assert ("ASSAULT", "KEN.COP", "KEN.CVL") in found
    # A group its own words place keeps that country.
    found = sides("British police arrested two Kenyan students in Nairobi on Saturday.")
    assert any(actor == "GBR.COP" for _, actor, _ in found)


def test_a_group_of_known_kind_acts_even_where_no_country_is_named(coded) -> None:
    # A wire line naming no state: the teachers' march is kept, of no country, not lost;
    # a doer of no kind at all ("they") still makes no event.
    events = coded(
        "Hundreds of teachers marched through the capital on Friday to demand better pay."
    )
    march = next(e for e in events if e.event == "PROTEST")
    assert march.actor is not None
    assert (march.actor.code, march.actor.sector) == (None, "EDU")
    assert not coded("They marched through the capital on Friday.")


def test_breaking_up_a_crowd_is_coercion_and_with_a_riot_weapon_an_assault(coded) -> None:
    dispersed = coded("Riot police dispersed the demonstrators outside parliament in Nairobi.")
    assert [(e.event, e.mode) for e in dispersed] == [("COERCE", "restrict")]
    gassed = coded("Security forces used tear gas and water cannon against students in Nairobi.")
    assert [(e.event, e.mode, e.actor.code) for e in gassed if e.actor] == [
        ("ASSAULT", "crowd-control", "KEN")
    ]
    assert not coded("The company used gas to heat its offices in Nairobi.")


def test_talking_to_the_press_is_no_meeting(dyads) -> None:
    briefed = dyads("Kenya's foreign minister briefed reporters in Nairobi on Tuesday.")
    assert all(event != "CONSULT" for event, _, _ in briefed)
    interview = dyads("The Ethiopian prime minister gave an interview to the BBC on Monday.")
    assert all(event != "CONSULT" for event, _, _ in interview)
    # Speaking to a state's envoy is still one.
    assert ("CONSULT", "KEN", "UGA") in dyads(
        "Kenya's foreign minister spoke with Uganda's ambassador in Nairobi on Tuesday."
    )


def test_people_of_crime_reports_are_actors_by_their_role(sides) -> None:
    # Police stories name suspects, cops and drivers by role; each still takes a side.
    found = sides(
        "Ghanaian police arrested three suspects in Kumasi on Friday. "
        "In Accra, cops detained a driver after a crash."
    )
    arrests = {
        recipient for event, actor, recipient in found if (event, actor[-4:]) == ("COERCE", ".COP")
    }
    assert {"GHA.CRM", "GHA.CVL"} <= arrests


def test_a_raped_victim_is_an_assault_not_a_song(coded, dyads) -> None:
    events = coded("Soldiers raped dozens of women in a village in northern Ethiopia.")
    assert [(e.event, e.mode, e.actor.sector, e.recipient.sector) for e in events] == [
        ("ASSAULT", "sexual", "MIL", "CVL")
    ]
    molested = coded("Two men molested a schoolgirl on a bus in Pune on Friday, police said.")
    assert [(e.event, e.mode) for e in molested] == [("ASSAULT", "sexual")]
    strangled = dyads("Gunmen strangled a Mexican journalist in Veracruz on Sunday.")
    assert ("ASSAULT", "MEX", "MEX") in strangled


def test_her_husband_is_not_the_woman_he_beat(
    nlp: Language, kb: KnowledgeBase, make_document
) -> None:
    # A possessive pronoun stands for its owner in "its troops", not in "her husband": the
    # husband is a person of his own.
    document = make_document("A Kenyan woman said her husband had beaten her.")
    doc = nlp(document.text)
    index = ActorIndex(participants(doc, resolve_actors(doc, document, kb)))
    husband = next(t for t in doc if t.lower_ == "husband")
    assert [doc[m.start : m.end].text for m in index.phrase(husband)] == ["husband"]


def test_declining_to_comment_when_asked_is_no_event(dyads) -> None:
    # Withholding comment refuses no demand, and the reporter's question is no request.
    assert dyads("The Kremlin refused to comment when asked about the talks with Ukraine.") == set()
    assert dyads("Egypt's foreign ministry declined to comment on the Israeli report.") == set()
    assert ("REJECT", "IRN", "GBR") in dyads(
        "Iran refused to release the British tanker despite repeated demands from London."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The accused" names a suspect, not an accusation.
        ("A court in Delhi on Monday sentenced the accused to ten years in prison.",
         ("SANCTION", "IND.JUD", "IND.CRM")),
        # South Asian English: baton charges; arrests by "nabbing", "picking up", "catching".
        ("Police in Patna lathicharged a crowd of students on Monday.",
         ("ASSAULT", "IND.COP", "IND.EDU")),
        ("The crime branch in Pune nabbed two smugglers on Thursday.",
         ("COERCE", "IND.COP", "IND.CRM")),
        ("Police in Lahore caught two robbers outside a bank on Friday.",
         ("COERCE", "PAK.COP", "PAK.CRM")),
        ("Police in Lahore picked up three students for questioning on Friday.",
         ("COERCE", "PAK.COP", "PAK.EDU")),
        # The other side of a clash is its recipient, not the place it happened in.
        ("Striking teachers clashed with riot police outside the ministry in Harare.",
         ("ASSAULT", "ZWE.EDU", "ZWE.COP")),
        # A base or a police post attacked is its force, not the country it stands in.
        ("Gunmen attacked an army base in northern Burkina Faso on Sunday.",
         ("ASSAULT", "BFA.UAF", "BFA.MIL")),
        ("Angry villagers attacked a police post in Kenya's Rift Valley.",
         ("ASSAULT", "KEN.CVL", "KEN.COP")),
        # A hyphenated verb the tokenizer splits keeps its meaning: "baton-charged".
        ("Riot police baton-charged the protesters in Dhaka on Sunday.",
         ("ASSAULT", "BGD.COP", "BGD.CVL")),
        # A quantity of sanctions takes the prepositions of the sanctions.
        ("Britain imposed a fresh package of sanctions on Iran on Monday.",
         ("SANCTION", "GBR.None", "IRN.None")),
        ("The World Bank lent Ghana $250 million last year.", ("AID", "IGO.BUS", "GHA.None")),
        # A headline's "X to do Y" is planned: a promise of arms is an agreement.
        ("Canada to send more tanks to Latvia", ("AGREE", "CAN.None", "LVA.None")),
        # Residents act even where no country is named.
        ("Furious residents blocked the main road for hours on Tuesday.",
         ("PROTEST", "None.CVL", "-")),
    ],
)  # fmt: skip
def test_the_people_of_crime_and_local_reports_take_their_sides(
    sides, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in sides(text)


def test_the_deceased_and_the_accused_are_people_not_acts(sides) -> None:
    sentenced = sides("A court in Delhi on Monday sentenced the accused to ten years in prison.")
    assert all(event != "ACCUSE" for event, _, _ in sentenced)
    beaten = sides("In Lagos, the deceased had been beaten by his landlord, police said.")
    assert any(e == "ASSAULT" and r == "NGA.CVL" for e, _, r in beaten)
    # A neighbour or a relative who attacks is the actor, not lost for want of a name.
    stabbed = sides("A teenage girl was stabbed by her neighbour in Nairobi on Sunday.")
    assert [actor for event, actor, _ in stabbed if event == "ASSAULT"] == ["KEN.CVL"]


def test_words_of_local_reports_need_their_context(sides) -> None:
    sat = sides("Hundreds of farmers staged a dharna outside the district office in Ludhiana.")
    assert any(event == "PROTEST" for event, _, _ in sat)
    stoned = sides("Local people pelted stones at each other outside the mosque.")
    assert any(event == "ASSAULT" for event, _, _ in stoned)
    # Picking up the pace arrests no one.
    assert not sides("The students picked up the pace as the exam neared.")
    # Working people who strike stop work; striking a deal is no strike.
    assert ("PROTEST", "MWI.MED", "MWI.None") in sides("Nurses strike over unpaid wages in Malawi")
    assert not any(e == "PROTEST" for e, _, _ in sides("Workers in Lagos struck a pay deal."))
    # What a sanction targets is the sanction's, not an attack.
    assert {e for e, _, _ in sides("Britain sanctioned Iran, targeting its drone makers.")} == {
        "SANCTION"
    }


def test_weapons_sent_to_a_state_are_aid_and_troops_sent_a_mobilisation(dyads) -> None:
    # A promise of arms is coded as an agreement (PLOVER's future AID), never a threat.
    promised = dyads("Canada will send eight Leopard tanks to Poland, its defence minister said.")
    assert ("AGREE", "CAN", "POL") in promised
    assert all(event != "THREATEN" for event, _, _ in promised)
    assert any(e == "MOBILIZE" for e, _, _ in dyads("Chad sent 500 troops to its border."))


def test_ordering_an_envoy_out_is_an_expulsion(coded) -> None:
    events = coded("Mali's junta ordered the Swedish ambassador to leave within 72 hours.")
    assert [(e.event, e.mode, e.recipient.code) for e in events if e.recipient] == [
        ("SANCTION", "expel", "SWE")
    ]


def test_what_someone_is_arrested_for_is_the_charge_not_an_event(sides) -> None:
    # As "accused X of attacking" codes the accusation only (docs/annotation.md).
    found = sides("Police in Kano arrested a trader for killing his brother.")
    assert found == {("COERCE", "NGA.COP", "NGA.BUS")}
    sentenced = sides("A court in Tehran sentenced a British woman to ten years for spying.")
    assert {event for event, _, _ in sentenced} == {"SANCTION"}


def test_a_domestic_act_done_abroad_is_aimed_at_the_state_it_happens_in(dyads) -> None:
    # Arrests at home are aimed at the actor's own state, abroad at the host state (the
    # place names the recipient before the actor's home does).
    assert ("COERCE", "USA", "SYR") in dyads("U.S. special forces detained a militant in Syria.")
    assert ("COERCE", "TUR", "TUR") in dyads("Turkish police detained a journalist in Ankara.")
