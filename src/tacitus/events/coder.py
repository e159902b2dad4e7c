"""Coder: PLOVER 2.0 event mentions from one parsed document and its resolved actors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pycountry
from spacy.tokens import Doc, Span, Token

from tacitus.events import context, dates, places, size
from tacitus.events.dyads import (
    VERBAL,
    ActorIndex,
    clause_tokens,
    clause_verb,
    is_passive,
    patient_of_passive,
    prep_objects,
    subject_of,
)
from tacitus.events.lexicon import EventType, Lexicon
from tacitus.events.modality import modality, scope
from tacitus.events.modes import choose_mode, nearest_cue, recoded_mode
from tacitus.events.triggers import (
    NOUNS,
    Trigger,
    add_reported_demands,
    find_triggers,
    link_content,
    pattern_hits,
)
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
# Prepositions through which a passive verb names its means ("killed in/by/with a strike").
INSTRUMENT_PREPS = ("by", "in", "with", "during", "from")


@dataclass(frozen=True, slots=True)
class Coded:
    """One trigger's reading: final type, mode, modality and the actors on each side."""

    event: str
    mode: str | None
    modality: Modality
    actors: list[ActorMention | None]
    recipients: list[ActorMention]


def code_events(
    doc: Doc, document: CleanDocument, actors: list[ActorMention], lexicon: Lexicon
) -> list[EventMention]:
    """Every event the document's sentences state, ordered by sentence then trigger."""
    index = ActorIndex(actors)
    hits = pattern_hits(doc, lexicon)
    events: list[EventMention] = []
    for sentence_index, sent in enumerate(doc.sents):
        triggers = find_triggers(sent, lexicon, hits)
        add_reported_demands(sent, lexicon, triggers, index)
        link_content(triggers, lexicon, index)
        seen: set[tuple[str, ...]] = set()
        for position in sorted(triggers):
            trigger = triggers[position]
            if trigger.suppressed:
                continue
            coded = read_trigger(trigger, lexicon, index, partial(_locate, sent, actors, document))
            if coded is None:
                continue
            for actor, recipient in _pairs(coded, lexicon.types[coded.event]):
                key = (coded.event, coded.mode or "", _key(actor), _key(recipient), coded.modality)
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


def read_trigger(
    trigger: Trigger, lexicon: Lexicon, index: ActorIndex, locate: Locator
) -> Coded | None:
    spec = lexicon.types[trigger.event]
    agents = _agents(trigger, spec, lexicon, index)
    recipients = [r for r in _recipients(trigger, spec, lexicon, index) if r not in agents]
    if spec.place_recipient and not any(r.ref.code for r in recipients):
        places = [r for r in _place_states(trigger.token, index, locate) if r not in agents]
        recipients = places or recipients
    if trigger.candidate.host:
        agents, recipients = recipients, agents
    agents = [a for a in agents if a not in recipients]
    if spec.domestic_recipient and not recipients and agents:
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
    event, mode, stated = _recode(event, mode, stated, lexicon)
    final = lexicon.types[event]
    if final.recipient_required and not recipients and not (final.reciprocal and len(agents) > 1):
        return None
    return Coded(event, mode, stated, [*agents] or [None], recipients)


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
        and bool(_means_nouns(trigger.token, trigger.event, lexicon))
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
        # "killed in a US airstrike", "a Russian shelling killed": the means names the doer.
        for means in _means_nouns(token, trigger.event, lexicon):
            if agents := _modifier_agents(means, index):
                break
    if not agents and spec.quad in VERBAL_QUADS and _bare_statement(token):
        agents = _speaker(token, lexicon, index)
    return agents


def _means_nouns(token: Token, event: str, lexicon: Lexicon) -> list[Token]:
    """Nouns of the trigger's own type that say how a verb's act was done: its subject
    ("a roadside bombing killed") or an instrument ("killed in an air strike")."""
    if token.pos_ not in VERBAL:
        return []
    means = lexicon.means[event]
    found = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    found += prep_objects(token, INSTRUMENT_PREPS)
    return [noun for noun in found if noun.pos_ in NOUNS and noun.lemma_.lower() in means]


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
    if found := _modifier_agents(noun, index):
        return found
    verb = _governing_verb(noun, lexicon)
    if verb is None:
        return []
    return index.phrase(subject_of(verb, frozenset(lexicon.grammar.object_control)))


def _governing_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The verb whose subject does the noun's event: a light verb, or a framing preposition."""
    grammar = lexicon.grammar
    current = noun
    while current.dep_ == "conj" and current.head.pos_ in NOUNS:
        current = current.head
    head = current.head
    if current.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and head.pos_ in VERBAL:
        return head if head.lemma_.lower() in grammar.light_verbs else None
    if current.dep_ != "pobj":
        return None
    owner = head.head
    if owner.lemma_.lower() in grammar.carrier_nouns and owner.head.pos_ in VERBAL:
        # "denied any involvement in the attack", "claimed responsibility for the attack"
        return owner.head if owner.dep_ in ("dobj", "attr", "nsubjpass") else None
    if head.lemma_.lower() in grammar.event_preps and owner.pos_ in VERBAL:
        return owner
    return None


def _speaker(token: Token, lexicon: Lexicon, index: ActorIndex) -> list[ActorMention]:
    """A verbal act with no subject of its own belongs to whoever is reported saying it."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in lexicon.grammar.speech_verbs:
            control = frozenset(lexicon.grammar.object_control)
            return index.phrase(subject_of(ancestor, control))
    return []


def _recipients(
    trigger: Trigger, spec: EventType, lexicon: Lexicon, index: ActorIndex
) -> list[ActorMention]:
    token = trigger.token
    if token.pos_ in NOUNS:
        preps = spec.noun_recipient_preps
        # "a suspension of air links with Serbia": the suspended thing's partner.
        themes = [
            obj for theme in prep_objects(token, ["of"]) for obj in prep_objects(theme, preps)
        ]
        found = _first(index, prep_objects(token, preps) + themes)
        verb = _governing_verb(token, lexicon)
        if not found and verb is not None:
            found = _verb_recipients(verb, spec.recipient_preps, index, token)
    elif token.pos_ in VERBAL:
        theme_first = trigger.rule is not None and bool(trigger.rule.objects)
        found = _means_recipients(token, trigger.event, spec, lexicon, index)
        found = found or _verb_recipients(
            token,
            spec.recipient_preps,
            index,
            theme_first=theme_first,
            object_preps=_object_preps(lexicon),
        )
    else:
        found = []
    if not found and trigger.content_token is not None:
        found = _content_recipients(trigger, lexicon, index)
    if not found and spec.condition_recipient:
        found = _condition_subjects(trigger, lexicon, index)
    return found


def _means_recipients(
    verb: Token, event: str, spec: EventType, lexicon: Lexicon, index: ActorIndex
) -> list[ActorMention]:
    """'X was killed in a strike on Y': the named victim, else the target of the means."""
    means = _means_nouns(verb, event, lexicon)
    if not means:
        return []
    if is_passive(verb) and (found := index.phrase(patient_of_passive(verb))):
        return found
    return _first(
        index, [obj for noun in means for obj in prep_objects(noun, spec.noun_recipient_preps)]
    )


def _condition_subjects(
    trigger: Trigger, lexicon: Lexicon, index: ActorIndex
) -> list[ActorMention]:
    """'threatened to cut talks unless Baghdad accepted': the threat is aimed at Baghdad."""
    control = frozenset(lexicon.grammar.object_control)
    marks = set(lexicon.grammar.conditional_marks)
    owners = [trigger.token] + ([trigger.content_token] if trigger.content_token else [])
    for owner in owners:
        for clause in owner.children:
            if clause.dep_ == "advcl" and {c.lower_ for c in clause.children} & marks:
                found = index.phrase(subject_of(clause, control))
                if found:
                    return found
    return []


def _place_states(token: Token, index: ActorIndex, locate: Locator) -> list[ActorMention]:
    """A state named as where the act happened ("demonstrated in Serbia") is its target;
    failing a named state, the country of the place the event is located in."""
    verb = token if token.pos_ in VERBAL else clause_verb(token)
    for place in clause_tokens(verb) if verb is not None else token.subtree:
        if place.dep_ == "pobj" and place.head.lemma_.lower() in PLACE_PREPS:
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


def _verb_recipients(
    verb: Token,
    preps: list[str],
    index: ActorIndex,
    skip: Token | None = None,
    theme_first: bool = False,
    object_preps: tuple[str, ...] = (),
) -> list[ActorMention]:
    """Dative, object, then prepositional recipients; when the object is the event itself
    ("imposed sanctions on X") its prepositions come before it."""
    if is_passive(verb):
        found = index.phrase(patient_of_passive(verb))
        if found:
            return found
    objects = [c for c in verb.children if c.dep_ in ("dative", "dobj") and c != skip]
    objects.sort(key=lambda c: (c.dep_ != "dative", c.i))
    nouns = [*objects, *([skip] if skip is not None else [])]
    # A noun object takes its own prepositions: "lifted a blockade on", "contact with".
    noun_preps = [*preps, *(p for p in object_preps if p not in preps)]
    by_prep = prep_objects(verb, preps) + [
        obj for owner in nouns for obj in prep_objects(owner, noun_preps)
    ]
    datives = [c for c in objects if c.dep_ == "dative"]
    ordered = datives + by_prep + objects if theme_first else objects + by_prep
    return _first(index, ordered)


def _object_preps(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(lexicon.grammar.content_recipient_preps)


def _content_recipients(
    trigger: Trigger, lexicon: Lexicon, index: ActorIndex
) -> list[ActorMention]:
    """'demanded that the US cancel' -> US; 'threatened to cut ties with Russia' -> Russia."""
    content = trigger.content_token
    assert content is not None
    control = frozenset(lexicon.grammar.object_control)
    if content.dep_ in ("ccomp", "acl"):
        subject = subject_of(content, control)
        if subject is not None and subject.head == content:
            found = index.phrase(subject)
            if found:
                return found
    preps = list(lexicon.types[trigger.content.event].recipient_preps) if trigger.content else []
    preps += [p for p in lexicon.grammar.content_recipient_preps if p not in preps]
    if content.pos_ in VERBAL:
        return _verb_recipients(content, preps, index, object_preps=_object_preps(lexicon))
    return _first(index, prep_objects(content, preps))


def _first(index: ActorIndex, tokens: list[Token]) -> list[ActorMention]:
    for token in tokens:
        found = index.phrase(token)
        if found:
            return found
    return []


def _pairs(coded: Coded, spec: EventType) -> list[tuple[ActorMention | None, ActorMention | None]]:
    """One event per actor; 'X and Y agreed' codes X->Y and Y->X."""
    if coded.recipients:
        return [(a, r) for a in coded.actors for r in coded.recipients if _key(a) != _key(r)]
    if spec.reciprocal and len(coded.actors) > 1:
        return [(a, b) for a in coded.actors for b in coded.actors if _key(a) != _key(b) and b]
    return [(actor, None) for actor in coded.actors]


def _key(mention: ActorMention | None) -> str:
    if mention is None:
        return ""
    ref = mention.ref
    return ref.id or f"{ref.code}:{ref.name}"


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
        sentence=sent.text,
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
