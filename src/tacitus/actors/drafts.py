"""Mentions under construction, and the per-document facts the stages share."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from tacitus.actors.kb import KnowledgeBase
from tacitus.actors.models import Actor
from tacitus.parse import shown_text
from tacitus.records import ActorMention, ActorRef

# The main country must hold this share of a document's state mentions ...
MAIN_COUNTRY_MIN_SHARE = 0.5
# ... and be mentioned at least this often, for "the government" to mean it.
MAIN_COUNTRY_MIN_COUNT = 2

# Overlapping candidates: longer spans win, then this order.
PRIORITY = {"person": 5, "organization": 4, "igo": 4, "media": 4, "phrase": 3, "state": 2}


@dataclass(slots=True)
class Draft:
    """A candidate actor mention before overlaps and coreference are settled."""

    start: int
    end: int
    head: int
    actor_id: str | None
    name: str
    code: str | None
    sector: str | None
    method: str
    kind: str
    office: str | None = None
    role: str = "actor"
    discovered: bool = False
    priority: int = 0
    # Unsettled mentions: a bare title or surname waiting for an antecedent.
    title_key: str | None = None
    title_country: str | None = None
    title_org: str | None = None
    surname_only: bool = False
    pronoun: bool = False
    group_noun: bool = False
    # A state or capital named as a place; still a mention, for the coder to weigh.
    place_like: bool = False
    # A group coded with the story's country for want of any word of its own saying whose.
    story_country: bool = False
    # Canonical titles the actor holds, for "the Iranian foreign minister" later on.
    titles: tuple[str, ...] = ()


def generic_id(code: str | None, sector: str | None) -> str | None:
    """A stable id for an unnamed group: "IRQ.COP" for Iraqi police."""
    if code is None:
        return None
    return f"{code}.{sector}" if sector else code


@dataclass(slots=True)
class DocContext:
    """What every stage needs to know about the document being resolved."""

    doc: Doc
    kb: KnowledgeBase
    when: date | None
    main_country: str | None = None
    # The one country a document names, when it names only one (as a place or an actor).
    sole_country: str | None = None
    drafts: list[Draft] = field(default_factory=list)

    @property
    def home_country(self) -> str | None:
        """The country an unqualified "police" or "President X" most likely belongs to."""
        return self.main_country or self.sole_country

    def sector_on(self, actor: Actor) -> tuple[str | None, str | None, str | None]:
        """Code, sector and office of an actor on the document's date."""
        office = actor.office_on(self.when) if actor.offices else None
        code = self.kb.office_country(actor, office) if office else actor.country
        sector = (office.sector if office and office.sector else None) or actor.sector
        return code, sector, office.title if office else None

    def titles_of(self, actor: Actor) -> tuple[str, ...]:
        """Titles the actor holds on the document's date (all of them when undated)."""
        lex = self.kb.lexicon
        offices = [o for o in actor.offices if self.when is None or o.active_on(self.when)]
        return tuple(
            sorted({k for o in offices or actor.offices for k in lex.title_keys_in(o.title)})
        )

    def draft_for(self, actor: Actor, start: int, end: int, head: int, method: str) -> Draft:
        code, sector, office = self.sector_on(actor)
        return Draft(
            start=start,
            end=end,
            head=head,
            actor_id=actor.id,
            name=actor.name,
            code=code,
            sector=sector,
            method=method,
            kind=actor.kind,
            office=office,
            priority=PRIORITY.get(actor.kind, 1),
            titles=self.titles_of(actor),
        )

    def set_main_country(self, drafts: list[Draft]) -> None:
        counts = Counter(d.code for d in drafts if d.kind == "state" and d.code)
        if not counts:
            return
        if len(counts) == 1:
            self.sole_country = next(iter(counts))
        ranked = counts.most_common(2)
        (code, top), total = ranked[0], sum(counts.values())
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if (
            top >= MAIN_COUNTRY_MIN_COUNT
            and top > runner_up
            and top / total >= MAIN_COUNTRY_MIN_SHARE
        ):
            self.main_country = code


def to_mention(draft: Draft, doc: Doc) -> ActorMention:
    entity_text = shown_text(doc[draft.start : draft.end])
    ref = ActorRef(
        id=draft.actor_id,
        name=draft.name,
        entity_text=entity_text,
        code=draft.code,
        sector=draft.sector,
        office=draft.office,
    )
    return ActorMention(
        start=draft.start,
        end=draft.end,
        head=draft.head,
        ref=ref,
        method=draft.method,
        kind=draft.kind,
        role="reporter" if draft.role == "reporter" else "actor",
        discovered=draft.discovered,
        place_like=draft.place_like,
        story_country=draft.story_country,
    )
