"""Casualty counts read from a sentence."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tacitus.events.size import casualties, counts, parse_number
from tacitus.records import Size


def size(nlp: Language, text: str) -> Size | None:
    return casualties(next(nlp(text).sents))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 87 people have been killed in the city, including 20 children, medics said.",
         Size(dead=87)),
        ("The gunmen killed at least 1,200 villagers and injured over 2,600 in the raid.",
         Size(dead=1200, injured=2600)),
        ("More than 450 soldiers have died in the fighting, the ministry said.", Size(dead=450)),
        ("At least 96 deaths have been recorded in the province.", Size(dead=96)),
        ("The army reported 14 dead, including three officers.", Size(dead=14)),
        ("Security forces detained 12 activists outside the court.", Size(arrested=12)),
        ("Two policemen were wounded when a bomb exploded.", Size(injured=2)),
        ("The death toll rose to 212 on Tuesday.", Size(dead=212)),
        ("The storm has claimed 31 lives across the region.", Size(dead=31)),
    ],
)  # fmt: skip
def test_casualty_phrasings(nlp: Language, text: str, expected: Size) -> None:
    assert size(nlp, text) == expected


def test_vague_amounts_give_no_size(nlp: Language) -> None:
    assert size(nlp, "Dozens of protesters were arrested in the capital.") is None


def test_vague_amount_keeps_a_floor_as_a_count(nlp: Language) -> None:
    found = counts(next(nlp("Dozens of protesters were arrested in the capital.").sents))
    assert [(c.kind, c.value, c.vague, c.whom) for c in found] == [
        ("arrested", 24, True, "protesters")
    ]


def test_years_and_other_numbers_are_not_counts(nlp: Language) -> None:
    text = "The two sides have held 35 rounds of talks since 2014."
    assert size(nlp, text) is None
    assert counts(next(nlp(text).sents)) == ()


def test_sub_count_points_at_its_total(nlp: Language) -> None:
    found = counts(next(nlp("At least 40 people were killed, including 9 women.").sents))
    assert [(c.kind, c.value, c.qualifier, c.whom, c.part_of) for c in found] == [
        ("killed", 40, "at least", "people", None),
        ("killed", 9, None, "women", 0),
    ]


def test_other_tallies(nlp: Language) -> None:
    text = "The militants fired 70 rockets and took more than 30 hostages."
    found = counts(next(nlp(text).sents))
    assert [(c.kind, c.value, c.qualifier) for c in found] == [
        ("rockets", 70, None),
        ("hostages", 30, "more than"),
    ]


def test_money(nlp: Language) -> None:
    found = counts(next(nlp("The donors pledged $2.5 billion in aid.").sents))
    assert [(c.kind, c.value, c.unit) for c in found] == [("money", 2_500_000_000, "USD")]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["two"], (2, False)),
        (["1,400"], (1400, False)),
        (["3.5", "million"], (3_500_000, False)),
        (["twenty-five"], (25, False)),
        (["two", "hundred"], (200, False)),
        (["tens", "of", "thousands"], (20_000, True)),
        (["hundreds"], (200, True)),
        (["many"], None),
    ],
)
def test_parse_number(words: list[str], value: tuple[int, bool] | None) -> None:
    assert parse_number(words) == value
