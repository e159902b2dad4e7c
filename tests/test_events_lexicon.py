"""The event lexicon: validated at load, extensible by users, failing loudly when broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.events import Lexicon, LexiconError
from tacitus.vocabulary import EVENT_TYPES


def test_base_lexicon_covers_all_sixteen_types_with_codes() -> None:
    lexicon = Lexicon.load()
    assert set(lexicon.types) == set(EVENT_TYPES)
    assert lexicon.types["ASSAULT"].quad == 4 and lexicon.types["ASSAULT"].cameo == "18"
    assert lexicon.types["CONSULT"].cameo == "04"
    assert "phone" in lexicon.types["CONSULT"].modes


def test_extension_adds_trigger_words(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "version: 1\ntypes:\n  ACCUSE:\n    triggers:\n"
        "      - {lemmas: [upbraid], pos: [VERB], mode: disapprove}\n",
        encoding="utf-8",
    )
    assert "upbraid" not in Lexicon.load().by_lemma
    assert [c.event for c in Lexicon.load([extra]).by_lemma["upbraid"]] == ["ACCUSE"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("version: 1\ntypes:\n  FIGHT:\n    triggers: []\n", "FIGHT"),
        (
            "version: 1\ntypes:\n  ASSAULT:\n    triggers:\n"
            "      - {lemmas: [smite], pos: [VERB], mode: laser}\n",
            "laser",
        ),
        ("version: 1\ntypes:\n  ASSAULT:\n    triggers:\n      - {pos: [VERB]}\n", "lemmas"),
        ("version: 1\ntypes: [unclosed\n", "not valid YAML"),
    ],
)
def test_invalid_extension_fails_loudly(tmp_path: Path, content: str, message: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        Lexicon.load([extra])


def test_missing_extension_file_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read"):
        Lexicon.load([tmp_path / "nowhere.yaml"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Police fired missiles at the protesters on Monday.", "1822"),
        ("Police fired rockets across the valley.", "190"),
        ("The company fired its finance director.", None),
    ],
)
def test_the_most_specific_cameo_pattern_that_fits_votes(nlp, text: str, code: str | None) -> None:
    from tacitus.events.cameo import CameoFile, CameoLexicon

    data = CameoFile.model_validate(
        {
            "plover": {"190": {"type": "ASSAULT"}, "1822": {"type": "COERCE"}},
            "synsets": {"weapon": ["missile", "rocket"]},
            "verbs": {"fire": {"code": None, "blocks": [0]}},
            "blocks": [
                [
                    {"object": ["&weapon"], "code": "190"},
                    {
                        "object": ["&weapon"],
                        "preps": [["at/on", ["protester/demonstrator"]]],
                        "code": "1822",
                    },
                ]
            ],
        }
    )
    fired = next(t for t in nlp(text) if t.lemma_ == "fire")
    vote = CameoLexicon(data).vote(fired)
    assert vote is not None and vote.code == code


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The foreign minister called his Ugandan counterpart on Monday.", "041"),
        ("The foreign minister called on the rebels to lay down their arms.", "020"),
    ],
)
def test_a_phrase_that_only_dates_the_verb_fits_no_prepositional_pattern(
    nlp, text: str, code: str
) -> None:
    from tacitus.events.cameo import CameoFile, CameoLexicon

    data = CameoFile.model_validate(
        {
            "plover": {"041": {"type": "CONSULT"}, "020": {"type": "REQUEST"}},
            "synsets": {},
            "verbs": {
                "call": {"code": "041", "patterns": [{"preps": [["on", []]], "code": "020"}]}
            },
            "blocks": [],
        }
    )
    called = next(t for t in nlp(text) if t.lemma_ == "call")
    vote = CameoLexicon(data).vote(called)
    assert vote is not None and vote.code == code
