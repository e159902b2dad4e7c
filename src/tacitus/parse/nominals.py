"""Participles and adjectives used as nouns: "the accused", "the deceased", "the injured".

Crime and casualty reports name their people this way ("the accused was remanded", "the
court sentenced the accused").  The small English model tags such a word as a participle
(VBN) or an adjective, so the actor stages, which look for nouns, miss the person, and the
event stages read a verb: "the accused" became an accusation.  A determiner or possessive
and a noun's place in the clause, with nothing a verb would govern, mark the noun.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

# Tags of a word that may stand for the people it describes.
DESCRIBING_TAGS = frozenset({"VBN", "JJ"})
# Where a noun phrase stands in its clause.
NOUN_PLACES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"})
# What governs a noun phrase's head: a determiner or a possessor ("the", "his").
DETERMINERS = frozenset({"det", "poss"})
# Dependents only a verb takes: its own subject, object, auxiliary or passive agent.
VERB_DEPENDENTS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "aux", "auxpass", "agent", "prt", "ccomp", "xcomp", "dative"}
)


@Language.component("nominal_participles")
def nominal_participles(doc: Doc) -> Doc:
    """Retag each participle or adjective used as a noun as a singular common noun."""
    for token in doc:
        if used_as_noun(token):
            token.pos_ = "NOUN"
            token.tag_ = "NN"
            token.lemma_ = token.lower_
    return doc


def used_as_noun(token: Token) -> bool:
    """``token`` heads a noun phrase of its own ("the accused", "his injured")."""
    if token.tag_ not in DESCRIBING_TAGS or token.dep_ not in NOUN_PLACES:
        return False
    if token.dep_ == "conj" and token.head.pos_ not in ("NOUN", "PROPN"):
        return False
    deps = {child.dep_ for child in token.children}
    return bool(deps & DETERMINERS) and not deps & VERB_DEPENDENTS
