"""Reading a trigger: named, ordered steps from a decided type to a coded event.

The type of a trigger is decided before (``decisions``); a reading finds who acts on whom and
applies what PLOVER defines: modes, modality, and its single-type recodings (future SUPPORT is
AGREE, a refused meeting a REJECT).  Each step is a small function registered under a name, in
order, in one of two phases:

- ``PROPOSE`` steps propose the actors and recipients the grammar reads;
- ``FINISH`` steps, after the learned role decision has had its say, drop readings that
  cannot be an event, set the mode and modality and apply the recodings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

import pycountry
from spacy.tokens import Span, Token

from tacitus.actors.drafts import generic_id
from tacitus.events.dyads import (
    PERSONAL_PRONOUNS,
    ActorIndex,
    actor_key,
    clause_tokens,
    clause_verb,
    governing_verb,
    means_nouns,
    measured,
    prep_objects,
    subject_of,
    verb_objects,
)
from tacitus.events.lexicon import EventType, Lexicon
from tacitus.events.modality import denied, modality, scope
from tacitus.events.modes import choose_mode, nearest_cue, recoded_mode
from tacitus.events.recipients import recipients as find_recipients
from tacitus.events.triggers import Trigger
from tacitus.parse import memo, shown_text
from tacitus.parse.labels import NOUNS, SUBJECTS, VERBAL
from tacitus.records import ActorMention, ActorRef, Location, Modality

VERBAL_QUADS = frozenset({1, 3})
CONFLICT_QUADS = frozenset({3, 4})
PLACE_METHOD = "place"
# Possessives that tie a group to the doer of the act.
OWNING_PRONOUNS = frozenset({"its", "their", "his", "her"})
# An actor no resolver named, read off the trigger's subject.
UNNAMED_SUBJECT = "subject"
# A recipient no resolver named, read off the trigger's object.
UNNAMED_OBJECT = "object"
UNIDENTIFIED = "UNK"
# Pronouns that stand for people ("it" and "its" do not).
PEOPLE_PRONOUNS = PERSONAL_PRONOUNS - {"it", "its"}
MAX_SIDE_WORDS = 6
PLURAL_NOUN = "NNS"
# Named entities no unnamed-target fallback takes for a side: dates, amounts, works, laws,
# and places (a place the resolver could not tie to a state is where, not whom).
NOT_ACTOR_ENTITIES = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
    | {"WORK_OF_ART", "LAW", "PRODUCT", "EVENT", "LANGUAGE", "LOC", "FAC", "GPE"}
)
PLACE_PREPS = frozenset({"in", "at", "into", "inside", "across", "throughout"})


class Locator(Protocol):
    """Where the event at a trigger happened (see ``places.locate``)."""

    def __call__(self, token: Token, verbal: bool = False) -> Location | None: ...


@dataclass(slots=True)
class Reading:
    """One trigger read as one event: what each step has made of it so far."""

    trigger: Trigger
    event: str
    agents: list[ActorMention] = field(default_factory=list)
    recipients: list[ActorMention] = field(default_factory=list)
    mode: str | None = None
    modality: Modality = "asserted"
    mutual: bool = False
    readied: Token | None = None
    dropped: str | None = None

    @property
    def token(self) -> Token:
        return self.trigger.token


@dataclass(frozen=True, slots=True)
class Context:
    lexicon: Lexicon
    index: ActorIndex
    locate: Locator
    # The country the document is mostly about: that of its unnamed groups and of people the
    # knowledge base does not know, when the sentence names no place.
    home: str | None = None

    def spec(self, reading: Reading) -> EventType:
        return self.lexicon.types[reading.event]


Step = Callable[[Reading, Context], None]
PROPOSE: list[tuple[str, Step]] = []
FINISH: list[tuple[str, Step]] = []


def step(phase: list[tuple[str, Step]]) -> Callable[[Step], Step]:
    """Register a step, in the order of definition, under its function's name."""

    def register(function: Step) -> Step:
        phase.append((function.__name__, function))
        return function

    return register


def propose(trigger: Trigger, context: Context) -> Reading:
    reading = Reading(trigger, trigger.event, mode=trigger.mode)
    for _, function in PROPOSE:
        function(reading, context)
    return reading


def finish(reading: Reading, context: Context) -> Reading:
    for _, function in FINISH:
        if reading.dropped is not None:
            break
        function(reading, context)
    return reading


# --- Proposing who acts on whom


@step(PROPOSE)
def agents(reading: Reading, context: Context) -> None:
    reading.agents = find_agents(reading.trigger, context.spec(reading), context)


@step(PROPOSE)
def recipients(reading: Reading, context: Context) -> None:
    spec = context.spec(reading)
    reading.recipients = find_recipients(
        reading.trigger, spec, context.lexicon, context.index, reading.agents
    )


@step(PROPOSE)
def uncoded_sides(reading: Reading, context: Context) -> None:
    """'The suspect, Jeremy Christian, was arrested': a person or group the knowledge base
    does not know is of the country the act happens in, else of the document's own
    (docs/annotation.md, section 4); one of no country at all is nobody PLOVER can code.
    From here on every side has a code."""
    reading.agents = placed(reading.agents, reading.token, context)
    reading.recipients = placed(reading.recipients, reading.token, context)


@step(PROPOSE)
def place_recipient(reading: Reading, context: Context) -> None:
    """'Demonstrated in Serbia': a type aimed at where it happens, with no one else named."""
    if context.spec(reading).place_recipient and not reading.recipients:
        places = place_states(reading.token, context)
        reading.recipients = [r for r in places if r not in reading.agents]


@step(PROPOSE)
def host(reading: Reading, context: Context) -> None:
    """'Tehran hosted the delegation': the visitor acts, the host receives."""
    if reading.trigger.candidate.host:
        reading.agents, reading.recipients = reading.recipients, reading.agents


@step(PROPOSE)
def unnamed_groups(reading: Reading, context: Context) -> None:
    """'Rebels seized the airport in Goma': a group of no country is of the country it acts
    in; with no such place it is nobody PLOVER can code."""
    if not reading.agents:
        grouped = replace(context, index=context.index.with_groups())
        groups = find_agents(reading.trigger, context.spec(reading), grouped)
        reading.agents = placed(groups, reading.token, context)


@step(PROPOSE)
def unnamed_targets(reading: Reading, context: Context) -> None:
    """'Police in Lagos arrested three journalists': a group of no country aimed at is the
    recipient, of the country the act happens in, before the place itself stands in."""
    if any(r.method != PLACE_METHOD for r in reading.recipients):
        return
    grouped = context.index.with_groups()
    spec = context.spec(reading)
    targets = find_recipients(reading.trigger, spec, context.lexicon, grouped, reading.agents)
    if found := placed(targets, reading.token, context):
        reading.recipients = found


@step(PROPOSE)
def own_side(reading: Reading, context: Context) -> None:
    reading.agents = [a for a in reading.agents if a not in reading.recipients]


@step(PROPOSE)
def own_people(reading: Reading, context: Context) -> None:
    """'The army withdrew its troops', 'the president sacked his ministers': an unnamed group
    the doer's possessive pronoun owns is of the doer's country, whatever the story's is."""
    if not reading.agents or not reading.agents[0].ref.code:
        return
    code = reading.agents[0].ref.code
    doc = reading.token.doc
    reading.recipients = [
        _of_country(r, code) if r.story_country and _owned_by_pronoun(doc[r.head]) else r
        for r in reading.recipients
    ]


def _owned_by_pronoun(head: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in OWNING_PRONOUNS for c in head.children)


@step(PROPOSE)
def local_groups(reading: Reading, context: Context) -> None:
    """'Security forces fired tear gas in Baghdad' in a story that names Washington most:
    a group that has the story's country only for want of words of its own (no
    nationality, no owner) takes the country its sentence says the act happens in."""
    if not any(m.story_country for m in [*reading.agents, *reading.recipients]):
        return
    where = context.locate(reading.token)
    if where is None or not where.country_code:
        return
    code = where.country_code
    reading.agents = [_of_country(m, code) if m.story_country else m for m in reading.agents]
    reading.recipients = [
        _of_country(m, code) if m.story_country else m for m in reading.recipients
    ]


def _of_country(mention: ActorMention, code: str) -> ActorMention:
    ref = replace(mention.ref, code=code, id=generic_id(code, mention.ref.sector))
    return replace(mention, ref=ref, story_country=False)


@step(PROPOSE)
def domestic_recipient(reading: Reading, context: Context) -> None:
    """'Iranian women protested in Tehran', 'the government lifted the curfew': a domestic
    act aimed at no other state is aimed at the actor's own."""
    own = {actor_key(a) for a in reading.agents}
    if (
        context.spec(reading).domestic_recipient
        and reading.agents
        and all(actor_key(r) in own for r in reading.recipients)
    ):
        reading.recipients = own_state(reading.agents[0], reading.token)


# --- Finishing: what can be an event, its mode, modality and PLOVER's recodings


@step(FINISH)
def unnamed_subject(reading: Reading, context: Context) -> None:
    """'Some vowed to return with weapons', 'federal investigators accused him': a doer the
    knowledge base cannot name is still the actor (docs/annotation.md, section 4), as an
    unidentified actor (sector UNK) of the country the act happens in, else the document's."""
    token = reading.token
    if reading.agents or token.pos_ not in VERBAL:
        return
    subject = subject_of(token, context.lexicon.grammar.object_control)
    if subject is not None and _may_act(subject):
        reading.agents = placed([_unidentified(subject, UNNAMED_SUBJECT)], token, context)


def _unidentified(head: Token, method: str) -> ActorMention:
    """A side named by words no resolver knows: sector UNK, no country yet."""
    span = _phrase(head)
    phrase = shown_text(span)
    ref = ActorRef(None, phrase, phrase, None, UNIDENTIFIED)
    return ActorMention(span.start, span.end, head.i, ref, method)


def _phrase(head: Token) -> Span:
    """The words naming a side: 'dozens of farmers', not 'dozens' nor a clause."""
    whole = head.doc[head.left_edge.i : head.right_edge.i + 1]
    return whole if len(whole) <= MAX_SIDE_WORDS else head.doc[head.left_edge.i : head.i + 1]


def _may_act(subject: Token) -> bool:
    """A name, a plural noun ('investigators', 'dozens of farmers') or a pronoun standing for
    people ('he', 'they'); not a singular common noun ('the agreement', 'an attempt'), which
    more often names a thing than a doer the actor resolver missed."""
    if subject.pos_ == "PROPN":
        return True
    if subject.pos_ == "NOUN":
        return subject.tag_ == PLURAL_NOUN
    return _stands_for_people(subject)


@step(FINISH)
def named_side(reading: Reading, context: Context) -> None:
    """An event needs a named side: its actor or, when the text names no doer ('three
    soldiers were killed in a bombing'), its recipient (docs/annotation.md, section 4)."""
    named = [r for r in reading.recipients if r.method != PLACE_METHOD]
    if not reading.agents and not named:
        reading.dropped = "no named actor or recipient"


@step(FINISH)
def unnamed_object(reading: Reading, context: Context) -> None:
    """'Kenya accused them of smuggling', 'talks with Mwangaza' (a name no resolver knows):
    whom the act is aimed at, when no resolver names them, is still its recipient,
    unidentified like an unnamed doer and placed the same way.  Runs after ``named_side``:
    an unnamed target alone does not make an event."""
    if reading.recipients:
        return
    target = next((t for t in _objects(reading, context) if _may_receive(t)), None)
    if target is None or any(a.start <= target.i < a.end for a in reading.agents):
        return
    reading.recipients = placed([_unidentified(target, UNNAMED_OBJECT)], reading.token, context)


def _objects(reading: Reading, context: Context) -> list[Token]:
    """The trigger's dative and direct objects, then the objects of its type's recipient
    prepositions (a noun trigger: those of its noun prepositions)."""
    token, spec = reading.token, context.spec(reading)
    if token.pos_ in NOUNS:
        return prep_objects(token, spec.noun_recipient_preps)
    if token.pos_ not in VERBAL:
        return []
    return verb_objects(token) + prep_objects(token, spec.recipient_preps)


def _may_receive(target: Token) -> bool:
    """A name or a pronoun standing for people.  Not a common noun: groups ("striking
    nurses") are found by the resolver's group nouns already, and the other nouns in object
    place more often name what is done ("imposed sanctions", "denied the allegations") than
    whom it is done to."""
    if target.pos_ == "PROPN":
        return target.ent_type_ not in NOT_ACTOR_ENTITIES
    return _stands_for_people(target)


def _stands_for_people(token: Token) -> bool:
    return token.pos_ == "PRON" and token.lower_ in PEOPLE_PRONOUNS


@step(FINISH)
def needed_recipient(reading: Reading, context: Context) -> None:
    if not reading.recipients and reading.trigger.candidate.needs_recipient:
        reading.dropped = "the trigger needs a recipient"


@step(FINISH)
def press_contact(reading: Reading, context: Context) -> None:
    """'Told reporters', 'briefed the press', 'said in an interview with CNN': talking to the
    press is no meeting, and the outlet no recipient (docs/annotation.md, section 1)."""
    sectors = context.spec(reading).no_event_with
    if reading.recipients and all(r.ref.sector in sectors for r in reading.recipients):
        reading.dropped = "talking to the press"


@step(FINISH)
def mode(reading: Reading, context: Context) -> None:
    spec = context.spec(reading)
    reading.mode = choose_mode(
        reading.trigger,
        spec,
        context.lexicon,
        reading.agents,
        reading.recipients,
        context.index,
        lambda: _place_code(context.locate, reading.token),
    )


@step(FINISH)
def visited_state(reading: Reading, context: Context) -> None:
    """'Arrived in Moscow for a visit': the visited state hosts."""
    if not reading.recipients and reading.mode in context.spec(reading).place_recipient_modes:
        codes = {a.ref.code for a in reading.agents if a.ref.code}
        places = place_states(reading.token, context)
        reading.recipients = [r for r in places if r.ref.code and r.ref.code not in codes]


@step(FINISH)
def joint_action(reading: Reading, context: Context) -> None:
    """'French and Egyptian warships held exercises': a joint exercise is cooperation."""
    joint_as = reading.trigger.candidate.joint_as
    if joint_as is not None and len({a.ref.code for a in reading.agents if a.ref.code}) > 1:
        target = context.lexicon.types[joint_as]
        reading.event, reading.mode = joint_as, recoded_mode(target, reading.event, reading.mode)


@step(FINISH)
def conflict_promise(reading: Reading, context: Context) -> None:
    """'Vowed to fight': a promise of conflict is a threat."""
    rule, content = reading.trigger.rule, reading.trigger.content
    if rule is None or rule.conflict_as is None or content is None:
        return
    if context.lexicon.types[content.event].quad in CONFLICT_QUADS:
        target = context.lexicon.types[rule.conflict_as]
        reading.event = rule.conflict_as
        reading.mode = recoded_mode(target, content.event, content.mode)


@step(FINISH)
def stated_modality(reading: Reading, context: Context) -> None:
    reading.modality = stated(reading.token, context)


@step(FINISH)
def preparation(reading: Reading, context: Context) -> None:
    """'The army prepared to resume shelling': readying force is a mobilisation, and whether
    it happened is the preparing verb's modality, not the attack's."""
    target = context.spec(reading).prepared_as
    if target is None:
        return
    governors = context.lexicon.grammar.preparation_governors
    for governor, relation in scope(reading.token, context.lexicon.grammar):
        if relation == "xcomp" and governor.lemma_.lower() in governors:
            reading.readied = governor
            reading.mode = nearest_cue(governor, context.lexicon.cues.get(target, []))
            reading.event = target
            reading.modality = stated(governor, context)
            return


@step(FINISH)
def plover_recoding(reading: Reading, context: Context) -> None:
    """PLOVER's single types: future SUPPORT is AGREE, hypothetical ASSAULT a THREAT, a
    refusal ('will not meet') a REJECT.  A denied meeting did not happen: it stays negated."""
    grammar = context.lexicon.grammar
    if reading.modality == "negated" and denied(reading.readied or reading.token, grammar):
        return
    spec = context.spec(reading)
    target = {
        "future": spec.future_as,
        "hypothetical": spec.hypothetical_as,
        "negated": spec.negated_as,
    }.get(reading.modality)
    if target is None:
        return
    reading.mode = recoded_mode(context.lexicon.types[target], reading.event, reading.mode)
    reading.event = target
    if reading.modality == "negated":
        # A refusal is itself asserted: "will not meet" is a REJECT that happened.
        reading.modality = "asserted"


@step(FINISH)
def mutual(reading: Reading, context: Context) -> None:
    """'X and Y met', 'X and Y signed a treaty', 'the talks between X and Y': only actors
    with no recipient act on each other."""
    if reading.recipients or len(reading.agents) < 2:
        return
    spec, rule = context.spec(reading), reading.trigger.rule
    reading.mutual = (
        spec.reciprocal
        or (reading.event == reading.trigger.event and rule is not None and rule.mutual)
        or (reading.token.pos_ in NOUNS and reading.agents == between(reading.token, context.index))
    )


@step(FINISH)
def required_recipient(reading: Reading, context: Context) -> None:
    if context.spec(reading).recipient_required and not reading.recipients and not reading.mutual:
        reading.dropped = "the type needs a recipient"


# --- What the steps read


def stated(token: Token, context: Context) -> Modality:
    """The modality of the event at ``token``, worked out once: a candidate's features and
    each of its readings ask."""
    return memo(
        token.doc,
        (modality, context.lexicon, token.i),
        lambda: modality(token, context.lexicon.grammar),
    )


def find_agents(trigger: Trigger, spec: EventType, context: Context) -> list[ActorMention]:
    token, lexicon, index = trigger.token, context.lexicon, context.index
    control = lexicon.grammar.object_control
    if token.pos_ in NOUNS:
        found = _noun_agents(token, lexicon, index)
    else:
        verb = token if token.pos_ in VERBAL else clause_verb(token)
        found = index.phrase(subject_of(verb, control)) if verb is not None else []
    if not found and token.pos_ in VERBAL:
        found = _issuer(token, lexicon, index)
    if not found and token.pos_ in VERBAL:
        # "killed in a US airstrike", "a Russian shelling killed": the means names the doer.
        for means in means_nouns(token, lexicon.means[trigger.event]):
            if found := _modifier_agents(means, index):
                break
    if not found and spec.quad in VERBAL_QUADS and _bare_statement(token):
        found = _speaker(token, lexicon, index)
    return found


def _issuer(verb: Token, lexicon: Lexicon, index: ActorIndex) -> list[ActorMention]:
    """'X released a statement condemning Y': a document's participle acts for its issuer."""
    noun = verb.head
    if verb.dep_ not in ("acl", "relcl") or noun.lemma_.lower() not in lexicon.grammar.issued_nouns:
        return []
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in VERBAL:
        return index.phrase(subject_of(noun.head, lexicon.grammar.object_control))
    return []


def _modifier_agents(noun: Token, index: ActorIndex) -> list[ActorMention]:
    """'Israel's strike', 'a strike by Israel', 'an Israeli strike'."""
    for child in noun.children:
        if child.dep_ == "poss" and (found := index.phrase(child)):
            return found
    for obj in prep_objects(noun, ["by"]):
        if found := index.phrase(obj):
            return found
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and (mention := index.at(child)):
            return [mention, *[m for c in child.conjuncts if (m := index.at(c))]]
    return []


def _bare_statement(token: Token) -> bool:
    """A verbal act with no grammatical doer of its own ("X is out of the question, Y said")."""
    if token.pos_ in VERBAL:
        return token.dep_ in ("ROOT", "ccomp") and not any(
            child.dep_ in SUBJECTS for child in token.children
        )
    return token.pos_ not in NOUNS


def _noun_agents(noun: Token, lexicon: Lexicon, index: ActorIndex) -> list[ActorMention]:
    """'Israel's bombardment', 'bombardment by Israel', 'Israeli strikes', 'X held talks'."""
    counted = measured(noun, lexicon.grammar)
    if found := _modifier_agents(noun, index) or _modifier_agents(counted, index):
        return found
    verb = governing_verb(noun, lexicon.grammar)
    if verb is not None:
        return index.phrase(subject_of(verb, lexicon.grammar.object_control))
    return between(noun, index)


def between(noun: Token, index: ActorIndex) -> list[ActorMention]:
    """'The talks between Iran and the EU', 'clashes between X and Y': both sides act."""
    sides = [m for obj in prep_objects(noun, ["between"]) for m in index.phrase(obj)]
    return sides if len(sides) > 1 else []


def _speaker(token: Token, lexicon: Lexicon, index: ActorIndex) -> list[ActorMention]:
    """A verbal act with no subject of its own belongs to whoever is reported saying it."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in lexicon.grammar.speech_verbs:
            control = lexicon.grammar.object_control
            return index.phrase(subject_of(ancestor, control))
    return []


def place_states(token: Token, context: Context) -> list[ActorMention]:
    """A state named as where the act happened ("demonstrated in Serbia") is its target;
    failing a named state, the country of the place the event is located in."""
    verb = token if token.pos_ in VERBAL else clause_verb(token)
    for place in clause_tokens(verb) if verb is not None else token.subtree:
        if place.dep_ == "pobj" and place.head.lemma_.lower() in PLACE_PREPS:
            if verb is not None and clause_verb(place) != verb:
                # "arrested a man suspected of firing at Israel": another act's place.
                continue
            mention = context.index.at(place)
            if mention is not None and mention.kind == "state":
                return [mention]
    where = context.locate(token)
    if where is None or not where.country_code:
        return []
    ref = ActorRef(
        None,
        where.resolved_place or where.extracted_place,
        where.extracted_place,
        where.country_code,
        None,
    )
    # A place, not a named span: the empty span at the trigger marks it as such.
    return [ActorMention(token.i, token.i, token.i, ref, PLACE_METHOD, kind="state")]


def placed(mentions: list[ActorMention], token: Token, context: Context) -> list[ActorMention]:
    """Mentions with a country; one of no country takes that of the place the act happens
    in, else the document's own.  Where neither is known, a group of a known kind ("nurses",
    "the junta") stays, of no country: the event is not lost for want of one; a doer of no
    kind either ("they", "dozens") is dropped."""
    where = context.locate(token) if any(not m.ref.code for m in mentions) else None
    country = where.country_code if where is not None and where.country_code else context.home
    return [
        m if m.ref.code or not country else replace(m, ref=replace(m.ref, code=country))
        for m in mentions
        if m.ref.code or country or m.ref.sector not in (None, UNIDENTIFIED)
    ]


def home_country(actors: list[ActorMention]) -> str | None:
    """The state a document names most often (itself, its people and bodies)."""
    counts = Counter(
        m.ref.code for m in actors if m.ref.code and pycountry.countries.get(alpha_3=m.ref.code)
    )
    return min(counts, key=lambda code: (-counts[code], code)) if counts else None


def own_state(agent: ActorMention, token: Token) -> list[ActorMention]:
    country = pycountry.countries.get(alpha_3=agent.ref.code) if agent.ref.code else None
    if country is None:
        return []
    name = getattr(country, "common_name", country.name)
    ref = ActorRef(None, name, name, country.alpha_3, None)
    return [ActorMention(token.i, token.i, token.i, ref, PLACE_METHOD, kind="state")]


def _place_code(locate: Locator, token: Token) -> str | None:
    where = locate(token)
    return where.country_code if where is not None else None
