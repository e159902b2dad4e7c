"""Coder: PLOVER 2.0 event mentions from one parsed document and its resolved actors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import pycountry
from spacy.tokens import Doc, Span, Token

from tacitus.events import context, dates, places, size
from tacitus.events.dyads import (
    NOUNS,
    VERBAL,
    ActorIndex,
    actor_key,
    clause_tokens,
    clause_verb,
    governing_verb,
    means_nouns,
    measured,
    prep_objects,
    subject_of,
)
from tacitus.events.lexicon import EventType, Lexicon
from tacitus.events.modality import denied, modality, scope
from tacitus.events.modes import choose_mode, nearest_cue, recoded_mode
from tacitus.events.recipients import recipients as find_recipients
from tacitus.events.triggers import (
    Trigger,
    add_reported_demands,
    find_triggers,
    link_content,
    pattern_hits,
)
from tacitus.parse import sentences, span_text
from tacitus.records import (
    ActorMention,
    ActorRef,
    CleanDocument,
    EventMention,
    Location,
    Modality,
)

VERBAL_QUADS = frozenset({1, 3})
CONFLICT_QUADS = frozenset({3, 4})
Locator = Callable[[Token], Location | None]
PLACE_METHOD = "place"
PLACE_PREPS = frozenset({"in", "at", "into", "inside", "across", "throughout"})


@dataclass(frozen=True, slots=True)
class Coded:
    """One trigger's reading: final type, mode, modality and the actors on each side."""

    event: str
    mode: str | None
    modality: Modality
    actors: list[ActorMention | None]
    recipients: list[ActorMention]
    # Whether conjoined actors act on each other ("X and Y signed a treaty").
    mutual: bool


def code_events(
    doc: Doc, document: CleanDocument, actors: list[ActorMention], lexicon: Lexicon
) -> list[EventMention]:
    """Every event the document's sentences state, ordered by sentence then trigger."""
    index = ActorIndex(actors)
    hits = pattern_hits(doc, lexicon)
    events: list[EventMention] = []
    for sentence_index, sent in enumerate(sentences(doc)):
        triggers = find_triggers(sent, lexicon, hits)
        add_reported_demands(sent, lexicon, triggers, index)
        link_content(triggers, lexicon, index)
        seen: set[tuple[str, ...]] = set()
        locate = partial(_locate, sent, actors, document)
        for trigger, coded in _readings(triggers, lexicon, index, locate):
            for actor, recipient in _pairs(coded):
                key = (
                    coded.event,
                    coded.mode or "",
                    actor_key(actor),
                    actor_key(recipient),
                    coded.modality,
                )
                if key in seen:
                    continue
                seen.add(key)
                events.append(
                    _mention(
                        document,
                        sent,
                        sentence_index,
                        trigger,
                        coded,
                        actor,
                        recipient,
                        index,
                        actors,
                        lexicon,
                    )
                )
    return events


def _readings(
    triggers: dict[int, Trigger], lexicon: Lexicon, index: ActorIndex, locate: Locator
) -> list[tuple[Trigger, Coded]]:
    """The coded triggers of a sentence in order.  A statement by nobody codable ("Israel may
    strike, officials warned") leaves only its reported content: that content is coded."""
    readings: dict[int, tuple[Trigger, Coded]] = {}
    for position in sorted(triggers):
        trigger = triggers[position]
        if trigger.suppressed:
            continue
        coded = read_trigger(trigger, lexicon, index, locate)
        if coded is not None:
            readings[position] = (trigger, coded)
        elif trigger.token.lemma_.lower() in lexicon.grammar.speech_verbs:
            for inner in trigger.embedded:
                if inner.suppressed and (found := read_trigger(inner, lexicon, index, locate)):
                    readings[inner.token.i] = (inner, found)
    return [readings[position] for position in sorted(readings)]


def read_trigger(
    trigger: Trigger, lexicon: Lexicon, index: ActorIndex, locate: Locator
) -> Coded | None:
    spec = lexicon.types[trigger.event]
    agents = _agents(trigger, spec, lexicon, index)
    recipients = find_recipients(trigger, spec, lexicon, index, agents)
    if spec.place_recipient and not any(r.ref.code for r in recipients):
        places = [r for r in _place_states(trigger.token, index, locate) if r not in agents]
        recipients = places or recipients
    if trigger.candidate.host:
        agents, recipients = recipients, agents
    if not agents:
        agents = _placed(_agents(trigger, spec, lexicon, index.with_groups()), trigger, locate)
    agents = [a for a in agents if a not in recipients]
    own = {actor_key(a) for a in agents}
    if (
        spec.domestic_recipient
        and agents
        and all(actor_key(r) in own or not r.ref.code for r in recipients)
    ):
        # "Iranian women protested in Tehran", "protested outside Parliament": a domestic act
        # aimed at no other state is aimed at the actor's own.
        recipients = _own_state(agents[0], trigger.token)
    if not agents and not _unnamed_attack(trigger, spec, lexicon, recipients):
        return None
    if not recipients and trigger.candidate.needs_recipient:
        return None
    event = trigger.event
    mode = choose_mode(
        trigger,
        spec,
        lexicon,
        agents,
        recipients,
        index,
        partial(_place_code, locate, trigger.token),
    )
    if not recipients and mode in spec.place_recipient_modes:
        # "arrived in Moscow for a visit": the visited state hosts.
        places = _place_states(trigger.token, index, locate)
        recipients = [r for r in places if r.ref.code and r.ref.code not in _codes(agents)]
    joint_as = trigger.candidate.joint_as
    if joint_as is not None and len({a.ref.code for a in agents if a.ref.code}) > 1:
        # "French and Egyptian warships held exercises": a joint exercise is cooperation.
        event, mode = joint_as, recoded_mode(lexicon.types[joint_as], event, mode)
    rule, content = trigger.rule, trigger.content
    if _conflict_content(trigger, lexicon) and rule is not None and rule.conflict_as:
        target = lexicon.types[rule.conflict_as]
        event, mode = rule.conflict_as, recoded_mode(target, content.event, content.mode)
    stated = modality(trigger.token, lexicon.grammar)
    readied = _preparation(trigger.token, lexicon) if spec.prepared_as else None
    if readied is not None and spec.prepared_as:
        # "the army prepared to resume shelling": readying force is a mobilisation, and
        # whether it happened is the preparing verb's modality, not the attack's.
        target = spec.prepared_as
        mode = nearest_cue(readied, lexicon.cues.get(target, []))
        event, stated = target, modality(readied, lexicon.grammar)
    if not (stated == "negated" and denied(readied or trigger.token, lexicon.grammar)):
        # A denied meeting did not happen; a refused one is a rejection ("will not meet").
        event, mode, stated = _recode(event, mode, stated, lexicon)
    final = lexicon.types[event]
    # Only actors with no recipient can act on each other.
    mutual = not recipients and len(agents) > 1 and _mutual(trigger, event, final, agents, index)
    if final.recipient_required and not recipients and not mutual:
        return None
    return Coded(event, mode, stated, [*agents] or [None], recipients, mutual)


def _mutual(
    trigger: Trigger, event: str, final: EventType, agents: list[ActorMention], index: ActorIndex
) -> bool:
    """'X and Y met', 'X and Y signed a treaty', 'the talks between X and Y'."""
    rule = trigger.rule
    return (
        final.reciprocal
        or (event == trigger.event and rule is not None and rule.mutual)
        or (trigger.token.pos_ in NOUNS and agents == _between(trigger.token, index))
    )


def _codes(mentions: list[ActorMention]) -> set[str]:
    return {m.ref.code for m in mentions if m.ref.code}


def _placed(groups: list[ActorMention], trigger: Trigger, locate: Locator) -> list[ActorMention]:
    """'Rebels seized the airport in Goma': a group named by no country is of the country
    it acts in; with no such place it is nobody PLOVER can code."""
    where = locate(trigger.token)
    country = where.country_code if where is not None else None
    return [
        m if m.ref.code else replace(m, ref=replace(m.ref, code=country))
        for m in groups
        if m.ref.code or country
    ]


def _preparation(token: Token, lexicon: Lexicon) -> Token | None:
    """The verb readying ``token``'s act ("prepared to resume shelling"), if any."""
    governors = lexicon.grammar.preparation_governors
    for governor, relation in scope(token, lexicon.grammar):
        if relation == "xcomp" and governor.lemma_.lower() in governors:
            return governor
    return None


def _unnamed_attack(
    trigger: Trigger, spec: EventType, lexicon: Lexicon, recipients: list[ActorMention]
) -> bool:
    """'Three civilians were killed in a car bombing': a named victim of a stated means of
    violence is an event even when nobody is named as doing it."""
    named = [r for r in recipients if r.ref.code and r.method != PLACE_METHOD]
    return (
        spec.unnamed_actor
        and bool(named)
        and bool(means_nouns(trigger.token, lexicon.means[trigger.event]))
    )


def _conflict_content(trigger: Trigger, lexicon: Lexicon) -> bool:
    """Whether a promise is a promise of conflict ("vowed to fight" is a threat)."""
    content = trigger.content
    return content is not None and lexicon.types[content.event].quad in CONFLICT_QUADS


def _recode(
    event: str, mode: str | None, stated: Modality, lexicon: Lexicon
) -> tuple[str, str | None, Modality]:
    """PLOVER's single-type readings: future SUPPORT is AGREE, hypothetical ASSAULT a THREAT."""
    spec = lexicon.types[event]
    target = {
        "future": spec.future_as,
        "hypothetical": spec.hypothetical_as,
        "negated": spec.negated_as,
    }.get(stated)
    if target is None:
        return event, mode, stated
    new_mode = recoded_mode(lexicon.types[target], event, mode)
    # A refusal is itself asserted: "will not meet" is a REJECT that happened.
    return target, new_mode, "asserted" if stated == "negated" else stated


def _agents(
    trigger: Trigger, spec: EventType, lexicon: Lexicon, index: ActorIndex
) -> list[ActorMention]:
    token, grammar = trigger.token, lexicon.grammar
    control = frozenset(grammar.object_control)
    if token.pos_ in NOUNS:
        agents = _noun_agents(token, lexicon, index)
    else:
        verb = token if token.pos_ in VERBAL else clause_verb(token)
        agents = index.phrase(subject_of(verb, control)) if verb is not None else []
    if not agents and token.pos_ in VERBAL:
        agents = _issuer(token, lexicon, index)
    if not agents and token.pos_ in VERBAL:
        # "killed in a US airstrike", "a Russian shelling killed": the means names the doer.
        for means in means_nouns(token, lexicon.means[trigger.event]):
            if agents := _modifier_agents(means, index):
                break
    if not agents and spec.quad in VERBAL_QUADS and _bare_statement(token):
        agents = _speaker(token, lexicon, index)
    return agents


def _issuer(verb: Token, lexicon: Lexicon, index: ActorIndex) -> list[ActorMention]:
    """'X released a statement condemning Y': a document's participle acts for its issuer."""
    noun = verb.head
    if verb.dep_ not in ("acl", "relcl") or noun.lemma_.lower() not in lexicon.grammar.issued_nouns:
        return []
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in VERBAL:
        return index.phrase(subject_of(noun.head, frozenset(lexicon.grammar.object_control)))
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
            child.dep_ in ("nsubj", "nsubjpass", "csubj") for child in token.children
        )
    return token.pos_ not in NOUNS


def _noun_agents(noun: Token, lexicon: Lexicon, index: ActorIndex) -> list[ActorMention]:
    """'Israel's bombardment', 'bombardment by Israel', 'Israeli strikes', 'X held talks'."""
    counted = measured(noun, lexicon.grammar)
    if found := _modifier_agents(noun, index) or _modifier_agents(counted, index):
        return found
    verb = governing_verb(noun, lexicon.grammar)
    if verb is not None:
        return index.phrase(subject_of(verb, frozenset(lexicon.grammar.object_control)))
    return _between(noun, index)


def _between(noun: Token, index: ActorIndex) -> list[ActorMention]:
    """'The talks between Iran and the EU', 'clashes between X and Y': both sides act."""
    sides = [m for obj in prep_objects(noun, ["between"]) for m in index.phrase(obj)]
    return sides if len(sides) > 1 else []


def _speaker(token: Token, lexicon: Lexicon, index: ActorIndex) -> list[ActorMention]:
    """A verbal act with no subject of its own belongs to whoever is reported saying it."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in lexicon.grammar.speech_verbs:
            control = frozenset(lexicon.grammar.object_control)
            return index.phrase(subject_of(ancestor, control))
    return []


def _place_states(token: Token, index: ActorIndex, locate: Locator) -> list[ActorMention]:
    """A state named as where the act happened ("demonstrated in Serbia") is its target;
    failing a named state, the country of the place the event is located in."""
    verb = token if token.pos_ in VERBAL else clause_verb(token)
    for place in clause_tokens(verb) if verb is not None else token.subtree:
        if place.dep_ == "pobj" and place.head.lemma_.lower() in PLACE_PREPS:
            if verb is not None and clause_verb(place) != verb:
                # "arrested a man suspected of firing at Israel": another act's place.
                continue
            mention = index.at(place)
            if mention is not None and mention.kind == "state":
                return [mention]
    where = locate(token)
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


def _own_state(agent: ActorMention, token: Token) -> list[ActorMention]:
    """'The government lifted the curfew', 'workers stopped work': with no one else named,
    a domestic act is aimed at the actor's own state."""
    country = pycountry.countries.get(alpha_3=agent.ref.code) if agent.ref.code else None
    if country is None:
        return []
    name = getattr(country, "common_name", country.name)
    ref = ActorRef(None, name, name, country.alpha_3, None)
    return [ActorMention(token.i, token.i, token.i, ref, PLACE_METHOD, kind="state")]


def _place_code(locate: Locator, token: Token) -> str | None:
    where = locate(token)
    return where.country_code if where is not None else None


def _locate(
    sent: Span, actors: list[ActorMention], document: CleanDocument, token: Token
) -> Location | None:
    return places.locate(sent, token, actors, document)


def _pairs(coded: Coded) -> list[tuple[ActorMention | None, ActorMention | None]]:
    """One event per actor; 'X and Y agreed' codes X->Y and Y->X."""
    if coded.recipients:
        pairs = [
            (a, r) for a in coded.actors for r in coded.recipients if actor_key(a) != actor_key(r)
        ]
        # "The army pulled its soldiers out": an act on the actor's own is aimed at no one else.
        return pairs or [(actor, None) for actor in coded.actors]
    if coded.mutual:
        return [
            (a, b) for a in coded.actors for b in coded.actors if actor_key(a) != actor_key(b) and b
        ]
    return [(actor, None) for actor in coded.actors]


def _mention(
    document: CleanDocument,
    sent: Span,
    sentence_index: int,
    trigger: Trigger,
    coded: Coded,
    actor: ActorMention | None,
    recipient: ActorMention | None,
    index: ActorIndex,
    actors: list[ActorMention],
    lexicon: Lexicon,
) -> EventMention:
    spec = lexicon.types[coded.event]
    raw_start, raw_end = document.offsets.raw_span(sent.start_char, sent.end_char)
    when = dates.event_date(sent, trigger.token, document.published)
    reporters = index.reporters_in(sent)
    doc = sent.doc
    return EventMention(
        doc_id=document.doc_id,
        sentence_index=sentence_index,
        event=coded.event,
        mode=coded.mode,
        quad_code=spec.quad,
        cameo=spec.cameo,
        modality=coded.modality,
        actor=actor.ref if actor else None,
        recipient=recipient.ref if recipient else None,
        event_text=" ".join(doc[i].text for i in trigger.tokens),
        sentence=span_text(sent),
        start=sent.start_char,
        end=sent.end_char,
        raw_start=raw_start,
        raw_end=raw_end,
        date=when.date,
        date_source=when.source,
        date_precision=when.precision,
        date_evidence=when.evidence,
        context=context.context_codes(
            sent, coded.event, [side for side in (actor, recipient) if side is not None]
        ),
        event_loc=places.locate(sent, trigger.token, actors, document),
        size=size.casualties(sent),
        attributed_to=reporters[0].ref.name if reporters else None,
    )
