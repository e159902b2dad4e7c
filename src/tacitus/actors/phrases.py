"""Unnamed groups and bare titles: "Iraqi police", "Israel's army", "the Iranian president"."""

from __future__ import annotations

from spacy.tokens import Token

from tacitus.actors.drafts import PRIORITY, DocContext, Draft, generic_id
from tacitus.actors.kb import KnowledgeBase
from tacitus.actors.lexicon import TitleMatch
from tacitus.actors.matching import Hit
from tacitus.actors.models import SectorNoun
from tacitus.actors.normalize import light
from tacitus.actors.syntax import MODIFIER_DEPS, OWNER_PREPOSITIONS, headline
from tacitus.parse import tokens

PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# A group's fighters or troops are the group itself; its officials are its government.
FIGHTER_SECTORS = frozenset({"REB", "MIL", "UAF", "PRM"})
OWNER_KINDS = frozenset({"state", "organization", "igo"})
MODIFIER_TAGS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
# Group nouns too vague to stand as an actor without a country: "forces" may be anyone's,
# and "a crowd of students" is the students.  People and residents are the story's
# civilians ("residents blocked the road").
VAGUE_NOUNS = frozenset({"crowd", "force", "state"})
# Possessors that are the story's own state: "the country's army" is still its army.
STATE_WORDS = frozenset({"country", "nation", "state", "government", "kingdom", "republic"})
# Named modifiers that make a group someone else's: "European governments", "Gulf states".
FOREIGN_ENTITIES = frozenset({"NORP", "GPE", "LOC", "ORG", "FAC"})


def _phrase_word(word: str, phrase_words: frozenset[str]) -> bool:
    """Whether ``word`` may stand in a title or sector noun (punctuation and "'s" may)."""
    return all(w in phrase_words for w in light(word).split())


def _phrase_at(token: Token, ctx: DocContext) -> tuple[int, str] | None:
    """The longest lexicon phrase ending at ``token`` (its lemma), with its start.

    Plural nouns are groups, never a title: "foreign ministers" are ministers.
    """
    lex = ctx.kb.lexicon
    doc = ctx.doc
    plural = token.tag_ in PLURAL_TAGS
    # Capitalised plurals keep their "s" as lemma ("Armed Forces").
    lasts = [
        last
        for last in dict.fromkeys(
            [token.lemma_.lower(), token.lower_, token.lower_.removesuffix("s")]
        )
        if light(last) in lex.phrase_ends
    ]
    if not lasts:
        return None
    longest = min(lex.max_phrase_words, token.i + 1)
    before = tokens(doc)[token.i - longest + 1 : token.i]
    lowers = [t.lower_ for t in before]
    # Only a run of words that titles and sector nouns use can start a phrase: n-grams of
    # other words are not normalised and looked up for nothing.
    run = 0
    while run < len(lowers) and _phrase_word(lowers[-run - 1], lex.phrase_words):
        run += 1
    for size in range(run + 1, 0, -1):
        if not (before[-size + 1] if size > 1 else token).is_alpha:
            continue
        words = lowers[len(lowers) - size + 1 :]
        for text in (" ".join([*words, last]) for last in lasts):
            phrase = light(text)
            if phrase in lex.sector_nouns or (phrase in lex.titles and not plural):
                return token.i - size + 1, phrase
    return None


def _owner(
    token: Token, hits_at: dict[int, Hit], chosen: dict[int, str], kb: KnowledgeBase
) -> tuple[Hit, Token] | None:
    """The state or organisation a group noun belongs to: modifier, possessor or "of X"."""
    found = [c for c in token.children if c.dep_ in MODIFIER_DEPS and _owns(c, hits_at, chosen, kb)]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS:
            found += [
                o for o in child.children if o.dep_ == "pobj" and _owns(o, hits_at, chosen, kb)
            ]
    if not found:
        return None
    # "Iran's Quds Force chief" is the Quds Force's chief: the organisation wins.
    kinds = [kb.actors[chosen[t.i]].kind for t in found]
    best = next((t for t, kind in zip(found, kinds, strict=True) if kind != "state"), found[0])
    return hits_at[best.i], best


def _owns(token: Token, hits_at: dict[int, Hit], chosen: dict[int, str], kb: KnowledgeBase) -> bool:
    """Only states and organisations own groups and offices; people and outlets do not."""
    actor = kb.get(chosen[token.i]) if token.i in hits_at and token.i in chosen else None
    return actor is not None and actor.kind in OWNER_KINDS


def _names_a_person(token: Token) -> bool:
    """A title standing before or beside a name ("President Raisi", "X, the chief")."""
    if token.dep_ == "compound" and token.head.pos_ == "PROPN":
        return True
    if token.dep_ == "appos" and token.head.ent_type_ == "PERSON":
        return True
    return any(t.dep_ == "appos" and t.ent_type_ == "PERSON" for t in token.subtree)


def phrase_drafts(
    ctx: DocContext, hits_at: dict[int, Hit], chosen: dict[int, str], covered: set[int]
) -> list[Draft]:
    """Drafts for group nouns and bare titles, owned by the states and groups around them."""
    drafts = []
    lex = ctx.kb.lexicon
    for token in tokens(ctx.doc):
        if token.pos_ not in ("NOUN", "PROPN") or token.i in covered or token.dep_ == "compound":
            continue
        found = _phrase_at(token, ctx)
        if found is None or _names_a_person(token):
            continue
        begin, phrase = found
        owner = _owner(token, hits_at, chosen, ctx.kb)
        title = lex.titles.get(phrase) if token.tag_ not in PLURAL_TAGS else None
        noun = lex.sector_nouns.get(phrase)
        if title is None and noun is None:
            continue
        draft = _draft(ctx, token, begin, owner, title, noun, chosen, hits_at)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _someone_elses(token: Token) -> bool:
    """A possessor or a named modifier that no actor matched: the group is not the story's
    country's ("European governments", "the bloc's foreign ministers")."""
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            if child.lemma_.lower() not in STATE_WORDS:
                return True
        elif child.dep_ in MODIFIER_DEPS and child.ent_type_ in FOREIGN_ENTITIES:
            return True
    return False


def _merged(owner: tuple[Hit, Token] | None) -> bool:
    """A nationality adjective belongs to the phrase ("Iraqi police"); a name stays its own,
    and so do coordinated nationalities ("Israeli and Palestinian officials")."""
    return owner is not None and owner[1].pos_ == "ADJ" and not owner[1].conjuncts


def _span_start(
    token: Token, begin: int, owner: tuple[Hit, Token] | None, hits_at: dict[int, Hit]
) -> int:
    doc = token.doc
    lefts = [
        c.i for c in token.lefts
        if c.dep_ in MODIFIER_DEPS and c.pos_ in MODIFIER_TAGS and c.i < begin
        and c.i not in hits_at and "\n" not in doc[c.i : token.i].text
    ]  # fmt: skip
    starts = [begin, *lefts]
    if _merged(owner) and owner[0].start < token.i:
        starts.append(owner[0].start)
    start = min(starts)
    while start < begin and (start in hits_at or not doc[start].is_alpha):
        start += 1
    return start


def _draft(
    ctx: DocContext,
    token: Token,
    begin: int,
    owner: tuple[Hit, Token] | None,
    title: TitleMatch | None,
    noun: SectorNoun | None,
    chosen: dict[int, str],
    hits_at: dict[int, Hit],
) -> Draft | None:
    start = _span_start(token, begin, owner, hits_at)
    end = token.i + 1
    owner_actor = ctx.kb.get(chosen[owner[1].i]) if owner else None
    code = owner_actor.country if owner_actor else None
    sector = title.sector if title else noun.sector if noun else None
    text = ctx.doc[start:end].text
    base = Draft(start, end, token.i, None, text, code, sector, "generic", "organization",
                 priority=PRIORITY["phrase"])  # fmt: skip
    definite = any(c.lower_ == "the" for c in token.children)
    if title is not None:
        if owner_actor is None and not definite:
            return None
        if owner_actor is not None and owner_actor.kind != "state" and sector in (None, "GOV"):
            # "the Hamas leader" leads a rebel group: the group's sector is the office's.
            base.sector = owner_actor.sector or sector
        base.kind = "person"
        base.office = ctx.doc[begin : token.i + 1].text
        base.title_key = title.key
        base.title_country = code
        base.title_org = owner_actor.id if owner_actor and owner_actor.kind != "state" else None
        return base
    if owner_actor is not None and owner_actor.kind == "organization" and sector in FIGHTER_SECTORS:
        # "Hamas fighters" are Hamas.
        draft = ctx.draft_for(owner_actor, start, end, token.i, "alias")
        draft.priority = PRIORITY["phrase"]
        return draft
    if code is None:
        # A bare "forces" may be anyone's; "security forces" are a sector's.
        vague = begin == token.i and token.lemma_.lower() in VAGUE_NOUNS
        if vague or headline(token):
            return None
        # "Police said": the story's country when it has a clear one, else a bare sector.
        # A capitalised name of some body ("Committee to Protect Journalists") is not the
        # story's country's.
        named = token.ent_type_ == "ORG" and token.text[:1].isupper()
        code = None if named or _someone_elses(token) else ctx.home_country
        base.story_country = code is not None
    base.code = code
    base.actor_id = generic_id(code, sector)
    return base
