"""The words an outlet uses to name or qualify an actor at one mention.

Six syntactic relations, read off the spaCy parse of the mention's sentence:

- ``form``: the mention's own words ("the Zionist regime", "Israel"), pronouns left out;
- ``modifier``: modifiers of its head noun outside the mention ("*occupying* Zionist regime",
  "*militant group* Hamas");
- ``apposition``: "Hamas, *a militant group*" and "*the group's leader*, Ismail Haniyeh";
- ``predicate``: "Hamas is *a terrorist organization*", "the group was designated *a ...*";
- ``governor``: a naming noun the actor's word modifies ("the Hamas *militant group*",
  "the Israeli *government*", "armed Palestinian *groups*");
- ``category``: "*Palestinian groups* like Hamas", "Hamas and other *militant groups*".

Terms are lower case, without determiners or possessives, the head noun in its lemma.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from tacitus.framing.lexicon import NamingLexicon

MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
# Dependants that carry no naming content of their own.
DROP_DEPS = frozenset({"det", "predet", "poss", "case", "punct", "cc", "prep", "relcl", "acl"})
DROP_POS = frozenset({"DET", "PUNCT", "SPACE", "PART"})
# Longer phrases are clauses, not names: the "of"-phrase is then left out.
MAX_TERM_WORDS = 6
QUOTES = "\"'“”‘’«»"


@dataclass(frozen=True, slots=True)
class NamingTerm:
    term: str
    relation: str
    example: str


def _left_modifiers(token: Token) -> Iterator[Token]:
    for child in token.lefts:
        if child.dep_ in MODIFIER_DEPS:
            yield from _left_modifiers(child)
            yield child


def _kept(tokens: Iterable[Token], skip: frozenset[int], head: Token | None = None) -> list[Token]:
    kept = []
    for token in sorted(set(tokens), key=lambda t: t.i):
        if token.i in skip or token.pos_ in DROP_POS:
            continue
        # The phrase's own head stays whatever its role in the sentence ("the group's").
        if token != head and token.dep_ in DROP_DEPS - {"prep"}:
            continue
        if token.is_space or not token.text.strip(QUOTES):
            continue
        kept.append(token)
    return kept


def normalize(tokens: list[Token]) -> str:
    """``tokens`` as a term: lower case, the final noun in its lemma."""
    words = [t.text.strip(QUOTES).lower() for t in tokens]
    if tokens and tokens[-1].pos_ == "NOUN":
        words[-1] = tokens[-1].lemma_.lower()
    return " ".join(w for w in words if w)


def _example(tokens: list[Token]) -> str:
    doc = tokens[0].doc
    return " ".join(doc[tokens[0].i : tokens[-1].i + 1].text.split())


def compact(token: Token, skip: frozenset[int] = frozenset()) -> list[Token]:
    """The noun phrase of ``token``: its left modifiers, itself and a short "of" phrase."""
    core = [*_left_modifiers(token), token]
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                extended = [*core, prep, *_left_modifiers(objects[0]), objects[0]]
                if len(_kept(extended, skip, token)) <= MAX_TERM_WORDS:
                    core = extended
            break
    return _kept(core, skip, token)


def _term(tokens: list[Token], relation: str) -> NamingTerm | None:
    term = normalize(tokens)
    return NamingTerm(term, relation, _example(tokens)) if term else None


def _is_pronoun(span: Span) -> bool:
    return all(t.pos_ in {"PRON", "DET", "PUNCT"} for t in span)


def naming_terms(
    span: Span, lexicon: NamingLexicon, foreign: frozenset[int] = frozenset()
) -> list[NamingTerm]:
    """Naming terms of the actor mention ``span``; ``foreign`` are tokens of other actors."""
    head = span.root
    inside = frozenset(t.i for t in span)
    found: list[NamingTerm | None] = []
    if not _is_pronoun(span):
        found.append(_term(_kept(span, frozenset(), head), "form"))
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS and child.i not in inside:
            found.append(_term(_kept(child.subtree, inside, child), "modifier"))
    found += _appositions(head, inside, foreign)
    if len(found) < 2:
        found.append(_title_before(span, inside, foreign, lexicon))
    found += _predicates(head, inside, lexicon)
    found += _governor(head, inside, foreign, lexicon)
    found += _categories(head, inside, foreign, lexicon)
    unique: dict[tuple[str, str], NamingTerm] = {}
    for term in found:
        if term is not None:
            unique.setdefault((term.term, term.relation), term)
    return list(unique.values())


def _title_before(
    span: Span, inside: frozenset[int], foreign: frozenset[int], lexicon: NamingLexicon
) -> NamingTerm | None:
    """A naming noun right before the mention ("the militant group Hamas"), parse missed."""
    if span.start == 0:
        return None
    before = span.doc[span.start - 1]
    if before.i in foreign or before.pos_ != "NOUN" or before.lemma_ not in lexicon.naming_heads:
        return None
    return _term([*_kept(_left_modifiers(before), inside), before], "modifier")


def _appositions(
    head: Token, inside: frozenset[int], foreign: frozenset[int]
) -> list[NamingTerm | None]:
    found = [
        _term(compact(c, inside), "apposition")
        for c in head.children
        if c.dep_ == "appos" and c.i not in inside and c.i not in foreign
    ]
    governor = head.head
    if head.dep_ == "appos" and governor.i not in inside | foreign:
        found.append(_term(compact(governor, inside), "apposition"))
    return found


def _predicates(head: Token, inside: frozenset[int], lexicon: NamingLexicon) -> list:
    verb = head.head
    found = []
    if head.dep_ == "nsubj" and verb.lemma_ == "be":
        found += [c for c in verb.children if c.dep_ == "attr"]
    for clause in head.children:
        # "Hamas, which is a militant group"
        if clause.dep_ == "relcl" and clause.lemma_ == "be":
            found += [c for c in clause.children if c.dep_ == "attr"]
    if head.dep_ in {"nsubjpass", "dobj"} and verb.lemma_ in lexicon.labeling_verbs:
        for child in verb.children:
            if child.dep_ == "oprd":
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ == "as":
                found += [c for c in child.children if c.dep_ == "pobj"]
    return [_term(compact(t, inside), "predicate") for t in found if t.i not in inside]


def _governor(
    head: Token, inside: frozenset[int], foreign: frozenset[int], lexicon: NamingLexicon
) -> list[NamingTerm | None]:
    governor = head.head
    if head.dep_ not in MODIFIER_DEPS or governor.i in inside | foreign:
        return []
    if (
        governor.pos_ not in {"NOUN", "PROPN"}
        or governor.lemma_.lower() not in lexicon.naming_heads
    ):
        return []
    # A demonym ("Israeli government") is part of the name; a proper noun ("the Hamas
    # militant group") is the named one, left out so outlets' labels can be compared.
    demonym = head.pos_ == "ADJ" or head.ent_type_ == "NORP"
    return [_term(compact(governor, frozenset() if demonym else inside), "governor")]


def _categories(
    head: Token, inside: frozenset[int], foreign: frozenset[int], lexicon: NamingLexicon
) -> list[NamingTerm | None]:
    found: list[NamingTerm | None] = []
    prep = head.head
    if head.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in lexicon.category_preps:
        category = prep.head
        such = prep.lower_ != "as" or (prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such")
        if such and category.pos_ in {"NOUN", "PROPN"} and category.i not in inside | foreign:
            found.append(_term(compact(category, inside), "category"))
    for conj in head.children:
        others = [c for c in conj.lefts if c.lower_ == "other"]
        if conj.dep_ == "conj" and others and conj.i not in foreign:
            found.append(_term(compact(conj, inside | {others[0].i}), "category"))
    return found
