"""PLOVER context tags from sentence cues and actor sectors."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from tacitus.events.context import ContextDataError, context_codes, load_context_files
from tacitus.records import ActorMention, ActorRef


def tags(
    nlp: Language, text: str, event: str = "ASSAULT", actors: list[ActorMention] | None = None
) -> list[str]:
    return context_codes(next(nlp(text).sents), event, actors or [])


def actor(index: int, code: str, sector: str) -> ActorMention:
    ref = ActorRef(id=None, name=code, entity_text=code, code=code, sector=sector)
    return ActorMention(start=index, end=index + 1, head=index, ref=ref, method="alias")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warplanes carried out air strikes on the airport, the army said.", "military"),
        ("The agency said the country is enriching uranium to 60 percent.", "cbrn"),
        ("Hackers launched a cyber attack on the electricity grid.", "cyber"),
        ("Police rounded up dozens of refugees near the border.", "migration"),
        ("The court sentenced the activist to five years.", "legal"),
        ("The group was designated a terrorist organisation.", "terrorism"),
    ],
)
def test_keyword_tags(nlp: Language, text: str, expected: str) -> None:
    assert expected in tags(nlp, text)


def test_military_from_actor_sector(nlp: Language) -> None:
    assert tags(nlp, "The IDF struck the building.", actors=[actor(1, "ISR", "MIL")]) == [
        "military"
    ]


def test_meeting_between_states_is_diplomatic(nlp: Language) -> None:
    text = "Iran met Qatar to discuss the war."
    both = [actor(0, "IRN", "GOV"), actor(2, "QAT", "GOV")]
    assert "diplomatic" in tags(nlp, text, "CONSULT", both)
    assert "diplomatic" not in tags(nlp, text, "CONSULT", both[:1])


def test_health_officials_do_not_make_a_health_story(nlp: Language) -> None:
    assert "health" not in tags(nlp, "Health officials said 40 people were killed.")


def test_unknown_tag_fails_loudly(tmp_path: Path) -> None:
    bad = tmp_path / "context_extra.yaml"
    bad.write_text("warfare:\n  lemmas: [war]\n", encoding="utf-8")
    with pytest.raises(ContextDataError, match="warfare"):
        load_context_files((bad,))
