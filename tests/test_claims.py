"""Numeric claims: figures with their source, place, date and grouping key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.language import Language

from tacitus.claims import Claim, claim_key, extract_claims
from tacitus.records import ActorMention, ActorRef, CleanDocument

Maker = Callable[..., CleanDocument]


def claims_of(
    nlp: Language, make_document: Maker, text: str, published: date | None,
    actors: list[ActorMention] | None = None,
) -> list[Claim]:  # fmt: skip
    document = make_document(text, published=published)
    return extract_claims(nlp(document.text), document, actors or [])


def test_total_and_sub_count_with_source(nlp: Language, make_document: Maker) -> None:
    text = (
        "Fighting continued overnight. At least 87 people have been killed in Gaza, "
        "including 20 children, health officials said."
    )
    total, part = claims_of(nlp, make_document, text, date(2021, 5, 16))
    assert (total.kind, total.value, total.qualifier, total.whom) == (
        "killed",
        87,
        "at least",
        "people",
    )
    assert (part.value, part.whom, part.part_of) == (20, "children", total.claim_id)
    assert total.said_by == part.said_by == "health officials"
    assert total.place is not None and total.place.resolved_place == "Gaza Strip"
    assert total.as_of == date(2021, 5, 16)
    assert text[total.start : total.end] == "At least 87 people"
    assert claim_key(total) != claim_key(part)


def test_according_to_names_the_source(nlp: Language, make_document: Maker) -> None:
    text = "According to the interior ministry, more than 300 protesters have been arrested."
    (claim,) = claims_of(nlp, make_document, text, date(2022, 10, 1))
    assert (claim.kind, claim.value, claim.said_by) == ("arrested", 300, "the interior ministry")


def test_source_country_stands_in_for_a_missing_place(nlp: Language, make_document: Maker) -> None:
    text = "Israel has reported 10 dead, including two children."
    doc = nlp(text)
    ref = ActorRef(id="isr", name="Israel", entity_text="Israel", code="ISR", sector="GOV")
    actor = ActorMention(start=0, end=1, head=0, ref=ref, method="alias")
    document = make_document(text, published=date(2021, 5, 16))
    total, _ = extract_claims(doc, document, [actor])
    assert total.said_by_actor == "isr"
    assert total.place is not None and total.place.country_code == "ISR"
    assert total.place_inferred


def test_claim_date_follows_the_sentence(nlp: Language, make_document: Maker) -> None:
    text = "The shelling killed 14 civilians in Kharkiv on Saturday."
    (claim,) = claims_of(nlp, make_document, text, date(2022, 3, 8))
    assert (claim.as_of, claim.as_of_precision) == (date(2022, 3, 5), "day")
    assert claim.place is not None and claim.place.country_code == "UKR"


def test_running_tally_since_a_day_stands_at_publication(
    nlp: Language, make_document: Maker
) -> None:
    text = "The air raids have killed 181 people in Gaza since Monday."
    (claim,) = claims_of(nlp, make_document, text, date(2021, 5, 17))
    assert claim.as_of == date(2021, 5, 17)


def test_same_quantity_from_two_outlets_shares_a_key(nlp: Language, make_document: Maker) -> None:
    first = claims_of(
        nlp, make_document, "At least 150 people were killed in Gaza.", date(2021, 5, 16)
    )
    second = claims_of(
        nlp,
        make_document,
        "Medics said 160 Palestinians have died in Gaza City.",
        date(2021, 5, 17),
    )
    assert claim_key(first[0]) == claim_key(second[0]) == "killed|gaza strip|2021-05|all"


def test_different_wars_have_different_keys(nlp: Language, make_document: Maker) -> None:
    may = claims_of(
        nlp, make_document, "At least 150 people were killed in Gaza.", date(2021, 5, 16)
    )
    october = claims_of(
        nlp, make_document, "At least 150 people were killed in Gaza.", date(2023, 10, 16)
    )
    assert claim_key(may[0]) != claim_key(october[0])


def test_claim_ids_are_stable(nlp: Language, make_document: Maker) -> None:
    text = "Gunmen abducted 25 villagers in the north, police said."
    once = claims_of(nlp, make_document, text, date(2020, 2, 2))
    again = claims_of(nlp, make_document, text, date(2020, 2, 2))
    assert [c.claim_id for c in once] == [c.claim_id for c in again]
    assert [(c.kind, c.value, c.said_by) for c in once] == [("hostages", 25, "police")]
