"""Recipients: whom a trigger's act is aimed at, read from the parse.

The search runs from the closest evidence to the loosest: the trigger's own objects and
prepositions, the objects' prepositions ("lifted a blockade on X"), those of its
prepositional objects ("reneged on its pledge to X"), then the act's content ("demanded that
X ..."), a condition ("unless X ...") or a purpose ("opened fire to disperse X").  A phrase
naming the act's own actors ("its borders") is passed over, so it cannot hide a later one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from tacitus.events.dyads import (
    ActorIndex,
    actor_key,
    governing_verb,
    is_passive,
    means_nouns,
    participle_agents,
    patient_of_passive,
    prep_objects,
    prepositional_objects,
    purpose_clauses,
    subject_of,
    verb_objects,
)
from tacitus.events.lexicon import EventType, Lexicon
from tacitus.events.triggers import Trigger
from tacitus.parse.labels import NOUNS, VERBAL
from tacitus.records import ActorMention

# The other party of an act two sides do to each other ("clashed with", "traded fire with"),
# whatever prepositions the type's recipients otherwise take.
MUTUAL_PREPS = ("with",)
# Relations through which a verb takes a complement of its own.
VERB_COMPLEMENTS = frozenset(
    {"dobj", "dative", "prep", "agent", "xcomp", "ccomp", "attr", "acomp", "oprd", "prt"}
)


@dataclass(slots=True)
class Search:
    """Actor lookups for one trigger that pass over the trigger's own actors."""

    index: ActorIndex
    lexicon: Lexicon
    agents: Sequence[ActorMention]
    doers: bool = False
    keys: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.keys = frozenset(actor_key(a) for a in self.agents)

    def phrase(self, token: Token | None, locative: bool = True) -> list[ActorMention]:
        found = self.index.phrase(token, locative=locative)
        if not found and self.doers and token is not None:
            found = [m for agent in participle_agents(token) for m in self.index.phrase(agent)]
        return [m for m in found if actor_key(m) not in self.keys]

    def first(self, tokens: Iterable[Token], locative: bool = True) -> list[ActorMention]:
        for token in tokens:
            if found := self.phrase(token, locative):
                return found
        return []

    @property
    def control(self) -> frozenset[str]:
        return self.lexicon.grammar.object_control

    @property
    def object_preps(self) -> tuple[str, ...]:
        return tuple(self.lexicon.grammar.content_recipient_preps)


def recipients(
    trigger: Trigger,
    spec: EventType,
    lexicon: Lexicon,
    index: ActorIndex,
    agents: Sequence[ActorMention],
) -> list[ActorMention]:
    """The actors ``trigger``'s act is aimed at, other than its own ``agents``."""
    search = Search(index, lexicon, agents, spec.doer_recipient)
    token = trigger.token
    if token.pos_ in NOUNS:
        preps = spec.noun_recipient_preps
        # "a suspension of air links with Serbia": the suspended thing's partner.
        themes = [
            obj for theme in prep_objects(token, ["of"]) for obj in prep_objects(theme, preps)
        ]
        found = search.first(prep_objects(token, preps) + themes)
        verb = governing_verb(token, lexicon.grammar)
        if not found and verb is not None:
            found = verb_recipients(verb, spec.recipient_preps, search, token)
    elif token.pos_ in VERBAL:
        theme_first = trigger.rule is not None and bool(trigger.rule.objects)
        mutual = trigger.rule is not None and trigger.rule.mutual
        found = _means_recipients(token, trigger.event, spec, search)
        found = found or verb_recipients(
            token,
            [*MUTUAL_PREPS, *spec.recipient_preps] if mutual else spec.recipient_preps,
            search,
            theme_first=theme_first,
            object_preps=search.object_preps,
        )
    else:
        found = []
    if not found and trigger.content_token is not None:
        found = _content_recipients(trigger, search)
    if not found and spec.condition_recipient:
        found = _condition_subjects(trigger, search)
    if not found and token.pos_ in VERBAL:
        found = _purpose_objects(token, search)
    return found


def verb_recipients(
    verb: Token,
    preps: list[str],
    search: Search,
    skip: Token | None = None,
    theme_first: bool = False,
    object_preps: tuple[str, ...] = (),
) -> list[ActorMention]:
    """Dative, object, then prepositional recipients; when the object is the event itself
    ("imposed sanctions on X") its prepositions come before it."""
    if is_passive(verb):
        found = search.phrase(patient_of_passive(verb))
        if found:
            return found
    objects = [c for c in verb_objects(verb) if c != skip]
    if skip is None and not any(c.dep_ in VERB_COMPLEMENTS for c in verb.children):
        # "shot and wounded three protesters": a verb with no complement of its own shares
        # its conjunct's object; "stood by X and condemned Y" does not.
        objects = [
            obj
            for conj in verb.children
            if conj.dep_ == "conj" and conj.pos_ in VERBAL
            for obj in conj.children
            if obj.dep_ == "dobj"
        ]
    # "a new round of sanctions on Belarus": what a measure noun counts takes prepositions.
    measures = search.lexicon.grammar.measure_nouns
    counted = [
        noun
        for obj in objects
        if obj.lemma_.lower() in measures
        for noun in prep_objects(obj, ["of"])
    ]
    nouns = [*objects, *counted, *([skip] if skip is not None else [])]
    # A noun object takes its own prepositions: "lifted a blockade on", "contact with".
    noun_preps = [*preps, *(p for p in object_preps if p not in preps)]
    by_prep = prep_objects(verb, preps) + [
        obj for owner in nouns for obj in prep_objects(owner, noun_preps)
    ]
    datives = [c for c in objects if c.dep_ == "dative"]
    # Last, a prepositional object's own partner: "reneged on its pledge to the voters",
    # "mobilised reservists for a war against Iraq".
    framed = [o for owner in prepositional_objects(verb) for o in prep_objects(owner, noun_preps)]
    if not theme_first:
        return search.first(objects + by_prep + framed)
    # The object is the act itself: "signed a deal in Paris" is not aimed at France.
    return (
        search.first(datives + by_prep)
        or search.first(objects, locative=False)
        or search.first(framed)
    )


def _means_recipients(
    verb: Token, event: str, spec: EventType, search: Search
) -> list[ActorMention]:
    """'X was killed in a strike on Y': the named victim, else the target of the means."""
    means = means_nouns(verb, search.lexicon.means[event])
    if not means:
        return []
    if is_passive(verb) and (found := search.phrase(patient_of_passive(verb))):
        return found
    return search.first(
        obj for noun in means for obj in prep_objects(noun, spec.noun_recipient_preps)
    )


def _content_recipients(trigger: Trigger, search: Search) -> list[ActorMention]:
    """'demanded that the US cancel' -> US; 'threatened to cut ties with Russia' -> Russia."""
    content = trigger.content_token
    assert content is not None
    if content.dep_ in ("ccomp", "acl", "relcl"):
        subject = subject_of(content, search.control)
        if subject is not None and subject.head == content:
            found = search.phrase(subject)
            if found:
                return found
    types = search.lexicon.types
    preps = list(types[trigger.content.event].recipient_preps) if trigger.content else []
    preps += [p for p in search.object_preps if p not in preps]
    if content.pos_ in VERBAL:
        return verb_recipients(content, preps, search, object_preps=search.object_preps)
    return search.first(prep_objects(content, preps))


def _condition_subjects(trigger: Trigger, search: Search) -> list[ActorMention]:
    """'threatened to cut talks unless Baghdad accepted': the threat is aimed at Baghdad."""
    marks = search.lexicon.grammar.conditional_marks
    owners = [trigger.token] + ([trigger.content_token] if trigger.content_token else [])
    for owner in owners:
        for clause in owner.children:
            if clause.dep_ == "advcl" and {c.lower_ for c in clause.children} & marks:
                found = search.phrase(subject_of(clause, search.control))
                if found:
                    return found
    return []


def _purpose_objects(verb: Token, search: Search) -> list[ActorMention]:
    """'opened fire to disperse the protesters': whom the act was done to reach."""
    return search.first(
        child
        for clause in purpose_clauses(verb)
        for child in clause.children
        if child.dep_ in ("dobj", "dative")
    )
