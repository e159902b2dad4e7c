"""How each outlet tells it: the data behind ``tacitus compare``, the API and the pages.

Every function takes an open ``Store`` and returns plain JSON-ready data, so the
terminal, the JSON API and the HTML pages show the same figures.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Span

from tacitus.actors import KnowledgeBase
from tacitus.clean.datelines import dateline_spans, in_dateline
from tacitus.export import stored_events
from tacitus.framing.lexicon import NamingLexicon, default_lexicon
from tacitus.framing.logodds import PRIOR_SCALE, Z_CLEAR, distinctive_terms
from tacitus.framing.naming import MODIFIER_DEPS, NamingTerm, compact, naming_terms, normalize
from tacitus.framing.sentences import (
    SentenceParser,
    mention_span,
    sentence_start,
    shared_parser,
)
from tacitus.framing.tone import clause, score, summarize
from tacitus.outlets import OutletDirectory
from tacitus.records import iso_date
from tacitus.store import Store, event_queries, framing_queries
from tacitus.store.actor_lookup import ActorNotFound, find_actor

# Mentions read per outlet and actor; beyond this the earliest ones stand for the rest.
MAX_MENTIONS_PER_OUTLET = 400
# Terms and examples listed per outlet.
TOP_TERMS = 15
EXAMPLES_PER_TERM = 3
DISTINCTIVE_SHOWN = 5
# Days either side of an event in which an outlet naming both parties "covered the story".
WINDOW_DAYS = 3
# Actors shown on an outlet's page.
OUTLET_PAGE_ACTORS = 6
# Entity labels that carry figures an outlet gave (tolls, sums, shares).
FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})

METHOD = {
    "naming": "spaCy parse of each mention's sentence: the mention's own words (form), "
    "modifiers of its head, appositions, predicate nominals, naming nouns it modifies "
    "(governor) and categories ('groups like X'); per_mention = mentions using the term "
    "/ the outlet's mentions of the actor",
    "distinctive": "weighted log-odds ratio with an informative Dirichlet prior "
    f"(Monroe et al. 2008), each outlet against all others, prior = pooled counts x "
    f"{PRIOR_SCALE}; |z| > {Z_CLEAR} marked clear",
    "group_terms": "groups of a non-state actor's country named without naming it "
    "('armed Palestinian groups') in the outlet's documents that mention the actor; "
    "they may or may not mean the actor, and are not counted in its profile",
    "tone": "VADER compound score (-1..+1) of the clause around the mention; outlet "
    "figures are means with a t-based 95% interval. Tone of the words, not a stance "
    "or a verdict on the outlet",
}


@dataclass(slots=True)
class Reading:
    """One actor mention as read: its outlet, naming terms and clause tone."""

    row: dict[str, Any]
    outlet: str
    terms: list[NamingTerm]
    clause: str
    tone: float


@dataclass(slots=True)
class _OutletTally:
    documents: set[str] = field(default_factory=set)
    counts: Counter[str] = field(default_factory=Counter)
    relations: dict[str, set[str]] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    readings: list[Reading] = field(default_factory=list)


# Stands for the owner of dateline and byline words in the ranges of foreign tokens.
DATELINE = "(dateline)"


def _foreign_ranges(store: Store, doc_ids: list[str]) -> dict[str, list[tuple[int, int, str]]]:
    ranges: dict[str, list[tuple[int, int, str]]] = {}
    for row in framing_queries.named_spans(store, doc_ids):
        ranges.setdefault(row["doc_id"], []).append((row["start"], row["end"], row["name"]))
    return ranges


def _foreign_tokens(doc: Doc, offset: int, ranges: list[tuple[int, int, str]], name: str) -> set:
    # Tokens of other actors' mentions and of datelines: never read as a name of this one.
    found = set()
    for start, end, other in ranges:
        if other == name:
            continue
        span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
        if span is not None:
            found |= {t.i for t in span}
    return found


def read_mentions(
    store: Store,
    rows: Sequence[dict[str, Any]],
    directory: OutletDirectory,
    parser: SentenceParser | None = None,
    lexicon: NamingLexicon | None = None,
) -> list[Reading]:
    """Naming terms and tone of stored actor mentions (rows of ``actor_mentions_of``)."""
    parser = parser or shared_parser()
    lexicon = lexicon or default_lexicon()
    doc_ids = sorted({r["doc_id"] for r in rows})
    texts = {r["doc_id"]: r["text"] for r in framing_queries.document_texts(store, doc_ids)}
    ranges = _foreign_ranges(store, doc_ids)
    furniture = {doc_id: dateline_spans(text) for doc_id, text in texts.items()}
    # A name in a dateline or byline is the wire's convention, not the outlet's wording.
    rows = [r for r in rows if not in_dateline(furniture[r["doc_id"]], r["start"], r["end"])]
    parsed = parser.parse_all(r["sentence"] for r in rows if r["sentence"])
    readings = []
    for row in rows:
        offset = sentence_start(
            texts[row["doc_id"]], row["sentence"] or "", row["start"], row["end"]
        )
        if offset is None:
            continue
        doc = parsed[row["sentence"]]
        span = mention_span(doc, row["start"] - offset, row["end"] - offset)
        if span is None or not len(span):
            continue
        datelines = [(lo, hi, DATELINE) for lo, hi in furniture[row["doc_id"]]]
        others = [*ranges.get(row["doc_id"], []), *datelines]
        foreign = _foreign_tokens(doc, offset, others, row["name"])
        around = clause(span)
        outlet = directory.label(row["outlet"], row["url"], row["source"])
        terms = naming_terms(span, lexicon, frozenset(foreign - {t.i for t in span}))
        readings.append(
            Reading(
                row=row,
                outlet=outlet,
                terms=[t for t in terms if not _own_name(t.term, outlet)],
                clause=around,
                tone=score(around),
            )
        )
    return readings


def _own_name(term: str, outlet: str) -> bool:
    """A term made of the outlet's own name ("courier" in The Gulf Courier's tagline)."""
    return set(term.split()) <= set(outlet.lower().split())


def _cap(rows: list[dict[str, Any]], directory: OutletDirectory) -> tuple[list, bool]:
    kept, per_outlet = [], Counter()
    for row in rows:
        label = directory.label(row["outlet"], row["url"], row["source"])
        per_outlet[label] += 1
        if per_outlet[label] <= MAX_MENTIONS_PER_OUTLET:
            kept.append(row)
    return kept, len(kept) < len(rows)


def _demonyms(rows: Sequence[dict[str, Any]]) -> frozenset[str]:
    """Demonyms of the home state of a non-state actor ("Palestinian" for Hamas)."""
    codes = {r["code"] for r in rows if r["code"] and r["kind"] not in {"state", "person"}}
    kb = KnowledgeBase.load()
    states = [kb.state(code) for code in sorted(codes)]
    return frozenset(d.lower() for s in states if s is not None for d in s.demonyms)


def group_terms(
    store: Store,
    doc_ids: Sequence[str],
    demonyms: frozenset[str],
    parser: SentenceParser,
    lexicon: NamingLexicon,
) -> dict[str, list[NamingTerm]]:
    """Per document, groups of the actor's country named without naming the actor.

    "armed Palestinian groups": a naming noun qualified by a demonym, in a document that
    mentions the actor.  They may or may not mean it; they are how the outlet speaks of
    its side when it does not name it.
    """
    if not demonyms:
        return {}
    texts = framing_queries.document_texts(store, sorted(doc_ids))
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(demonyms))) + r")\b", re.I)
    paragraphs = {
        doc["doc_id"]: [p for p in doc["text"].split("\n\n") if pattern.search(p)] for doc in texts
    }
    parsed = parser.parse_all(p for ps in paragraphs.values() for p in ps)
    found: dict[str, list[NamingTerm]] = {}
    for doc_id, paras in paragraphs.items():
        for paragraph in paras:
            for token in parsed[paragraph]:
                head = token.head
                if (
                    token.lower_ in demonyms
                    and token.dep_ in MODIFIER_DEPS
                    and head.pos_ in {"NOUN", "PROPN"}
                    and head.lemma_.lower() in lexicon.naming_heads
                ):
                    term = normalize(compact(head))
                    example = " ".join(t.text for t in compact(head))
                    found.setdefault(doc_id, []).append(NamingTerm(term, "unnamed group", example))
    return found


def _tally(readings: list[Reading]) -> dict[str, _OutletTally]:
    tallies: dict[str, _OutletTally] = {}
    for reading in readings:
        tally = tallies.setdefault(reading.outlet, _OutletTally())
        tally.documents.add(reading.row["doc_id"])
        tally.readings.append(reading)
        for term in {t.term for t in reading.terms}:
            tally.counts[term] += 1
        for term in reading.terms:
            tally.relations.setdefault(term.term, set()).add(term.relation)
            examples = tally.examples.setdefault(term.term, [])
            if term.example not in examples and len(examples) < EXAMPLES_PER_TERM:
                examples.append(term.example)
    return tallies


def _mention_view(reading: Reading) -> dict[str, Any]:
    row = reading.row
    return {
        "doc_id": row["doc_id"],
        "title": row["title"],
        "published": iso_date(row["published"]),
        "text": row["entity_text"],
        "terms": sorted({t.term for t in reading.terms}),
        "clause": reading.clause,
        "tone": round(reading.tone, 3),
    }


def _group_view(terms: list[NamingTerm]) -> list[dict[str, Any]]:
    counts = Counter(t.term for t in terms)
    examples: dict[str, list[str]] = {}
    for term in terms:
        seen = examples.setdefault(term.term, [])
        if term.example not in seen and len(seen) < EXAMPLES_PER_TERM:
            seen.append(term.example)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
    return [{"term": t, "count": c, "examples": examples[t]} for t, c in ranked]


def _profile(
    label: str,
    tally: _OutletTally,
    distinctive: list,
    directory: OutletDirectory,
    groups: list[NamingTerm],
) -> dict[str, Any]:
    n = len(tally.readings)
    terms = sorted(tally.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
    return {
        "outlet": label,
        "meta": directory.describe(label),
        "documents": len(tally.documents),
        "mentions": n,
        "terms": [
            {
                "term": term,
                "relations": sorted(tally.relations[term]),
                "count": count,
                "per_mention": round(count / n, 3),
                "examples": tally.examples[term],
            }
            for term, count in terms
        ],
        "distinctive": [d.as_dict() for d in distinctive if d.z > 0][:DISTINCTIVE_SHOWN],
        "group_terms": _group_view(groups),
        "tone": summarize([r.tone for r in tally.readings]),
        "mention_tones": [_mention_view(r) for r in tally.readings],
    }


def compare_actor(
    store: Store,
    name: str,
    directory: OutletDirectory,
    parser: SentenceParser | None = None,
    lexicon: NamingLexicon | None = None,
) -> dict[str, Any]:
    """Each outlet's naming profile and tone for the actors ``name`` names (id, name or any
    spelling); ``ActorNotFound`` with the nearest names when it names none."""
    match = find_actor(store, name)
    rows = framing_queries.actor_mentions_of(store, list(match.ids))
    if not rows:
        raise ActorNotFound(match.problem())
    parser = parser or shared_parser()
    lexicon = lexicon or default_lexicon()
    kept, sampled = _cap(rows, directory)
    tallies = _tally(read_mentions(store, kept, directory, parser, lexicon))
    distinctive = distinctive_terms({label: t.counts for label, t in tallies.items()})
    groups = group_terms(
        store, sorted({r["doc_id"] for r in kept}), _demonyms(kept), parser, lexicon
    )
    profiles = [
        _profile(
            label,
            tally,
            distinctive[label],
            directory,
            [t for doc_id in sorted(tally.documents) for t in groups.get(doc_id, [])],
        )
        for label, tally in tallies.items()
    ]
    profiles.sort(key=lambda p: (-p["mentions"], p["outlet"]))
    return {
        "actor": {
            "query": name,
            "names": list(match.labels),
            "ids": sorted({r["actor_id"] for r in rows if r["actor_id"]}),
        },
        "mentions": len(rows),
        "sampled": sampled,
        "outlets": profiles,
        "method": METHOD,
    }


# -- events ----------------------------------------------------------------------
def _figures(doc: Doc) -> list[str]:
    figures = []
    for ent in doc.ents:
        if ent.label_ in FIGURE_LABELS:
            root = ent.root
            noun = root.head if root.dep_ in {"nummod", "quantmod"} and root.head != root else None
            figures.append(f"{ent.text} {noun.text}" if noun is not None else ent.text)
    return figures


def _trigger_span(doc: Doc, trigger: str | None) -> Span:
    at = doc.text.lower().find((trigger or "").lower()) if trigger else -1
    span = doc.char_span(at, at + len(trigger), alignment_mode="expand") if at >= 0 else None
    return span if span is not None and len(span) else doc[:]


def _report(row: dict[str, Any], doc: Doc) -> dict[str, Any]:
    span = _trigger_span(doc, row["event_text"])
    around = clause(span)
    tone = score(around)
    size = json.loads(row["size"]) if isinstance(row["size"], str) else row["size"]
    return {
        "doc_id": row["doc_id"],
        "title": row["title"],
        "url": row["url"],
        "published": iso_date(row["published"]),
        "copy_of": row["duplicate_of"],
        "sentence": row["sentence"],
        "trigger": row["event_text"],
        "modality": row["modality"],
        "attributed_to": row["attributed_to"],
        "telling": f"attributed to {row['attributed_to']}"
        if row["attributed_to"]
        else "stated as fact",
        "size": {k: v for k, v in (size or {}).items() if v is not None} or None,
        "figures": _figures(doc),
        "clause": around,
        "tone": round(tone, 3),
    }


def _same_story(
    store: Store, event: dict[str, Any], reporting_docs: set[str], day: date | None
) -> list[dict[str, Any]]:
    """Documents naming both parties of ``event`` near its date that did not report it."""
    sides = [side for side in (event["actor"], event["recipient"]) if side]
    rows = framing_queries.documents_naming(store, sides)
    window = timedelta(days=WINDOW_DAYS)
    return [
        r
        for r in rows
        if r["doc_id"] not in reporting_docs
        and (day is None or r["published"] is None or abs(r["published"] - day) <= window)
    ]


def compare_event(
    store: Store,
    event_id: str,
    directory: OutletDirectory,
    parser: SentenceParser | None = None,
) -> dict[str, Any] | None:
    """One merged event, outlet by outlet: sentences, attribution, figures, tone, and silence."""
    events = list(stored_events(store, *event_queries.with_ids([event_id])))
    if not events:
        return None
    event = events[0]
    rows = event_queries.event_reports(store, event_id, order="published")
    parsed = (parser or shared_parser()).parse_all(r["sentence"] for r in rows)
    outlets: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        label = directory.label(row["outlet"], row["url"], row["source"])
        outlets.setdefault(label, []).append(_report(row, parsed[row["sentence"]]))
    dated = [r["published"] for r in rows if r["published"]]
    day = date.fromisoformat(event["date"]) if event["date"] else min(dated, default=None)
    silent: dict[str, list[dict[str, Any]]] = {}
    for row in _same_story(store, event, {r["doc_id"] for r in rows}, day):
        label = directory.label(row["outlet"], row["url"], row["source"])
        if label not in outlets:
            silent.setdefault(label, []).append(
                {
                    "doc_id": row["doc_id"],
                    "title": row["title"],
                    "published": iso_date(row["published"]),
                    "undated": row["published"] is None,
                }
            )
    return {
        "event": event,
        "window_days": WINDOW_DAYS,
        "reported_by": [
            {
                "outlet": label,
                "meta": directory.describe(label),
                "reports": reports,
                "tone": summarize([r["tone"] for r in reports]),
            }
            for label, reports in sorted(outlets.items())
        ],
        "not_reported_by": [
            {"outlet": label, "meta": directory.describe(label), "documents": docs}
            for label, docs in sorted(silent.items())
        ],
        "method": {
            "tone": METHOD["tone"] + " (clause around the event's trigger)",
            "not_reported_by": "outlets with a document naming both parties published within "
            f"{WINDOW_DAYS} days of the event (or undated) and no report of it",
        },
    }


# -- outlets ---------------------------------------------------------------------
def outlet_framing(
    store: Store,
    outlet: str,
    directory: OutletDirectory,
    parser: SentenceParser | None = None,
) -> dict[str, Any] | None:
    """An outlet's metadata and how it names the actors it mentions most, against the others."""
    docs = framing_queries.outlet_candidates(store, outlet)
    label = directory.label(outlet, None, outlet)
    own = [
        d["doc_id"] for d in docs if directory.label(d["outlet"], d["url"], d["source"]) == label
    ]
    if not own:
        return None
    actors = framing_queries.top_actors(store, own, OUTLET_PAGE_ACTORS)
    shown = []
    for actor in actors:
        compared = compare_actor(store, actor["actor_id"], directory, parser)
        mine = [p for p in compared["outlets"] if p["outlet"] == label]
        if mine:
            profile = {k: v for k, v in mine[0].items() if k not in {"mention_tones", "meta"}}
            shown.append({"actor": actor["name"], "outlets_compared": len(compared["outlets"])}
                         | profile)  # fmt: skip
    return {"outlet": label, "meta": directory.describe(label), "actors": shown, "method": METHOD}
