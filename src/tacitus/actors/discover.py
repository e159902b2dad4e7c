"""Actors the knowledge base lacks, described from how the text introduces them.

"Iran's Foreign Minister Hossein Amir-Abdollahian", "X, the secretary-general
of Y" and "UN spokesman Stephane Dujarric" give a person with a country, a
sector and an office.  The id is stable across documents: ``disc:`` plus a hash
of the name's transliteration key.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from tacitus.actors.drafts import PRIORITY, DocContext, Draft
from tacitus.actors.matching import Hit
from tacitus.actors.models import Actor
from tacitus.actors.normalize import light, name_key, surname
from tacitus.actors.syntax import headline, title_before
from tacitus.parse import span_text, tokens
from tacitus.records import stable_id

DISCOVERED_PREFIX = "disc:"
# US news name members of Congress with their party and state: "Sen. X, R-S.C.," or
# "X (D-Calif.)"; the tag makes a person a US legislator.
PARTY_TAG = re.compile(r"\s*[,(]\s*[RDI]-[A-Z][A-Za-z]*\.?(?:[A-Z]\.)?(?:\s[A-Z][a-z]+\.?)?\s*[,)]")
PARTY_TAG_TOKENS = 8
PARTY_TAG_MEMBERSHIP = ("USA", "LEG")
# Only states and organisations give a person a country; outlets do not.
OWNER_KINDS = frozenset({"state", "organization", "igo"})


def discovered_id(name: str) -> str:
    return DISCOVERED_PREFIX + stable_id(name_key(name))


def _strip_titles(span: Span, ctx: DocContext) -> Span:
    """The name part of a PERSON entity that swallowed its title ("President X")."""
    words = ctx.kb.lexicon.title_words
    start = span.start
    while start < span.end - 1 and (light(ctx.doc[start].text) in words or ctx.doc[start].is_punct):
        start += 1
    return ctx.doc[start : span.end]


def _first_line(span: Span) -> Span:
    """Entities can run across a line break in lists of headlines."""
    for token in span:
        if "\n" in token.text or "\n" in token.whitespace_:
            return (
                span.doc[span.start : token.i + 1]
                if token.is_alpha
                else span.doc[span.start : token.i]
            )
    return span


def _person_like(span: Span, ctx: DocContext) -> bool:
    """A name of capitalised words, none an organisation's name or a possessive."""
    words = [t for t in span if t.is_alpha]
    if not words or any(t.text in ("'s", "’s") or not t.text[0].isupper() for t in words):
        return False
    for token in words:
        if any(ctx.kb.actors[e.actor_id].kind != "person" for e in ctx.kb.lookup(token.text)):
            return False
    return True


def _appositive(root: Token, ctx: DocContext) -> tuple[Token, str] | None:
    """The title set beside a name: "X, the secretary-general of Y" or "the chief of Y, X"."""
    lex = ctx.kb.lexicon
    options = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        options.append(root.head)
    for option in options:
        words = []
        for token in option.subtree:
            if token.i > option.i and (
                token.dep_ == "prep" or (token.is_punct and token.text != "-")
            ):
                break
            if token.dep_ != "det":
                words.append(token.text_with_ws)
        text = "".join(words).strip()
        if lex.title_keys_in(text):
            return option, text
    return None


def _based_in(token: Token) -> bool:
    """ "a London-based researcher" lives there; London does not employ them."""
    after = token.doc[token.i + 1 : token.i + 3]
    return "".join(t.text for t in after).lower() in ("-based", "based")


def _owner_in(
    token: Token, hits_at: dict[int, Hit], chosen: dict[int, str], ctx: DocContext
) -> Actor | None:
    """The first organisation, else state, named in a title's phrase."""
    found = [
        ctx.kb.get(chosen[t.i])
        for t in token.subtree
        if t.i in hits_at and t.i in chosen and not _based_in(t)
    ]
    actors = [a for a in found if a is not None]
    return next((a for a in actors if a.kind != "state"), None) or next(iter(actors), None)


def _modifier_owner(
    name_span: Span, begin: int, hits_at: dict[int, Hit], chosen: dict[int, str], ctx: DocContext
) -> Actor | None:
    """The organisation, else state, in the words stacked before a name and its title.

    "French National Assembly president Laurent Fabius" serves France.
    """
    found: list[Actor] = []
    at = begin - 1
    while at >= name_span.root.left_edge.i and ctx.doc[at].text not in (",", ";", ":"):
        actor = ctx.kb.get(chosen[at]) if at in hits_at and at in chosen else None
        if actor is not None and actor.kind in OWNER_KINDS:
            found.append(actor)
        at -= 1
    return next((a for a in found if a.kind != "state"), None) or next(iter(found), None)


def _party_tagged(name_span: Span) -> bool:
    """'Sen. X, R-S.C.,' or 'X (D-Calif.)': the party and state of a member of Congress."""
    doc = name_span.doc
    return (
        PARTY_TAG.match(span_text(doc[name_span.end : name_span.end + PARTY_TAG_TOKENS]))
        is not None
    )


def discover_person(
    span: Span, ctx: DocContext, hits_at: dict[int, Hit], chosen: dict[int, str]
) -> Draft | None:
    """A person draft from a PERSON entity no knowledge-base name matched."""
    lex = ctx.kb.lexicon
    name_span = _strip_titles(_first_line(span), ctx)
    name = " ".join(name_span.text.split())
    begin, owners, title = title_before(ctx.doc, name_span.start, hits_at, lex)
    if span.start < name_span.start:
        title = ctx.doc[span.start : name_span.start].text
        begin = min(begin, span.start)
    appositive = _appositive(name_span.root, ctx) if not title else None
    tagged = _party_tagged(name_span)
    # A short sentence dense with names looks like a headline; a title says it is prose.
    if not _person_like(name_span, ctx) or (
        headline(name_span.root) and not title and appositive is None and not tagged
    ):
        return None
    owner = next((ctx.kb.get(chosen[h.start]) for h in owners if h.start in chosen), None)
    if appositive is not None:
        anchor, title = appositive
        owner = _owner_in(anchor, hits_at, chosen, ctx) or owner
    if owner is None:
        owner = _modifier_owner(name_span, begin, hits_at, chosen, ctx)
    match = lex.titles.get(light(title)) if title else None
    if match is None and title:
        keys = lex.title_keys_in(title)
        match = next((lex.titles[k] for k in sorted(keys) if k in lex.titles), None)
    sector = match.sector if match else None
    if owner is not None and owner.kind != "state" and (sector is None or sector == "GOV"):
        sector = owner.sector or sector
    code = owner.country if owner else None
    if code is None and tagged:
        code, sector = PARTY_TAG_MEMBERSHIP[0], sector or PARTY_TAG_MEMBERSHIP[1]
    if code is None and title:
        # "Foreign Ministry Spokesman X" in a story about one country serves that country.
        code = ctx.home_country
    draft = Draft(
        start=begin,
        end=name_span.end,
        head=name_span.root.i,
        actor_id=discovered_id(name),
        name=name,
        code=code,
        sector=sector,
        method="discovered",
        kind="person",
        office=title or None,
        discovered=True,
        priority=PRIORITY["person"],
    )
    draft.titles = (match.key,) if match else ()
    return draft


def discovered_surnames(drafts: list[Draft], ctx: DocContext, covered: set[int]) -> list[Draft]:
    """Later bare surnames of discovered people ("Dujarric said") as coreferent drafts."""
    by_surname: dict[str, Draft] = {}
    extra: list[Draft] = []
    firsts = {d.start: d for d in drafts if d.discovered and d.kind == "person"}
    for token in tokens(ctx.doc):
        first = firsts.get(token.i)
        if first is not None:
            family = surname(first.name)
            if family:
                by_surname.setdefault(family, first)
        if token.i in covered or token.pos_ != "PROPN":
            continue
        antecedent = by_surname.get(light(token.text))
        if antecedent is not None and token.i >= antecedent.end:
            extra.append(
                Draft(token.i, token.i + 1, token.i, antecedent.actor_id, antecedent.name,
                      antecedent.code, antecedent.sector, "coref", "person",
                      office=antecedent.office, discovered=True, priority=PRIORITY["person"])
            )  # fmt: skip
    return extra


def discover_organization(
    span: Span, ctx: DocContext, hits_at: dict[int, Hit], chosen: dict[int, str]
) -> Draft | None:
    """An ORG entity headed by a group noun: "the Qatari Armed Forces", "X News Agency"."""
    lex = ctx.kb.lexicon
    words = [t for t in span if t.is_alpha and t.lower_ != "the"]
    if not words or headline(span.root):
        return None
    tail2 = light(" ".join(t.text for t in words[-2:]))
    head = light(words[-1].text)
    noun = lex.sector_nouns.get(tail2) or lex.sector_nouns.get(head.removesuffix("s"))
    if tail2 in lex.media_nouns or head in lex.media_nouns:
        sector, kind = "JRN", "media"
    elif noun is not None:
        sector, kind = noun.sector, "organization"
    else:
        return None
    definite = (span.start > 0 and ctx.doc[span.start - 1].lower_ == "the") or span[
        0
    ].lower_ == "the"
    # "the Intelligence Ministry" of a story about one country is that country's.
    code = ctx.home_country if noun is not None and noun.definite and definite else None
    name = " ".join(t.text for t in words)
    start = words[0].i
    return Draft(
        start=start,
        end=span.end,
        head=span.root.i,
        actor_id=discovered_id(name),
        name=name,
        code=code,
        sector=sector,
        method="discovered",
        kind=kind,
        discovered=True,
        priority=PRIORITY["organization"],
    )
