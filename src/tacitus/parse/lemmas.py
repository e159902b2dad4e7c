"""Verb lemmas the small English model gets wrong, repaired by English spelling rules.

spaCy's rule lemmatizer strips "-ed", "-ing" or "-s" and keeps the first stem it knows:
"raped" becomes "rap", "staged" "stag", "waged" "wag", "fined" "fin".  Every later stage
reads lemmas, so these verbs of violence and protest are lost.  English spelling decides:
a one-syllable verb ending in a single vowel and consonant doubles that consonant before a
suffix ("rapped", "stagged"), so an undoubled "-ed/-ing/-es" after such a stem means a
silent "e" was dropped.  A past form the tagger misreads as present ("jeered" as VBP)
keeps its suffix; it is stripped when what is left is a verb the lemmatizer knows.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

# A one-syllable stem ending consonant, vowel, consonant, as in "rap", "stag", "fin"; not
# w, x or y, which never double, nor s, whose doubling varies ("bused", "bussed").
SHORT_STEM = re.compile(r"^[^aeiouy]*[aeiou][^aeiouwxys]$")
E_DROPPING_SUFFIXES = ("ed", "ing", "es")
PAST_SUFFIX = "ed"
MIN_PAST_LENGTH = 5


class VerbLemmas:
    """The pipeline component: runs after the lemmatizer, rewrites only verbs' lemmas."""

    def __init__(self, known_verbs: frozenset[str]) -> None:
        self.known_verbs = known_verbs

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.pos_ == "VERB":
                lemma = repaired(token.lower_, token.lemma_.lower(), self.known_verbs)
                if lemma is not None:
                    token.lemma_ = lemma
        return doc


def repaired(word: str, lemma: str, known_verbs: frozenset[str]) -> str | None:
    """The right lemma of the verb ``word`` lemmatized as ``lemma``, or None if it is right."""
    if SHORT_STEM.match(lemma) and any(word == lemma + s for s in E_DROPPING_SUFFIXES):
        return lemma + "e"
    if word == lemma and word.endswith(PAST_SUFFIX) and len(word) >= MIN_PAST_LENGTH:
        # "jeered" -> "jeer", "decreed" -> "decree", "lambasted" -> "lambast"
        stems = (word[:-2], word[:-1])
        return next((stem for stem in stems if stem in known_verbs), None)
    return None


@Language.factory("verb_lemmas")
def make_verb_lemmas(nlp: Language, name: str) -> VerbLemmas:
    lookups = nlp.get_pipe("lemmatizer").lookups
    return VerbLemmas(frozenset(lookups.get_table("lemma_index").get("verb", ())))
