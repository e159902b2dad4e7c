"""Modality: did the event happen (asserted), not happen, might happen, or is it planned.

The scope of a trigger is its own clause and the chain of verbs that take that clause as a
complement ("was due to meet", "denied any involvement in the attack"); a speech verb ends
the chain, because "said" does not change whether the reported event happened.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from tacitus.events.lexicon import Grammar
from tacitus.records import Modality

# Relations through which a governing word takes the trigger's clause or noun as complement.
COMPLEMENT_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acomp", "attr", "oprd", "nsubjpass"}
)
NEGATIVE_DETERMINERS = frozenset({"no", "never", "neither", "nor"})
# The infinitive marker heading a clause of its own: a headline's "X to do Y" is planned.
HEADLINE_FUTURE = "to"
# Present forms of "be": "the summit is scheduled for Friday" still lies ahead.
PRESENT_BE = frozenset({"is", "are", "'s", "'re", "am"})
PAST_TAGS = frozenset({"VBD", "VBN"})


def scope(trigger: Token, grammar: Grammar) -> Iterator[tuple[Token, str]]:
    """The trigger, then each word governing it as a complement, with the relation below it."""
    yield trigger, ""
    current = trigger
    while current.head != current and current.dep_ in COMPLEMENT_DEPS | {"advcl"}:
        relation = current.dep_
        current = current.head
        yield current, relation
        if current.lemma_.lower() in grammar.speech_verbs or relation == "advcl":
            return


def modality(trigger: Token, grammar: Grammar) -> Modality:
    chain = list(scope(trigger, grammar))
    if _negated(chain, grammar):
        return "negated"
    if _hypothetical(chain, grammar):
        return "hypothetical"
    if _future(chain, grammar):
        return "future"
    return "asserted"


def denied(trigger: Token, grammar: Grammar) -> bool:
    """Whether the trigger is negated by a denial ("denied meeting X"), not by a refusal."""
    return any(
        position and token.lemma_.lower() in grammar.denials
        for position, (token, _) in enumerate(scope(trigger, grammar))
    )


def _negated(chain: list[tuple[Token, str]], grammar: Grammar) -> bool:
    for position, (token, _) in enumerate(chain):
        if position and token.lemma_.lower() in grammar.negators:
            return True
        if token.lemma_.lower() in grammar.speech_verbs and position:
            return False
        for child in token.children:
            if child.dep_ == "neg":
                return True
            if child.dep_ in ("det", "advmod") and child.lower_ in NEGATIVE_DETERMINERS:
                return True
    return False


def _hypothetical(chain: list[tuple[Token, str]], grammar: Grammar) -> bool:
    for token, relation in chain:
        if relation == "advcl":
            break
        auxiliaries = _auxiliaries(token)
        if auxiliaries & grammar.hypothetical_auxiliaries:
            return True
        if "would" in auxiliaries and not _reported(token, grammar):
            return True
        if token.dep_ == "advcl" and _marks(token) & grammar.conditional_marks:
            return True
        if _modifiers(token) & grammar.hypothetical_modifiers:
            return True
    return False


def _future(chain: list[tuple[Token, str]], grammar: Grammar) -> bool:
    for position, (token, relation) in enumerate(chain):
        auxiliaries = _auxiliaries(token)
        if auxiliaries & grammar.future_auxiliaries:
            return True
        if token.dep_ == "ROOT" and HEADLINE_FUTURE in auxiliaries:
            # A headline's bare infinitive: "Germany to send more tanks to Ukraine".
            return True
        if "would" in auxiliaries and _reported(token, grammar):
            return True
        if position and relation == "xcomp" and token.lemma_.lower() in grammar.future_governors:
            return True
        if relation == "nsubjpass" and is_scheduled(token, grammar):
            return True
        if _modifiers(token) & grammar.future_modifiers:
            return True
        if token.lemma_.lower() in grammar.speech_verbs and position:
            return False
    return False


def is_scheduled(verb: Token, grammar: Grammar) -> bool:
    """'is scheduled', 'are set', 'is expected': a future governor in the present passive,
    whose subject ("the summit") is still to come."""
    return verb.lemma_.lower() in grammar.future_governors and bool(_auxiliaries(verb) & PRESENT_BE)


def _auxiliaries(token: Token) -> set[str]:
    return {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}


def _marks(token: Token) -> set[str]:
    return {child.lower_ for child in token.children if child.dep_ == "mark"}


def _modifiers(token: Token) -> set[str]:
    return {child.lower_ for child in token.children if child.dep_ in ("amod", "compound")}


def _reported(token: Token, grammar: Grammar) -> bool:
    """'would' under a past-tense speech verb is the future of the reported moment."""
    return any(
        ancestor.lemma_.lower() in grammar.speech_verbs and ancestor.tag_ in PAST_TAGS
        for ancestor in token.ancestors
    )
