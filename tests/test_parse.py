"""The parse stage's per-document cache: texts cut from the input, analyses made once."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from tacitus.parse import forget, parse, per_span, sentences, span_text

# Look-alike Cyrillic letters, curly quotes, a double space and a line break: the
# text a Doc is cut from must be the input, character for character.
TEXT = (
    "TEHRAN, Oct 9 (Reuters) - Iran’s foreign minister said on Sunday that Tehran  "
    "had no role in the attack.\nThe minister, speaking in Beirut, dеnied any "
    "involvement and accused Israel of “crimes” in Gaza."
)


def test_sentence_texts_of_parsed_docs_are_the_input_verbatim(nlp: Language) -> None:
    [doc] = parse([TEXT], nlp)
    sents = sentences(doc)
    assert len(sents) >= 2
    assert [span_text(s) for s in sents] == [s.text for s in sents]
    assert span_text(doc[:]) == doc.text == TEXT


def test_parse_keeps_input_order(nlp: Language) -> None:
    texts = ["Israel struck Gaza on Monday.", "Qatar hosted the talks.", "Iran denied it."]
    assert [span_text(doc[:]) for doc in parse(texts, nlp, batch_size=2)] == texts


def test_a_sentence_analysis_runs_once_per_sentence_until_forgotten(nlp: Language) -> None:
    calls: list[tuple[int, int]] = []

    @per_span
    def word_count(sent: Span) -> int:
        calls.append((sent.start, sent.end))
        return len(sent)

    [doc] = parse([TEXT], nlp)
    sents = sentences(doc)
    first = [word_count(s) for s in sents]
    assert [word_count(s) for s in sents] == first == [len(s) for s in sents]
    assert len(calls) == len(sents)
    forget(doc)
    word_count(sents[0])
    assert len(calls) == len(sents) + 1


def test_verbs_keep_their_silent_e_and_past_forms_lose_their_suffix(nlp: Language) -> None:
    [doc] = parse(
        [
            "Soldiers raped women in the village, and students staged a sit-in. "
            "Rebels have waged war for years; the court fined the firm. "
            "Crowds jeered the minister, who hopped off the stage and visited the wounded."
        ],
        nlp,
    )
    lemmas = {t.lower_: t.lemma_ for t in doc if t.pos_ == "VERB"}
    assert lemmas["raped"] == "rape"
    assert lemmas["staged"] == "stage"
    assert lemmas["waged"] == "wage"
    assert lemmas["fined"] == "fine"
    assert lemmas["jeered"] == "jeer"
    # A doubled consonant and a two-syllable stem are no dropped "e".
    assert lemmas["hopped"] == "hop"
    assert lemmas["visited"] == "visit"


def test_participles_standing_for_people_are_nouns(nlp: Language) -> None:
    [doc] = parse(
        [
            "The accused was remanded in custody and the injured were taken to hospital. "
            "Police accused the driver of speeding; the accused men denied it."
        ],
        nlp,
    )
    accused = [t for t in doc if t.lower_ == "accused"]
    assert [t.pos_ for t in accused] == ["NOUN", "VERB", "VERB"]
    assert next(t for t in doc if t.lower_ == "injured").pos_ == "NOUN"
