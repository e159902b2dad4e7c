"""Candidates: every word of a sentence that may evoke an event, with what each source says.

Two sources propose, neither decides: the hand lexicon's trigger rules (``triggers``: words,
phrases and dependency patterns, with the grammar that links an act to its content) and the
CAMEO verb dictionary (``cameo``: about 1,600 verbs with their verb+object patterns).  A word
is a candidate when either proposes it; the learned decision (``decisions``) says whether it
is an event, and of which type.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from tacitus.events.cameo import CameoLexicon, Vote
from tacitus.events.dyads import ActorIndex
from tacitus.events.lexicon import Candidate as RuleCandidate
from tacitus.events.lexicon import Lexicon
from tacitus.events.reading import Context, Reading, propose
from tacitus.events.triggers import (
    Trigger,
    add_reported_demands,
    find_triggers,
    link_content,
)
from tacitus.parse import tokens_in

CANDIDATE_POS = frozenset({"VERB", "NOUN"})


@dataclass(slots=True)
class Candidate:
    token: Token
    rule: Trigger | None
    vote: Vote | None
    # The grammar's reading of each type asked for, worked out once: the type decision's
    # features read the candidate as each proposed type, and the coder reads the chosen one.
    _readings: dict[str, Reading] = field(default_factory=dict)

    def read(self, event: str, context: Context) -> Reading:
        """What the grammar proposes reading the candidate as ``event``: a copy its caller
        may finish or change."""
        reading = self._readings.get(event)
        if reading is None:
            reading = self._readings[event] = propose(self.trigger_for(event), context)
        return replace(reading, agents=list(reading.agents), recipients=list(reading.recipients))

    def trigger_for(self, event: str) -> Trigger:
        """The candidate as a trigger of ``event``: the hand rule's own when it proposes that
        type, else a bare trigger with CAMEO's mode if CAMEO proposes it."""
        rule, vote = self.rule, self.vote
        if rule is not None and rule.event == event:
            return rule
        mode = vote.mode if vote is not None and vote.event == event else None
        tokens = rule.tokens if rule is not None else (self.token.i,)
        return Trigger(self.token, event, mode, RuleCandidate(event, mode, 0, -1), tokens)

    @property
    def proposed(self) -> set[str]:
        """The types the sources propose."""
        types = {self.rule.event} if self.rule is not None else set()
        if self.vote is not None and self.vote.event is not None:
            types.add(self.vote.event)
        return types


def find_candidates(
    sent: Span,
    lexicon: Lexicon,
    cameo: CameoLexicon,
    hits: dict,
    index: ActorIndex,
) -> list[Candidate]:
    """The sentence's candidates in word order.  A word inside an actor's name ("a suicide
    bomber", "the protest movement") names who acts, not an act, and one inside a trigger
    phrase is part of its act: no candidate."""
    triggers = find_triggers(sent, lexicon, hits)
    add_reported_demands(sent, lexicon, triggers, index)
    link_content(triggers, lexicon, index)
    # "Opened fire" is one act: the other words of a trigger phrase are no candidates.
    inside = {i for t in triggers.values() for i in t.tokens if i != t.token.i} - set(triggers)
    found = []
    for token in tokens_in(sent):
        if index.at(token) is not None or token.i in inside:
            continue
        rule = triggers.get(token.i)
        vote = cameo.vote(token) if token.pos_ in CANDIDATE_POS else None
        if rule is not None or (vote is not None and vote.event is not None):
            found.append(Candidate(token, rule, vote))
    return found
