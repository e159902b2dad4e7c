"""The actor stage: every actor mention of a parsed document, resolved."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from tacitus.actors.coref import adopt, name_titles, pending_pronouns, settle
from tacitus.actors.discover import discover_organization, discover_person, discovered_surnames
from tacitus.actors.drafts import DocContext, Draft, generic_id, to_mention
from tacitus.actors.kb import AliasEntry, KnowledgeBase
from tacitus.actors.lexicon import Lexicon
from tacitus.actors.matching import Hit, find_hits, fuzzy_match
from tacitus.actors.models import Actor
from tacitus.actors.normalize import light, surname
from tacitus.actors.phrases import PLURAL_TAGS, phrase_drafts
from tacitus.actors.syntax import (
    inside_other_name,
    is_location,
    names_a_place,
    place_taken_for_person,
    reports,
    title_before,
)
from tacitus.parse import entities
from tacitus.records import ActorMention, CleanDocument

ROLE_ORDER = {"name": 0, "metonym": 1, "demonym": 2, "surname": 3}
# Weights for choosing between actors sharing a name.
SEEN_WEIGHT = 3
IN_OFFICE_WEIGHT = 1
MEDIA_TAIL_WORDS = 2


def resolve_actors(doc: Doc, document: CleanDocument, kb: KnowledgeBase) -> list[ActorMention]:
    """Actor mentions of ``doc``, sorted by token start and not overlapping."""
    ctx = DocContext(doc, kb, document.published)
    lex = kb.lexicon
    hits = find_hits(doc, kb)
    hit_tokens = {i for h in hits for i in range(h.start, h.end)}
    hits = [
        h for h in hits
        if not names_a_place(doc, h, lex)
        and not place_taken_for_person(doc, h, kb)
        and not inside_other_name(doc, h, hit_tokens, lex, _names_states(h, kb))
    ]  # fmt: skip
    hits_at = {i: h for h in hits for i in range(h.start, h.end)}
    chosen: dict[int, str] = {}
    drafts: list[Draft] = []
    for hit in hits:
        draft = _hit_draft(hit, ctx, hits_at, chosen, drafts)
        if draft is not None:
            drafts.append(draft)
    ctx.set_main_country(drafts)
    drafts += _entity_drafts(ctx, hits_at, chosen)
    drafts += phrase_drafts(ctx, hits_at, chosen, set(hits_at))
    kept = _without_overlaps(drafts)
    name_titles(kept, ctx)
    covered = {i for d in kept for i in range(d.start, d.end)}
    kept += discovered_surnames(kept, ctx, covered)
    kept += pending_pronouns(ctx, covered | {i for d in kept for i in range(d.start, d.end)})
    settled = settle(kept, ctx)
    for draft in settled:
        _set_media_role(draft, ctx)
    return [to_mention(d, doc) for d in sorted(settled, key=lambda d: d.start)]


def _names_states(hit: Hit, kb: KnowledgeBase) -> bool:
    return all((actor := kb.get(i)) is not None and actor.kind == "state" for i in hit.actor_ids)


def _choose(hit: Hit, ctx: DocContext, drafts: list[Draft]) -> tuple[Actor, AliasEntry] | None:
    """The actor a name means here; None when the context cannot tell."""
    best_entry: dict[str, AliasEntry] = {}
    for entry in sorted(hit.entries, key=lambda e: ROLE_ORDER[e.role]):
        best_entry.setdefault(entry.actor_id, entry)
    if len(best_entry) == 1:
        entry = next(iter(best_entry.values()))
        actor = ctx.kb.get(entry.actor_id)
        return (actor, entry) if actor else None
    seen = {d.actor_id for d in drafts}
    scores = []
    for actor_id, entry in best_entry.items():
        actor = ctx.kb.get(actor_id)
        if actor is None:
            continue
        score = SEEN_WEIGHT * (actor_id in seen) - ROLE_ORDER[entry.role]
        if ctx.when and actor.office_on(ctx.when) is not None:
            score += IN_OFFICE_WEIGHT
        scores.append((score, actor, entry))
    top = max(s for s, _, _ in scores)
    leaders = [(a, e) for s, a, e in scores if s == top]
    if len(leaders) > 1 and len({a.country for a, _ in leaders}) == 1:
        # Namesakes of one country ("Bush"): the code is sure; the latest in office is likeliest.
        return max(leaders, key=lambda pair: (_latest_start(pair[0]), pair[0].id))
    return leaders[0] if len(leaders) == 1 else None


def _latest_start(actor: Actor) -> date:
    return max((o.start for o in actor.offices if o.start), default=date.min)


def _hit_draft(
    hit: Hit, ctx: DocContext, hits_at: dict[int, Hit], chosen: dict[int, str], drafts: list[Draft]
) -> Draft | None:
    picked = _choose(hit, ctx, drafts)
    if picked is None:
        return None
    actor, entry = picked
    for i in range(hit.start, hit.end):
        chosen[i] = actor.id
    method = "context" if len(hit.actor_ids) > 1 else hit.method
    root = ctx.doc[hit.start : hit.end].root
    if actor.kind == "state":
        return _state_draft(hit, actor, entry, ctx, method, hits_at)
    if actor.kind == "person":
        begin, _, title = title_before(ctx.doc, hit.start, hits_at, ctx.kb.lexicon)
        draft = ctx.draft_for(actor, begin, hit.end, root.i, method)
        draft.surname_only = entry.role == "surname" and not title
        return draft
    draft = ctx.draft_for(
        actor,
        hit.start,
        _media_tail(hit, ctx) if actor.kind == "media" else hit.end,
        root.i,
        method,
    )
    return draft


def _media_tail(hit: Hit, ctx: DocContext) -> int:
    """Extend "Tasnim" over "news agency" when the words follow it."""
    nouns = ctx.kb.lexicon.media_nouns
    for size in range(MEDIA_TAIL_WORDS, 0, -1):
        words = ctx.doc[hit.end : hit.end + size]
        if len(words) == size and light(words.text) in nouns:
            return hit.end + size
    return hit.end


def _state_draft(
    hit: Hit,
    actor: Actor,
    entry: AliasEntry,
    ctx: DocContext,
    method: str,
    hits_at: dict[int, Hit],
) -> Draft | None:
    """Every country, capital or nationality named is a mention; places are marked so."""
    lex = ctx.kb.lexicon
    root = ctx.doc[hit.start : hit.end].root
    draft = ctx.draft_for(actor, hit.start, hit.end, root.i, method)
    if entry.role == "demonym":
        if root.tag_ in PLURAL_TAGS and root.dep_ not in ("amod", "compound"):
            home = _home_state(root, hits_at, ctx)
            if home is not None:
                # "Bosnian Serbs" live in Bosnia: the qualifying nationality is the state.
                draft = ctx.draft_for(home[0], home[1], hit.end, root.i, method)
            code = draft.code
            draft.sector, draft.actor_id = "CVL", generic_id(code, "CVL")
            return draft
        head = root.head
        if hit.start <= head.i < hit.end or _group_coref_ahead(head, lex):
            return None
        draft.place_like = head.lower_ in lex.place_nouns
        return draft
    if is_location(root, lex):
        draft.place_like = True
        return draft
    if entry.role == "metonym":
        draft.sector, draft.actor_id, draft.method = (
            "GOV",
            generic_id(actor.country, "GOV"),
            "metonym",
        )
    return draft


def _home_state(token: Token, hits_at: dict[int, Hit], ctx: DocContext) -> tuple[Actor, int] | None:
    """A nationality adjective before a people's name, with where its span starts."""
    for child in token.lefts:
        hit = hits_at.get(child.i)
        if child.dep_ not in ("amod", "compound") or hit is None:
            continue
        entry = next((e for e in hit.entries if e.role == "demonym"), None)
        actor = ctx.kb.get(entry.actor_id) if entry else None
        if actor is not None and actor.kind == "state":
            return actor, hit.start
    return None


def _group_coref_ahead(head: Token, lex: Lexicon) -> bool:
    """ "the Palestinian group" will refer back to a named group; its adjective is inside."""
    return (
        head.lemma_.lower() in lex.group_nouns
        and head.tag_ == "NN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    )


def _entity_drafts(ctx: DocContext, hits_at: dict[int, Hit], chosen: dict[int, str]) -> list[Draft]:
    """Name entities no alias matched: a fuzzy knowledge-base match, else discovery."""
    drafts: list[Draft] = []
    by_surname: dict[str, Draft] = {}
    for entity in entities(ctx.doc):
        if any(i in hits_at for i in range(entity.start, entity.end)):
            continue
        if entity.label_ == "ORG":
            drafts += filter(None, [discover_organization(entity, ctx, hits_at, chosen)])
            continue
        if entity.label_ != "PERSON":
            continue
        actors = {e.actor_id for e in fuzzy_match(entity, ctx.kb)}
        actor = ctx.kb.get(actors.pop()) if len(actors) == 1 else None
        if actor is not None:
            drafts.append(ctx.draft_for(actor, entity.start, entity.end, entity.root.i, "fuzzy"))
            continue
        draft = discover_person(entity, ctx, hits_at, chosen)
        if draft is None:
            continue
        words = light(draft.name).split()
        if len(words) == 1 and not draft.office:
            # A lone word is only a person when it repeats a name introduced earlier.
            earlier = by_surname.get(words[0])
            if earlier is None:
                continue
            draft = adopt(draft, earlier, "coref")
        family = surname(draft.name)
        if family and len(words) > 1:
            by_surname.setdefault(family, draft)
        drafts.append(draft)
    return drafts


def _without_overlaps(drafts: list[Draft]) -> list[Draft]:
    """Coded, then longer, then stronger drafts first; the rest must not overlap them."""
    kept: list[Draft] = []
    taken: set[int] = set()  # the tokens of the drafts kept
    # A mention with a country outranks one without, whatever their lengths.
    order = sorted(drafts, key=lambda d: (d.code is None, -(d.end - d.start), -d.priority, d.start))
    for draft in order:
        if taken.isdisjoint(range(draft.start, draft.end)):
            kept.append(draft)
            taken.update(range(draft.start, draft.end))
    return sorted(kept, key=lambda d: d.start)


def _set_media_role(draft: Draft, ctx: DocContext) -> None:
    if draft.sector == "JRN" and draft.kind != "person":
        if draft.kind != "media":
            draft.kind = "media"
            if draft.code is None:
                draft.code = ctx.main_country
                draft.actor_id = generic_id(draft.code, draft.sector)
        if reports(ctx.doc[draft.head], ctx.kb.lexicon):
            draft.role = "reporter"
