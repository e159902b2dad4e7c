"""Modes: how an event was carried out, from its trigger, its content, its place or cue words."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from tacitus.events.dyads import ActorIndex, clause_tokens, clause_verb
from tacitus.events.lexicon import EventType, Lexicon
from tacitus.events.triggers import Trigger
from tacitus.parse.labels import VERBAL
from tacitus.records import ActorMention

# CONSULT cues that settle the mode before the meeting place is looked at.
REMOTE_OR_MULTILATERAL = ("phone", "multilateral")
PLACE_PREPS = ("in", "at")
PLACE_KINDS = ("state",)
MODIFIER_DEPS = ("compound", "amod")


def choose_mode(
    trigger: Trigger,
    spec: EventType,
    lexicon: Lexicon,
    actors: list[ActorMention],
    recipients: list[ActorMention],
    index: ActorIndex,
    place_code: Callable[[], str | None],
) -> str | None:
    if trigger.mode is not None:
        return trigger.mode
    content = trigger.content
    if content is not None and spec.content_modes:
        mode = recoded_mode(spec, content.event, content.mode)
        if mode is not None:
            return mode
    cues = lexicon.cues.get(trigger.event, [])
    cue = nearest_cue(trigger.token, cues) or _previous_sentence_cue(trigger.token, cues, spec)
    if trigger.event == "CONSULT" and cue not in REMOTE_OR_MULTILATERAL:
        return _meeting_place(trigger.token, actors, recipients, index, place_code) or cue
    return cue or spec.default_mode


def recoded_mode(target: EventType, event: str, mode: str | None) -> str | None:
    """The mode an event of type ``event`` takes once read as ``target`` (future ASSAULT)."""
    if mode is not None and f"{event}:{mode}" in target.content_modes:
        return target.content_modes[f"{event}:{mode}"]
    return target.content_modes.get(event)


def nearest_cue(trigger: Token, cues: list[tuple[str, str]]) -> str | None:
    """The mode of the cue word closest to the trigger within its clause."""
    if not cues:
        return None
    verb = trigger if trigger.pos_ in VERBAL else clause_verb(trigger)
    tokens = clause_tokens(verb) if verb is not None else list(trigger.subtree)
    first: dict[str, tuple[int, str]] = {}
    for order, (word, mode) in enumerate(cues):
        first.setdefault(word, (order, mode))
    best: tuple[int, int, str] | None = None
    for token in tokens:
        # A cue modifying a noun is as near as that noun: in "suicide bomber" both are
        # equally near and the more specific cue, first in the list, wins.
        where = token.head if token.dep_ in MODIFIER_DEPS else token
        for form in {token.lemma_.lower(), token.lower_}:
            if form in first:
                rank = (abs(where.i - trigger.i), *first[form])
                best = rank if best is None or rank < best else best
    return best[2] if best else None


def _previous_sentence_cue(
    trigger: Token, cues: list[tuple[str, str]], spec: EventType
) -> str | None:
    """PLOVER lets a mode come from the sentence before ("The calls came ... X talked to Y")."""
    sent = trigger.sent
    if not spec.previous_sentence_modes or sent.start == 0:
        return None
    previous = trigger.doc[sent.start - 1].sent
    lemmas = {token.lemma_.lower() for token in previous}
    for word, mode in cues:
        if mode in spec.previous_sentence_modes and word in lemmas:
            return mode
    return None


def _meeting_place(
    trigger: Token,
    actors: list[ActorMention],
    recipients: list[ActorMention],
    index: ActorIndex,
    place_code: Callable[[], str | None],
) -> str | None:
    """A meeting in the recipient's country is a visit; in a third country, third-party."""
    verb = trigger if trigger.pos_ in VERBAL else clause_verb(trigger)
    tokens = clause_tokens(verb) if verb is not None else list(trigger.subtree)
    named = [
        mention.ref.code
        for token in tokens
        if token.dep_ == "pobj"
        and token.head.lemma_.lower() in PLACE_PREPS
        and (mention := index.at(token)) is not None
        and mention.kind in PLACE_KINDS
        and mention.ref.code
    ]
    code = named[0] if named else place_code()
    if code is None:
        return None
    if code in {r.ref.code for r in recipients}:
        return "visit"
    if code not in {m.ref.code for m in actors + recipients if m.ref.code}:
        return "third-party"
    return None
