"""Features of the type decision, read from parsed news sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tacitus.events.cameo import CameoLexicon
from tacitus.events.candidates import find_candidates
from tacitus.events.dyads import ActorIndex
from tacitus.events.features import context_features
from tacitus.events.lexicon import Lexicon
from tacitus.events.reading import Context
from tacitus.events.triggers import pattern_hits
from tacitus.parse import sentences


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def features_of(nlp: Language, lexicon: Lexicon, text: str, word: str) -> dict[str, float]:
    doc = nlp(text)
    index = ActorIndex([])
    [sent] = sentences(doc)
    context = Context(lexicon, index, lambda token: None)
    candidates = find_candidates(
        sent, lexicon, CameoLexicon.load(), pattern_hits(doc, lexicon), index
    )
    [candidate] = [c for c in candidates if c.token.text == word]
    return context_features(candidate, sent, context)


def test_a_sentence_naming_weapons_tells_the_attack_verb_of_an_attack(
    nlp: Language, lexicon: Lexicon
) -> None:
    armed = features_of(nlp, lexicon, "The rebels attacked the convoy with rockets.", "attacked")
    assert armed.get("sent_cue=ASSAULT") == 1.0


def test_an_attack_verb_alone_is_no_cue_of_its_own_type(nlp: Language, lexicon: Lexicon) -> None:
    # "Clashed" is an attack word itself; nothing else in the sentence is one.
    idiom = features_of(nlp, lexicon, "His outlook soon clashed with the president's.", "clashed")
    assert "sent_cue=ASSAULT" not in idiom
