"""Within-document reference: surnames, bare titles, "he" and "the group".

Mentions are settled in reading order; each unsettled one looks back for the
actor it names.  A bare title with no antecedent falls back on whoever held
the office on the document's date.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tacitus.actors.drafts import PRIORITY, DocContext, Draft, generic_id
from tacitus.parse import sentences, tokens
from tacitus.parse.labels import NOMINAL_SUBJECTS

# How many sentences back "he" and "the group" look for their antecedent.
PRONOUN_SENTENCES_BACK = 1
GROUP_SENTENCES_BACK = 3
# An office title with this word is a regional post ("leader in Gaza").
REGIONAL = " in "
# Longest run of words between a title and the name it introduces.
TITLE_NAME_MAX_GAP = 10
TITLE_GAP_PUNCT = frozenset({"(", ")", "-", "'s", "’s", "'", "’"})
TITLE_GAP_PREPOSITIONS = frozenset({"of", "in", "for", "at"})


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sentence in enumerate(sentences(doc)):
        index[sentence.start : sentence.end] = [number] * len(sentence)
    return index


def pending_pronouns(ctx: DocContext, covered: set[int]) -> list[Draft]:
    """Subject pronouns and "the group" awaiting an antecedent."""
    lex = ctx.kb.lexicon
    drafts = []
    for token in tokens(ctx.doc):
        if token.i in covered:
            continue
        if token.lower_ in lex.pronouns and token.dep_ in NOMINAL_SUBJECTS:
            draft = Draft(
                token.i, token.i + 1, token.i, None, token.text, None, None, "coref", "person"
            )
            draft.pronoun = True
            drafts.append(draft)
        elif token.lemma_.lower() in lex.group_nouns and token.tag_ == "NN":
            determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
            if determiners == ["the"] and not any(
                c.dep_ in ("poss", "compound") for c in token.children
            ):
                start = min(c.i for c in token.children if c.dep_ == "det")
                draft = Draft(
                    start,
                    token.i + 1,
                    token.i,
                    None,
                    token.text,
                    None,
                    None,
                    "coref",
                    "organization",
                )
                draft.group_noun = True
                drafts.append(draft)
    return drafts


def name_titles(drafts: list[Draft], ctx: DocContext) -> None:
    """A bare title right before a name is that person's: "the commander of Iran's Quds
    Force Esmail Qaani held talks" is Qaani, whatever the parser made the subject."""
    people = [d for d in drafts if d.kind == "person" and d.actor_id and d.title_key is None]
    others = {i for d in drafts if d.kind != "person" for i in range(d.start, d.end)}
    for draft in drafts:
        if draft.title_key is None or draft.kind != "person":
            continue
        person = next((p for p in people if p.start >= draft.end), None)
        if person is not None and _noun_chain(ctx.doc, draft.end, person.start, others):
            adopt(draft, person, "coref")
            draft.title_key = None


def _noun_chain(doc: Doc, start: int, end: int, others: set[int]) -> bool:
    """True when ``doc[start:end]`` only qualifies a title: "of Iran's Qods (Quds) Force"."""
    if end - start > TITLE_NAME_MAX_GAP or (start < end and doc[start].text in ("'s", "’s")):
        return False
    for token in doc[start:end]:
        if token.i in others or token.text in TITLE_GAP_PUNCT:
            continue
        if token.pos_ in ("VERB", "AUX", "CCONJ", "PRON", "SCONJ") or token.is_punct:
            return False
        if token.pos_ == "ADP" and token.lower_ not in TITLE_GAP_PREPOSITIONS:
            return False
        if token.pos_ not in ("ADP", "ADJ", "NOUN", "PROPN", "DET", "PART"):
            return False
        if token.pos_ == "NOUN" and not token.text[:1].isupper():
            # "the minister's wife X": a common noun of its own makes a new person.
            return False
    return True


def adopt(draft: Draft, source: Draft, method: str) -> Draft:
    draft.actor_id, draft.name, draft.code, draft.sector = (
        source.actor_id, source.name, source.code, source.sector
    )  # fmt: skip
    draft.office = draft.office or source.office
    draft.kind, draft.discovered, draft.method = source.kind, source.discovered, method
    draft.titles = source.titles
    return draft


def _fits_title(draft: Draft, person: Draft, ctx: DocContext) -> bool:
    if draft.title_country and person.code != draft.title_country:
        return False
    if draft.title_org and person.actor_id and draft.title_org not in _orgs_of(person, ctx):
        return False
    match = ctx.kb.lexicon.titles.get(draft.title_key or "")
    if draft.title_key in person.titles:
        return True
    # "the Iranian general": a rank fits anyone of its sector.
    return bool(match and match.rank and person.sector == match.sector)


def _orgs_of(person: Draft, ctx: DocContext) -> set[str]:
    actor = ctx.kb.get(person.actor_id or "")
    if actor is None:
        return set()
    orgs = {o.org for o in actor.offices if o.org}
    return orgs | {a for org in list(orgs) for a in ctx.kb.ancestors(org)}


def _office_holder(draft: Draft, ctx: DocContext) -> Draft | None:
    holders = []
    for actor, office in ctx.kb.office_holders(draft.title_key or "", ctx.when):
        if draft.title_org and office.org != draft.title_org:
            continue
        if draft.title_country and ctx.kb.office_country(actor, office) != draft.title_country:
            continue
        if not draft.title_org and not draft.title_country:
            continue
        holders.append((actor, office))
    if len(holders) > 1:
        # "Hamas leader in Gaza" is a regional post; the bare title means the other one.
        holders = [(a, o) for a, o in holders if REGIONAL not in f" {o.title.lower()} "]
    if len(holders) != 1 or ctx.when is None:
        return None
    return ctx.draft_for(holders[0][0], draft.start, draft.end, draft.head, "context")


def settle(drafts: list[Draft], ctx: DocContext) -> list[Draft]:
    """Resolve surnames, bare titles and pronouns against earlier mentions."""
    sentence_of = _sentence_index(ctx.doc)
    seen: list[Draft] = []
    settled: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: d.start):
        result = _settle_one(draft, seen, ctx, sentence_of)
        if result is None:
            continue
        settled.append(result)
        if result.actor_id:
            seen.append(result)
    return settled


def _settle_one(
    draft: Draft, seen: list[Draft], ctx: DocContext, sentence_of: list[int]
) -> Draft | None:
    here = sentence_of[draft.head]
    if draft.pronoun:
        people = [
            d
            for d in seen
            if d.kind == "person" and here - sentence_of[d.head] <= PRONOUN_SENTENCES_BACK
        ]
        subjects = [d for d in people if ctx.doc[d.head].dep_ in NOMINAL_SUBJECTS]
        antecedent = (subjects or people or [None])[-1]
        return adopt(draft, antecedent, "coref") if antecedent else None
    if draft.group_noun:
        groups = [
            d
            for d in seen
            if d.kind == "organization" and here - sentence_of[d.head] <= GROUP_SENTENCES_BACK
        ]
        return adopt(draft, groups[-1], "coref") if groups else None
    if draft.surname_only:
        earlier = [d for d in seen if d.actor_id == draft.actor_id and not d.surname_only]
        if earlier:
            draft.method = "coref"
            return draft
        return None
    if draft.title_key is not None:
        if draft.title_country is None and draft.title_org is None:
            antecedents = [d for d in seen if d.kind == "person" and draft.title_key in d.titles]
            return adopt(draft, antecedents[-1], "coref") if antecedents else None
        antecedents = [d for d in seen if d.kind == "person" and _fits_title(draft, d, ctx)]
        if antecedents:
            return adopt(draft, antecedents[-1], "coref")
        holder = _office_holder(draft, ctx)
        if holder is not None:
            return holder
        draft.actor_id = generic_id(draft.code, draft.sector)
        draft.priority = PRIORITY["phrase"]
        return draft if draft.code else None
    if draft.method != "coref" and draft.kind == "person" and draft.actor_id:
        earlier = [d for d in seen if d.actor_id == draft.actor_id]
        if earlier and draft.end - draft.start == 1 and earlier[0].end - earlier[0].start > 1:
            draft.method = "coref"
    return draft
