"""Reading the parse: is a name a place here, what titles stand before it, who reports."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from tacitus.actors.kb import KnowledgeBase
from tacitus.actors.lexicon import Lexicon
from tacitus.actors.matching import NAME_LABELS, Hit
from tacitus.actors.normalize import light
from tacitus.parse import entity_at, per_span, tokens_in
from tacitus.parse.labels import PLACE_LABELS, THEMES
from tacitus.vocabulary import MONTHS, WEEKDAYS

POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
# Prepositions whose object names whose group it is: "rebels in Darfur".
OWNER_PREPOSITIONS = frozenset({"of", "in", "from", "for"})
# Who is acted upon: a verb's theme, a preposition's object, an indirect object.
OBJECT_DEPS = THEMES | {"pobj", "dative"}


# Share of capitalised words above which a sentence is a title-case headline.
HEADLINE_CAPITALS = 0.6
HEADLINE_MIN_WORDS = 3
# Words capitalised in any sentence, which say nothing about its case.
ALWAYS_CAPITALISED = frozenset(MONTHS) | frozenset(WEEKDAYS)


def headline(token: Token) -> bool:
    """True inside a title-case headline or menu line, where capitals say nothing."""
    return _title_case(token.sent)


@per_span
def _title_case(sent: Span) -> bool:
    # The first word and calendar names are capitalised in any sentence: "Protesters
    # marched in Lagos on Monday" is no headline.
    words = [
        t for t in tokens_in(sent)[1:]
        if t.is_alpha and len(t) > 3 and t.lower_ not in ALWAYS_CAPITALISED
    ]  # fmt: skip
    if len(words) < HEADLINE_MIN_WORDS:
        return False
    capitals = sum(t.text[0].isupper() for t in words)
    return capitals / len(words) >= HEADLINE_CAPITALS


def first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def is_location(token: Token, lex: Lexicon) -> bool:
    """True when a place name is used as a place ("in Baghdad", "visited Tehran")."""
    token = first_conjunct(token)
    dep, head = token.dep_, token.head
    if dep == "pobj":
        prep = head.lower_
        if prep in ("from", "to"):
            return head.head.lemma_.lower() in lex.motion_verbs
        return prep in lex.location_prepositions
    if dep == "dobj":
        return head.lemma_.lower() in lex.motion_verbs
    if dep in ("poss", "compound", "appos", "nmod") or dep == "npadvmod":
        return head.lower_ in lex.place_nouns or head.lower_ in lex.place_words
    return False


def names_a_place(doc: Doc, hit: Hit, lex: Lexicon) -> bool:
    """ "Palestine Square", "Fars province": the name is part of a place name."""
    after = hit.end
    if after >= len(doc) or doc[after].lower_ not in lex.place_words:
        return False
    # "the Philippine coast guard", "Iraqi border police": the place word opens a group noun.
    group = (
        after + 1 < len(doc)
        and light(f"{doc[after].lower_} {doc[after + 1].lemma_.lower()}") in lex.sector_nouns
    )
    return not group


def place_taken_for_person(doc: Doc, hit: Hit, kb: KnowledgeBase) -> bool:
    """A place spaCy sees, matched to people only by looking like their names: "Borno" (a
    Nigerian state) is not Borne (a French prime minister).  Names written as the
    knowledge base writes them are kept: spaCy often takes a person for a place."""
    if hit.method == "alias":
        return False
    entity = entity_at(doc, hit.start)
    if entity is None or entity.label_ not in PLACE_LABELS:
        return False
    return all((actor := kb.get(i)) is not None and actor.kind == "person" for i in hit.actor_ids)


def inside_other_name(
    doc: Doc, hit: Hit, hit_tokens: set[int], lex: Lexicon, state: bool = False
) -> bool:
    """True when a spaCy name entity around the hit adds words nothing explains.

    "Khatteh Hezbollah" (a publication) contains "Hezbollah" but is not it.
    """
    entity = entity_at(doc, hit.start)
    if entity is None or entity.label_ not in NAME_LABELS:
        return False
    if all(e.role == "demonym" for e in hit.entries):
        # "the French National Assembly" is a body of France, named by its nationality.
        return False
    after = doc[hit.end : entity.end]
    # "the Palestinian Health Ministry" is a body of the state it names.
    if len(after) and light(after[-1].text).removesuffix("s") in lex.sector_nouns:
        after = doc[hit.end : hit.end]
    for token in (*doc[entity.start : hit.start], *after):
        if not token.is_alpha or not token.text[:1].isupper() or token.i in hit_tokens:
            continue
        if light(token.text) in lex.title_words or token.lower_ == "the":
            continue
        if state and token.i < hit.start and token.lower_ in lex.region_words:
            # "South Lebanon" is a part of Lebanon (a state the hit names).
            continue
        return True
    return False


def title_before(
    doc: Doc, start: int, hits_at: dict[int, Hit], lex: Lexicon
) -> tuple[int, list[Hit], str]:
    """Where a title before a name begins, the names that own it, and the title text.

    For "Iran's Foreign Minister Hossein Amir-Abdollahian" the title is "Foreign
    Minister", owned by [Iran]; the mention starts at "Foreign", since "Iran" is a
    mention of its own.  Nationality adjectives ("Iranian President") stay inside.
    """
    at = start - 1
    owners: list[Hit] = []
    title_tokens: list[Token] = []
    begin = start
    while at >= 0:
        token = doc[at]
        if token.text in POSSESSIVE_MARKS or _joined_hyphen(doc, at):
            at -= 1
            continue
        if at in hits_at and (title_tokens or doc[at + 1].text in POSSESSIVE_MARKS):
            owner = hits_at[at]
            owners.insert(0, owner)
            if doc[owner.start : owner.end].root.pos_ == "ADJ":
                begin = owner.start
            at = owner.start - 1
            continue
        # Abbreviated ranks keep their stops: "Lt. Gen.".
        if token.text.replace(".", "").isalpha() and light(token.text) in lex.title_words:
            title_tokens.insert(0, token)
            begin = min(begin, at)
            at -= 1
            continue
        break
    if not title_tokens:
        return start, [], ""
    title = doc[title_tokens[0].i : title_tokens[-1].i + 1].text
    return begin, owners, title


def _joined_hyphen(doc: Doc, at: int) -> bool:
    """A hyphen inside a word ("Secretary-General"), not a dash between phrases."""
    token = doc[at]
    return token.text == "-" and at > 0 and not doc[at - 1].whitespace_ and not token.whitespace_


def governing_verb(token: Token) -> Token:
    """The verb a mention hangs from, through appositions, compounds and conjunctions."""
    while token.dep_ in ("appos", "compound", "conj", "amod", "nmod") and token.head is not token:
        token = token.head
    return token


def reports(token: Token, lex: Lexicon) -> bool:
    """True when an outlet is the source of a report, not an actor in it."""
    doc = token.doc
    if token.i > 0 and doc[token.i - 1].text == "(":
        return True  # a photo credit or byline in brackets
    token = governing_verb(token)
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if token.dep_ == "pobj" and head.lower_ == "by":
        return head.head.lemma_.lower() in lex.reporting_verbs
    if token.dep_ == "nsubj":
        return head.lemma_.lower() in lex.reporting_verbs
    if token.dep_ in ("dobj", "dative") and head.lemma_.lower() in lex.reporting_verbs:
        return True  # "officials told AFP": the outlet is told, for its report
    # Objects and owners are acted upon; credits and datelines have no verb of their own.
    return not (token.dep_ in OBJECT_DEPS or token.dep_ == "poss")
