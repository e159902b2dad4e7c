"""Triggers: the words that evoke an event, and which of them are another event's content.

A token triggers at most one type: phrase and dependency patterns outrank lemma rules, and
among lemma rules the one with more satisfied conditions wins (then lexicon order).  A
trigger inside the complement of a verbal act ("threatened to ban", "accused X of killing",
"praised the strike") is that act's content: it shapes the act's mode and recipient and is
not coded on its own, unless it is a noun with its own named agent ("condemned Israel's
bombardment of Gaza" also codes the bombardment).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from tacitus.events.dyads import RELATIVE_PRONOUNS, ActorIndex, prep_objects
from tacitus.events.lexicon import PATTERN_SPECIFICITY, Candidate, Lexicon, TriggerRule
from tacitus.parse import says_when, sentences, tokens_in, words_in
from tacitus.parse.labels import NOUNS, THEMES, VERBAL

# Relations through which a word is the complement (the "what") of the word above it.
CONTENT_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acomp", "attr", "oprd", "dative"}
)
PARTICLE_DEPS = frozenset({"prt", "advmod"})
PREP_DEPS = frozenset({"prep", "agent", "dative"})
PURPOSE = "purpose"
PARTICIPLE = "participle"
ADJUNCTS = frozenset({PURPOSE, PARTICIPLE})
# Types whose content keeps its own event when the content names its own agent.
EVALUATIVE_TYPES = frozenset({"ACCUSE", "SUPPORT"})


@dataclass(slots=True)
class Trigger:
    token: Token
    event: str
    mode: str | None
    candidate: Candidate
    tokens: tuple[int, ...]
    content: Trigger | None = None
    content_token: Token | None = None
    suppressed: bool = False
    embedded: list[Trigger] = field(default_factory=list)

    @property
    def rule(self) -> TriggerRule | None:
        return self.candidate.rule


Match = tuple[int, str, tuple[int, ...], int]


def pattern_hits(doc: Doc, lexicon: Lexicon) -> dict[int, tuple[Candidate, tuple[int, ...]]]:
    """Phrase and dependency pattern matches, keyed by anchor token."""
    return _best_hits([*_phrase_matches(doc, lexicon), *_dep_matches(doc, lexicon)], lexicon)


def _phrase_matches(doc: Doc, lexicon: Lexicon) -> list[Match]:
    """(anchor, label, tokens, size) of each phrase match, sentence by sentence."""
    matcher, _ = lexicon.matchers(doc.vocab)
    found = []
    for sent in sentences(doc):
        # A word check costs less than the matcher, and few sentences hold a pattern's words.
        if lexicon.phrase_words is not None and lexicon.phrase_words.isdisjoint(words_in(sent)):
            continue
        for match_id, start, end in matcher(sent):
            start, end = start + sent.start, end + sent.start
            label = doc.vocab.strings[match_id]
            _, phrase = lexicon.phrase(label)
            found.append((start + phrase.anchor, label, tuple(range(start, end)), end - start))
    return found


def _dep_matches(doc: Doc, lexicon: Lexicon) -> list[Match]:
    """(anchor, label, tokens, size) of each dependency match."""
    if lexicon.dep_words is not None and all(
        lexicon.dep_words.isdisjoint(words_in(sent)) for sent in sentences(doc)
    ):
        return []
    _, dep_matcher = lexicon.matchers(doc.vocab)
    found = []
    for match_id, token_ids in dep_matcher(doc):
        label = doc.vocab.strings[match_id]
        _, pattern = lexicon.phrase(label)
        names = [node["RIGHT_ID"] for node in pattern.pattern]
        anchor = token_ids[names.index(pattern.anchor)]
        found.append((anchor, label, tuple(sorted(token_ids)), len(token_ids)))
    return found


def _best_hits(
    found: list[Match], lexicon: Lexicon
) -> dict[int, tuple[Candidate, tuple[int, ...]]]:
    """For each anchor token, its most specific match."""
    hits: dict[int, tuple[Candidate, tuple[int, ...]]] = {}
    for anchor, label, tokens, size in sorted(found):
        event, pattern = lexicon.phrase(label)
        candidate = Candidate(
            event,
            pattern.mode,
            PATTERN_SPECIFICITY + size,
            -1,
            None,
            pattern.needs_recipient,
            joint_as=pattern.joint_as,
        )
        current = hits.get(anchor)
        if current is None or current[0].specificity < candidate.specificity:
            hits[anchor] = (candidate, tokens)
    return hits


def find_triggers(
    sent: Span, lexicon: Lexicon, hits: dict[int, tuple[Candidate, tuple[int, ...]]]
) -> dict[int, Trigger]:
    words = tokens_in(sent)
    lemmas = {token.lemma_.lower() for token in words}
    consumed = {i for anchor, (_, tokens) in hits.items() for i in tokens if i != anchor}
    triggers: dict[int, Trigger] = {}
    for token in words:
        if token.i in consumed:
            continue
        if token.i in hits:
            candidate, tokens = hits[token.i]
            triggers[token.i] = Trigger(token, candidate.event, candidate.mode, candidate, tokens)
            continue
        joined = _hyphenated(token)
        candidates = (joined and lexicon.by_lemma.get(joined)) or lexicon.by_lemma.get(
            token.lemma_.lower()
        )
        chosen = _best(token, candidates, lemmas) if candidates else None
        if chosen is not None:
            triggers[token.i] = Trigger(
                token, chosen.event, chosen.mode, chosen, _trigger_tokens(token)
            )
    return triggers


def add_reported_demands(
    sent: Span, lexicon: Lexicon, triggers: dict[int, Trigger], index: ActorIndex
) -> None:
    """'X said Y must ...' is X's demand on Y (a REQUEST), when Y is another actor."""
    grammar = lexicon.grammar
    for token in tokens_in(sent):
        if token.i in triggers or token.lemma_.lower() not in grammar.speech_verbs:
            continue
        for clause in token.children:
            if clause.dep_ != "ccomp":
                continue
            modals = {c.lower_ for c in clause.children if c.dep_ == "aux"}
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if modals & grammar.deontic_modals and index.phrase(subject, deep=False):
                candidate = Candidate("REQUEST", None, 1, -1, None, needs_recipient=True)
                triggers[token.i] = Trigger(token, "REQUEST", None, candidate, (token.i,))
                break


def link_content(triggers: dict[int, Trigger], lexicon: Lexicon, index: ActorIndex) -> None:
    """Attach each trigger to the act it is the content of, and silence it if it must be."""
    light_verbs = lexicon.grammar.light_verbs
    for trigger in triggers.values():
        if _threat_condition(trigger.token, triggers, lexicon):
            # "threatened to strike unless Baghdad accepted": the condition is the threat's.
            trigger.suppressed = True
            continue
        governor, path = _governing_trigger(trigger.token, triggers, light_verbs)
        if governor is None:
            continue
        if is_theme(governor, trigger.token):
            # "voiced support", "imposed sanctions": the noun is the verb's own event.
            trigger.suppressed = True
            continue
        if trigger.event in lexicon.types[governor.event].absorbs and set(path) & ADJUNCTS:
            # "demonstrated ... to demand reforms", "staged a sit-in to press their demands":
            # the demand is the protest's.
            trigger.suppressed = True
            continue
        embeds = lexicon.types[governor.event].embeds
        if embeds:
            if governor.content is None:
                governor.content = trigger
            governor.embedded.append(trigger)
            owned = trigger.token.pos_ in NOUNS and bool(_own_agent(trigger.token, index))
            trigger.suppressed = not (owned and governor.event in EVALUATIVE_TYPES)
        elif lexicon.types[governor.event].charges and _reason(trigger.token, governor):
            # "arrested a man for killing his brother": the killing is what he is held for,
            # an allegation like "accused X of attacking", not an event told as such.
            trigger.suppressed = True
        elif trigger.token.pos_ in NOUNS or path[0] in ("xcomp", PURPOSE):
            trigger.suppressed = not (
                trigger.token.pos_ in NOUNS and _own_agent(trigger.token, index)
            )
    for trigger in triggers.values():
        embeds = lexicon.types[trigger.event].embeds
        complement = _complement(trigger.token, light_verbs) if embeds else None
        if complement is not None:
            trigger.content_token = complement
        elif trigger.content is not None:
            trigger.content_token = trigger.content.token


def _reason(token: Token, governor: Trigger) -> bool:
    """``token`` is a gerund the governor's act is done for ("arrested him for spying")."""
    prep = token.head
    return token.dep_ == "pcomp" and prep.lower_ == "for" and prep.head.i == governor.token.i


def is_theme(trigger: Trigger, token: Token) -> bool:
    """Whether ``token`` is the object a trigger rule asked for ("lodged a protest")."""
    rule = trigger.rule
    return (
        rule is not None
        and bool(rule.objects)
        and token.head == trigger.token
        and token.dep_ in THEMES
        and token.lemma_.lower() in rule.objects
    )


def _governing_trigger(
    token: Token, triggers: dict[int, Trigger], light_verbs: frozenset[str]
) -> tuple[Trigger | None, list[str]]:
    """The nearest trigger whose complement ``token`` sits in, and the relations between."""
    path: list[str] = []
    current = token
    while current.head != current:
        relation = _content_relation(current)
        if relation is None:
            return None, path
        path.insert(0, relation)
        below, current = current, current.head
        governor = triggers.get(current.i)
        if governor is None and (relation in ADJUNCTS or _that_clause(below)):
            # "staged a sit-in to demand ...", "issued a demand that X withdraw": the light
            # verb's purpose or that-clause belongs to its event noun.
            governor = _light_object(current, token, triggers, light_verbs)
        if governor is not None:
            return governor, path
    return None, path


def _that_clause(clause: Token) -> bool:
    return clause.dep_ == "ccomp" and _that_mark(clause)


def _that_mark(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _light_object(
    verb: Token, token: Token, triggers: dict[int, Trigger], light_verbs: frozenset[str]
) -> Trigger | None:
    """The event noun a light verb carries, when ``token`` is not that noun itself."""
    if verb.lemma_.lower() not in light_verbs:
        return None
    for child in verb.children:
        found = triggers.get(child.i)
        if child.dep_ in THEMES and found is not None and child != token:
            return found
    return None


def _threat_condition(token: Token, triggers: dict[int, Trigger], lexicon: Lexicon) -> bool:
    """Whether ``token`` heads (or sits in) the if/unless clause of a conditional threat."""
    marks = lexicon.grammar.conditional_marks
    for clause in (token, *token.ancestors):
        if clause.dep_ != "advcl" or not {c.lower_ for c in clause.children} & marks:
            continue
        owner = clause.head
        for candidate in (owner, *owner.ancestors):
            governor = triggers.get(candidate.i)
            if governor is not None and lexicon.types[governor.event].condition_recipient:
                return True
        return False
    return False


def _content_relation(token: Token) -> str | None:
    relation = token.dep_
    if relation in CONTENT_DEPS or (relation == "conj" and token.pos_ in NOUNS):
        return relation
    marks = {c.lower_ for c in token.children if c.dep_ in ("mark", "aux")}
    if relation == "advcl" and "to" in marks:
        # "urged X to join hands to stand by Y": an infinitive adjunct carries content on.
        return PURPOSE
    if relation == "advcl" and token.tag_ == "VBG" and not marks:
        return PARTICIPLE
    if relation == "acl" and marks & {"that", "to", "whether"}:
        # "an admission that X murdered", "an offer to host": a noun's complement clause.
        return relation
    if relation == "relcl" and _that_mark(token):
        # "its demand that X withdraw" parsed as a relative clause: a relative clause is
        # never introduced by the conjunction "that", so this is the noun's complement.
        return "acl"
    return None


def _complement(token: Token, light_verbs: frozenset[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp") and not child.is_punct and not _split_prefix(child):
            return child
    if token.pos_ not in NOUNS:
        return None
    clause = next(
        (c for c in token.children if c.dep_ == "acl" or _content_relation(c) == "acl"), None
    )
    verb = token.head
    if clause is None and token.dep_ in THEMES and verb.lemma_.lower() in light_verbs:
        # "reiterated its demand today that X withdraw": the clause hangs from the verb.
        clause = next((c for c in verb.children if _that_clause(c)), None)
    return clause


def _hyphenated(token: Token) -> str | None:
    """The lemma of the hyphenated word the tokenizer split ``token`` from: "baton-charge"
    for "charged" in "baton-charged"."""
    if token.i < 2 or not _split_prefix(token.doc[token.i - 2]):
        return None
    return f"{token.doc[token.i - 2].lower_}-{token.lemma_.lower()}"


def _split_prefix(token: Token) -> bool:
    """'re' of "re-open", 'baton' of "baton-charged": the first part of a hyphenated word the
    tokenizer splits into three."""
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and not token.whitespace_
        and not doc[token.i + 1].whitespace_
    )


def _own_agent(noun: Token, index: ActorIndex) -> list:
    for child in noun.children:
        if child.dep_ == "poss":
            return index.phrase(child)
    return [m for obj in prep_objects(noun, ["by"]) for m in index.phrase(obj)]


def _best(token: Token, candidates: list[Candidate], lemmas: set[str]) -> Candidate | None:
    fitting = [c for c in candidates if c.rule is not None and _applies(c.rule, token, lemmas)]
    if not fitting:
        return None
    return min(fitting, key=lambda c: (-c.specificity, c.order))


def _applies(rule: TriggerRule, token: Token, lemmas: set[str]) -> bool:
    pos = "NOUN" if token.pos_ == "PROPN" and "PROPN" not in rule.pos else token.pos_
    if pos not in rule.pos and not (token.pos_ == "AUX" and "VERB" in rule.pos):
        return False
    if token.dep_ == "compound" or (token.pos_ in VERBAL and token.dep_ == "amod"):
        # Modifiers describe another word: "aid convoy", "Iran-backed group".
        return False
    objects = _lemmas(token, THEMES, expand=True)
    # A phrase that only says when is no argument: "telephoned X on Monday" is no "call on".
    preps = {c.lemma_.lower() for c in token.children if c.dep_ in PREP_DEPS and not says_when(c)}
    particles = _particles(token)
    deps = {child.dep_ for child in token.children}
    clauses = {child.lemma_.lower() for child in token.children if child.dep_ == "xcomp"}
    checks = (
        (rule.objects, objects, True),
        (rule.preps, preps, True),
        (rule.particles, particles, True),
        (rule.deps, deps, True),
        (rule.context, lemmas, True),
        (rule.not_objects, objects, False),
        (rule.not_preps, preps, False),
        (rule.not_particles, particles, False),
        (rule.not_deps, deps, False),
        (rule.not_context, lemmas, False),
        (rule.not_clauses, clauses, False),
    )
    for wanted, present, required in checks:
        if wanted and bool(set(wanted) & present) != required:
            return False
    return True


def _particles(token: Token) -> set[str]:
    """The verb's particles, and a preposition with no object of its own: the tagger reads
    "out" in "pulled its troops out of the city" as a preposition."""
    stranded = {
        child.lemma_.lower()
        for child in token.children
        if child.dep_ == "prep" and not any(c.dep_ == "pobj" for c in child.children)
    }
    return _lemmas(token, PARTICLE_DEPS) | stranded


def _lemmas(token: Token, deps: set[str] | frozenset[str], expand: bool = False) -> set[str]:
    found: set[str] = set()
    for child in token.children:
        if child.dep_ not in deps:
            continue
        found.add(child.lemma_.lower())
        if child.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
            # "a helicopter that was captured": the relative stands for its noun.
            found.add(token.head.lemma_.lower())
        if expand:
            found |= {conj.lemma_.lower() for conj in child.conjuncts}
            # "aid deliveries", "tons of food aid", "part of a military aid program".
            found |= {c.lemma_.lower() for c in child.children if c.dep_ == "compound"}
            for of in (c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in (c for c in of.children if c.dep_ == "pobj"):
                    found.add(obj.lemma_.lower())
                    found |= {c.lemma_.lower() for c in obj.children if c.dep_ == "compound"}
    return found


def _trigger_tokens(token: Token) -> tuple[int, ...]:
    kept = {token.i}
    for child in token.children:
        if child.dep_ in ("prt", "neg") or (token.pos_ in NOUNS and child.dep_ == "compound"):
            kept.add(child.i)
    return tuple(sorted(kept))
