"""When an event happened: the date expression attached to its trigger.

Date expressions are found with patterns over the sentence text (independent of
the NER model's DATE boundaries), resolved against the publication date with a
small calendar of our own (never the machine's clock), and tied to the trigger
by the dependency tree: the expression syntactically closest to the trigger
within its clause wins.  No expression: the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from tacitus.clean.dated_events import NamedEvents, load_named_events
from tacitus.events.lexicon import Grammar
from tacitus.events.modality import is_scheduled
from tacitus.parse import memo, sentences, span_text
from tacitus.parse.labels import CLAUSE_SUBJECTS, NOUNS, VERBAL
from tacitus.records import DatePrecision as Precision
from tacitus.records import DateSource
from tacitus.vocabulary import COUNT_WORDS, MONTHS, WEEKDAYS

# A year-less day date may lie this far after publication and still be read
# as this year (time zones, and "on October 15" in a story filed on the 14th).
FUTURE_GRACE_DAYS = 14
# Sentences searched backwards for the anchor of "the following day".
ANAPHORA_WINDOW = 3
# Extra path cost for reaching a date through a coordinated verb.
CONJ_PENALTY = 3
# Extra path cost for a date of an enclosing clause: "in 1976, when he fulminated",
# "airstrikes on Sunday that killed" date the clause inside them unless it has a date of its own.
OUTER_CLAUSE_PENALTY = 10
# Sentences whose date expressions are remembered (every event of a sentence asks).
DATE_CACHE_SENTENCES = 1024
# Years outside this range are not read as calendar years ("in 3000 homes").
MIN_YEAR, MAX_YEAR = 1800, 2100

# Moving up from the trigger through these edges leaves its clause.
UP_BARRIERS = frozenset({"relcl", "acl", "advcl", "csubj", "csubjpass", "parataxis"})
# Moving down into these edges enters another clause.
DOWN_BARRIERS = UP_BARRIERS | {"ccomp", "xcomp", "pcomp"}
# An adverbial clause opened by these happens when its head does ("signed the deal when they
# met last month"); so does a participle with no subject ("Speaking on Tuesday, he said").
SAME_TIME_LINKS = frozenset({"when", "while"})
# Reaching a date through such a clause costs this much more than through the trigger's own.
SAME_TIME_PENALTY = 3
# A date modifying a noun dates that noun, not the clause ("the 1979 revolution").
NOUN_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "nummod", "poss", "appos"})
# A date after these prepositions, hanging on a noun, dates the noun.
NOUN_PREPS = frozenset({"of", "since"})
# A named event attached to the trigger noun by these edges names it ("the Cast Lead offensive").
NAMING_DEPS = frozenset({"compound", "nmod", "appos", "poss"})
# A named event in these roles of an onset verb is what the verb starts ("launched Operation X").
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
# A date on the noun these prepositions govern dates the clause: "captured it in the 1967
# war", "spoke during Friday's talks".
TIME_FRAME_PREPS = frozenset({"in", "during", "at", "amid", "throughout"})
# The tense of these is that of the verb they hang on.
UNTENSED_TAGS = frozenset({"VBG", "VBN"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
AUX_DEPS = frozenset({"aux", "auxpass"})
# Verbs whose infinitive complement lies ahead in time, besides the lexicon's future governors
# ("plans to meet"): those decide that an event is only planned, while "agreed to meet on
# Friday" is an agreement that happened, about a meeting still to come.
AHEAD_GOVERNORS = frozenset(
    {"be", "agree", "vow", "promise", "pledge", "threaten", "hope", "want", "seek"}
)
PERFECT_AUX = frozenset({"have", "has", "had", "'ve", "was", "were"})
# Prepositions after which a date is not the event's date.
NOT_EVENT_PREPS = frozenset({"before", "until", "till", "after", "ahead", "prior", "to"})


# Seasons ("last summer") by the month they end in; a season gives its year only.
SEASONS = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11, "winter": 2}
# Parts of a year named with it ("at the end of 2011", "in the summer of 2013"): the month
# the part is in when it pins one down, else (None) only the year is known.
YEAR_PARTS = {"end": 12, "beginning": 1, "start": 1, "middle": None, **dict.fromkeys(SEASONS)}

# Month names must be capitalised so "may" the modal and "march" the verb stay out.
_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_MONTH = rf"(?P<month>{_FULL_MONTH}|{_ABBR_MONTH})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYPART = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_COUNT = rf"(?P<count>\d+|(?i:{'|'.join(sorted(COUNT_WORDS, key=len, reverse=True))}))"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx))
    for kind, rx in (
        ("iso", r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
        (
            "month_day",
            rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:\s*[-–]\s*\d{{1,2}}\b)?(?:,?\s+{_YEAR}\b)?",
        ),
        (
            "day_month",
            rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"{_MONTH}(?:,?\s+{_YEAR}\b)?",
        ),
        ("month_year", rf"\b(?:(?i:early|mid|late)[-\s]+)?{_MONTH},?\s+(?:of\s+)?{_YEAR}\b"),
        (
            "month_rel_year",
            rf"\b{_MONTH}\s+(?:of\s+)?(?P<rel>(?i:last|this|next|previous))\s+(?i:year)\b",
        ),
        (
            "month",
            rf"\b(?P<rel>(?i:last|this|next|early|mid|late)[-\s]+)?(?P<month>{_FULL_MONTH}|Sept)\b"
            r"(?!\s+\d)",
        ),
        (
            "year",
            rf"(?i:\b(?:in|since|during|by|from|of|until|early|late|mid)\s+){_YEAR}\b(?![-\d])",
        ),
        ("year_noun", rf"\b{_YEAR}\b(?=\s+[A-Za-z])"),
        ("year_part", rf"\b(?P<part>(?i:{'|'.join(YEAR_PARTS)}))\s+of\s+{_YEAR}\b"),
        (
            "season",
            rf"\b(?P<rel>(?i:last|this|next|past))\s+(?P<season>(?i:{'|'.join(SEASONS)}))\b",
        ),
        (
            "offset",
            rf"\b{_COUNT}\s+(?P<unit>(?i:days?|weeks?))\s+(?P<dir>(?i:after|before|later|earlier))\b",
        ),
        (
            "anaphor",
            r"\b(?i:(?:the\s+)?(?P<which>following|next|same|previous)\s+day|that\s+(?:same\s+)?day"
            r"|the\s+day\s+(?P<dir>before|after)(?=\s*[,.]))",
        ),
        ("ago", rf"\b{_COUNT}\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago)\b"),
        (
            "period",
            r"\b(?P<rel>(?i:last|this|next|past|previous|coming))\s+"
            r"(?P<unit>(?i:week|month|year|weekend))\b",
        ),
        (
            "weekday",
            rf"\b(?P<rel>(?i:last|this|next|this past|past)\s+)?(?P<wd>{_WEEKDAY}){_DAYPART}\b",
        ),
        (
            "deictic",
            r"\b(?P<word>(?i:the day before yesterday|yesterday|today|tonight|tomorrow|last night"
            r"|this morning|this afternoon|this evening|overnight))\b",
        ),
    )
)
# Words before an expression that belong to its evidence ("on Saturday").
_LEAD_RX = re.compile(r"(?i)\b(as of|on|in|since|during|by|early on|late on|from)\s+$")
_PREV_WORD_RX = re.compile(r"(\w+)\s+$")
# A month name alone is a date only after one of these ("in June", not "May God").
MONTH_LEAD_WORDS = frozenset(
    {"in", "since", "during", "until", "by", "from", "through", "of", "on"}
)
# A bare year is a date only before a noun and after one of these ("the 2003 invasion",
# "its 1878 liberation"), not as a count ("some 2000 people").
YEAR_LEAD_WORDS = frozenset({"the", "its", "their", "his", "her", "our", "this", "that"})


@dataclass(frozen=True, slots=True)
class DateResolution:
    """The date an event happened and where that date came from."""

    date: date | None
    source: DateSource
    precision: Precision | None
    evidence: str | None


@dataclass(frozen=True, slots=True)
class _Match:
    kind: str
    start: int  # character offsets in the sentence text
    end: int
    groups: dict[str, str | None]
    text: str
    lead: str  # the word before, lower case ("on", "since", ...)


@dataclass(frozen=True, slots=True)
class _Resolved:
    date: date | None
    precision: Precision | None
    source: DateSource


def event_date(
    sent: Span,
    trigger: Token,
    published: date | None,
    named_events: NamedEvents | None = None,
    grammar: Grammar | None = None,
) -> DateResolution:
    """The date the event at ``trigger`` happened, read from ``sent`` or the publication.

    A trigger that is a named event of the gazetteer (``named_events``, the
    built-in one by default), as in "the Al-Aqsa Flood operation" or "Hamas
    launched Operation Al-Aqsa Flood", takes that event's known date: a date
    elsewhere in the sentence more likely belongs to the reporting verb.
    With the lexicon's ``grammar``, a year-less date whose verb looks ahead ("will
    meet", "plans to meet") is read forward; without it, every date looks back.
    """
    gazetteer = named_events if named_events is not None else load_named_events()
    named = _named_event_date(sent, trigger, gazetteer)
    if named is not None:
        return named
    ranked = sorted(_ranked_candidates(sent, trigger), key=lambda item: item[0])
    for _, match, first in ranked:
        future = grammar is not None and _looks_ahead(match, _tensed_verb(first), grammar)
        resolved = _resolve_in_sentence(match, sent, trigger, published, future)
        if resolved is not None:
            return DateResolution(
                resolved.date,
                resolved.source,
                resolved.precision,
                _evidence(span_text(sent), match),
            )
    return publication_date(published)


def publication_date(published: date | None) -> DateResolution:
    return DateResolution(published, "publication", "day" if published else None, None)


def _named_event_date(sent: Span, trigger: Token, gazetteer: NamedEvents) -> DateResolution | None:
    """The date of the named event the trigger is, or launches ("launched Operation X")."""
    named = memo(
        sent.doc, (gazetteer, sent.start, sent.end), lambda: gazetteer.mentions(span_text(sent))
    )
    for mention in named:
        span = sent.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        names_trigger = span.start <= trigger.i < span.end or (
            root.head.i == trigger.i and root.dep_ in NAMING_DEPS
        )
        launched = (
            root.head.i == trigger.i
            and root.dep_ in ARGUMENT_DEPS
            and gazetteer.has_onset_word(trigger.text)
        )
        if names_trigger or launched:
            return DateResolution(mention.event.start, "inferred", "day", mention.text)
    return None


def _ranked_candidates(
    sent: Span, trigger: Token
) -> Iterator[tuple[tuple[int, int, int], _Match, Token]]:
    """Each date expression the trigger may take, with its rank and first word."""
    for match in find_date_expressions(span_text(sent)):
        tokens = _match_tokens(sent, match)
        if not tokens or _excluded(match, tokens, trigger):
            continue
        cost = min(
            (c for c in (_date_cost(trigger, t) for t in tokens) if c is not None), default=None
        )
        if cost is None:
            continue
        vague = match.kind in ("anaphor", "offset", "ago", "period")
        yield (cost, int(vague), abs(tokens[0].i - trigger.i)), match, tokens[0]


def _date_cost(trigger: Token, token: Token) -> int | None:
    """Tree distance from the trigger to a date word: within its clause (and clauses that
    share its time), else through the clauses enclosing it (never down into another)."""
    near = path_cost(trigger, token, same_time=True)
    if near is not None:
        return near
    far = path_cost(trigger, token, up_barriers=frozenset(), same_time=True)
    return None if far is None else far + OUTER_CLAUSE_PENALTY


@lru_cache(maxsize=DATE_CACHE_SENTENCES)
def find_date_expressions(text: str) -> tuple[_Match, ...]:
    """Non-overlapping date expressions in ``text``, longest first at each place."""
    found = [
        _Match(kind, m.start(), m.end(), m.groupdict(), m.group(0), _previous_word(text, m.start()))
        for kind, rx in PATTERNS
        for m in rx.finditer(text)
    ]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Match] = []
    for match in filter(lambda m: _plausible(text, m), found):
        if all(match.start >= k.end or match.end <= k.start for k in kept):
            kept.append(match)
    return tuple(sorted(kept, key=lambda m: m.start))


def _previous_word(text: str, start: int) -> str:
    found = _PREV_WORD_RX.search(text[:start])
    return found.group(1).lower() if found else ""


def _plausible(text: str, match: _Match) -> bool:
    if match.kind == "year_noun":
        return match.lead in YEAR_LEAD_WORDS
    if match.kind != "month" or match.groups.get("rel"):
        return True
    return match.lead in MONTH_LEAD_WORDS


def _match_tokens(sent: Span, match: _Match) -> list[Token]:
    span = sent.char_span(match.start, match.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _excluded(match: _Match, tokens: list[Token], trigger: Token) -> bool:
    if match.kind != "offset" and match.lead in NOT_EVENT_PREPS:
        return True
    token_ids = {t.i for t in tokens}
    tops = [t for t in tokens if t.head.i not in token_ids or t.head.i == t.i]
    # Dates that only modify a noun date that noun ("the October 7 attack",
    # "the revolution of 1979", "the heaviest fighting since 2014").
    return all(
        t.head.i != trigger.i
        and (
            (t.dep_ in NOUN_MODIFIER_DEPS and not _frames_time(t.head))
            or (_governing_prep(t) in NOUN_PREPS and _governing_prep_head(t).pos_ in NOUNS)
        )
        for t in tops
    )


def _frames_time(noun: Token) -> bool:
    """'In the 1967 war', 'during Friday's talks': the noun is when the clause happened."""
    return noun.dep_ == "pobj" and noun.head.lower_ in TIME_FRAME_PREPS


def _governing_prep(token: Token) -> str:
    if token.dep_ == "prep":
        return token.lower_
    return token.head.lower_ if token.dep_ == "pobj" else ""


def _governing_prep_head(token: Token) -> Token:
    return token.head if token.dep_ == "prep" else token.head.head


def path_cost(
    source: Token,
    target: Token,
    up_barriers: frozenset[str] = UP_BARRIERS,
    same_time: bool = False,
) -> int | None:
    """Tree distance from ``source`` to ``target``; None when it crosses a clause (but, with
    ``same_time``, a clause that happens when its head does)."""
    up: dict[int, int] = {}
    node, steps = source, 0
    while True:
        up[node.i] = steps
        if node.head.i == node.i or node.dep_ in up_barriers:
            break
        node, steps = node.head, steps + 1
    node, cost = target, 0
    while node.i not in up:
        if node.head.i == node.i:
            return None
        if node.dep_ in DOWN_BARRIERS:
            if not (same_time and _shares_time(node)):
                return None
            cost += SAME_TIME_PENALTY
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            cost += CONJ_PENALTY
        node, cost = node.head, cost + 1
    return cost + up[node.i]


def _shares_time(clause: Token) -> bool:
    """'When they met last month', 'speaking on Tuesday': an adverbial clause whose time
    is that of the clause it modifies."""
    if clause.dep_ != "advcl":
        return False
    children = list(clause.children)
    if any(c.lower_ in SAME_TIME_LINKS and c.dep_ in ("advmod", "mark") for c in children):
        return True
    return _untensed(clause) and not any(c.dep_ in CLAUSE_SUBJECTS for c in children)


def _tensed_verb(token: Token) -> Token:
    """The verb whose tense places a date word in time: the first verb above it that is not
    a participle or gerund of another ("speaking Tuesday night, he said")."""
    node = token
    while node.head.i != node.i and (node.pos_ not in VERBAL or _untensed(node)):
        node = node.head
    return node


def _untensed(verb: Token) -> bool:
    return verb.tag_ in UNTENSED_TAGS and not any(c.dep_ in AUX_DEPS for c in verb.children)


def _looks_ahead(match: _Match, verb: Token, grammar: Grammar) -> bool:
    """Whether the date is of what is still to come: 'will meet', 'would meet' (reported),
    'plans to meet', 'is due to meet'; for a weekday also the present tense of a schedule
    ('arrives Tuesday'), which for a month is more often a generic present."""
    aux = {c.lower_ for c in verb.children if c.dep_ in AUX_DEPS}
    if aux & grammar.future_auxiliaries or is_scheduled(verb, grammar):
        return True
    if aux & PERFECT_AUX or verb.pos_ not in VERBAL:
        return False
    if verb.tag_ in PRESENT_TAGS:
        return match.kind == "weekday"
    if verb.tag_ != "VB":
        return False
    governor = verb.head.lemma_.lower() if verb.dep_ == "xcomp" else ""
    return "would" in aux or (
        "to" in aux and (governor in grammar.future_governors or governor in AHEAD_GOVERNORS)
    )


def _evidence(text: str, match: _Match) -> str:
    lead = _LEAD_RX.search(text[: match.start])
    return (lead.group(1) + " " + match.text) if lead else match.text


def _resolve_in_sentence(
    match: _Match, sent: Span, trigger: Token, published: date | None, future: bool
) -> _Resolved | None:
    if match.kind == "offset":
        return _resolve_offset(match, sent, trigger, published, future)
    if match.kind == "anaphor":
        return _resolve_anaphor(match, sent, published)
    return resolve(match, published, future)


def resolve(match: _Match, published: date | None, future: bool = False) -> _Resolved | None:
    """The calendar date of one expression; None when it names no date."""
    g = match.groups
    if match.kind == "iso":
        return _day(int(g["year"] or 0), int(g["mon"] or 0), int(g["day"] or 0))
    if match.kind in ("month_day", "day_month"):
        return _month_day(_month(g), int(g["day"] or 0), g.get("year"), published, future)
    if match.kind == "month_year":
        return _Resolved(date(int(g["year"] or 0), _month(g), 1), "month", "text")
    if match.kind == "year_part":
        return _year_part(_low(g["part"]), int(g["year"] or 0))
    if match.kind in ("year", "year_noun"):
        year = int(g["year"] or 0)
        return _Resolved(date(year, 1, 1), "year", "text") if MIN_YEAR <= year <= MAX_YEAR else None
    if published is None:
        return _Resolved(None, None, "text")
    if match.kind == "month_rel_year":
        year = published.year + {"last": -1, "previous": -1, "next": 1}.get(_low(g["rel"]), 0)
        return _Resolved(date(year, _month(g), 1), "month", "text")
    if match.kind == "month":
        return _bare_month(_month(g), _low(g.get("rel")), published, future)
    if match.kind == "weekday":
        # "since Monday" on a Monday means a week ago, not today.
        rel = _low(g.get("rel")) or ("last" if match.lead == "since" else "")
        return _weekday(_low(g["wd"]), rel, published, future)
    if match.kind == "deictic":
        return _deictic(_low(g["word"]), published)
    if match.kind == "period":
        return _period(_low(g["rel"]), _low(g["unit"]), published)
    if match.kind == "season":
        return _season(_low(g["rel"]), _low(g["season"]), published)
    if match.kind == "ago":
        return _ago(_count(g["count"]), _low(g["unit"]), published)
    return None


def _low(value: str | None) -> str:
    return " ".join((value or "").lower().split())


def _month(groups: dict[str, str | None]) -> int:
    return MONTHS[_low(groups["month"]).rstrip(".")]


def _count(word: str | None) -> int:
    word = _low(word)
    return int(word) if word.isdigit() else COUNT_WORDS.get(word, 1)


def _day(year: int, month: int, day: int) -> _Resolved | None:
    try:
        return _Resolved(date(year, month, day), "day", "text")
    except ValueError:
        return None


def _month_day(
    month: int, day: int, year: str | None, published: date | None, future: bool
) -> _Resolved | None:
    if year:
        return _day(int(year), month, day)
    if published is None:
        return _Resolved(None, None, "text")
    options = []
    for y in (published.year - 1, published.year, published.year + 1):
        found = _day(y, month, day)
        if found and found.date:
            options.append(found.date)
    if future:
        later = [d for d in options if d >= published - timedelta(days=FUTURE_GRACE_DAYS)]
        return _Resolved(min(later), "day", "text") if later else None
    earlier = [d for d in options if d <= published + timedelta(days=FUTURE_GRACE_DAYS)]
    return _Resolved(max(earlier), "day", "text") if earlier else None


def _bare_month(month: int, rel: str, published: date, future: bool) -> _Resolved:
    if rel == "last":
        year = published.year if month < published.month else published.year - 1
    elif rel == "next" or (future and rel != "this"):
        year = published.year if month > published.month else published.year + 1
    elif rel == "this":
        year = published.year
    else:
        year = published.year if month <= published.month else published.year - 1
    return _Resolved(date(year, month, 1), "month", "text")


def _weekday(name: str, rel: str, published: date, future: bool) -> _Resolved:
    target = WEEKDAYS.index(name)
    back = (published.weekday() - target) % 7
    if rel in ("last", "past", "this past") and back == 0:
        back = 7
    if rel == "next" or (future and rel not in ("last", "past", "this past")):
        ahead = (target - published.weekday()) % 7 or (7 if rel == "next" else 0)
        return _Resolved(published + timedelta(days=ahead), "day", "text")
    return _Resolved(published - timedelta(days=back), "day", "text")


def _deictic(word: str, published: date) -> _Resolved:
    shift = {"yesterday": -1, "last night": -1, "the day before yesterday": -2, "tomorrow": 1}
    return _Resolved(published + timedelta(days=shift.get(word, 0)), "day", "text")


def _period(rel: str, unit: str, published: date) -> _Resolved:
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "year":
        return _Resolved(date(published.year + step, 1, 1), "year", "text")
    if unit == "month":
        return _Resolved(
            _add_months(date(published.year, published.month, 1), step), "month", "text"
        )
    if unit == "weekend":
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return _Resolved(saturday + timedelta(days=7 * max(step, 0)), "day", "inferred")
    # A week has no precision of its own: its day is an estimate.
    return _Resolved(published + timedelta(days=7 * step), "day", "inferred")


def _year_part(part: str, year: int) -> _Resolved | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    month = YEAR_PARTS[part]
    if month is None:
        return _Resolved(date(year, 1, 1), "year", "text")
    return _Resolved(date(year, month, 1), "month", "text")


def _season(rel: str, season: str, published: date) -> _Resolved:
    """'Last summer' is the latest summer over by publication; 'next' the first to come."""
    over = published.month > SEASONS[season]
    year = published.year
    if rel in ("last", "past"):
        year -= 0 if over else 1
    elif rel == "next":
        year += 1 if over else 0
    return _Resolved(date(year, 1, 1), "year", "text")


def _ago(count: int, unit: str, published: date) -> _Resolved:
    unit = unit.rstrip("s")
    if unit == "year":
        return _Resolved(date(published.year - count, 1, 1), "year", "inferred")
    if unit == "month":
        first = date(published.year, published.month, 1)
        return _Resolved(_add_months(first, -count), "month", "inferred")
    days = count * (7 if unit == "week" else 1)
    return _Resolved(published - timedelta(days=days), "day", "inferred")


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _shift(resolved: _Resolved, days: int) -> _Resolved:
    if resolved.date is None or resolved.precision != "day":
        return _Resolved(None, None, "inferred")
    return _Resolved(resolved.date + timedelta(days=days), "day", "inferred")


def _resolve_offset(
    match: _Match, sent: Span, trigger: Token, published: date | None, future: bool
) -> _Resolved | None:
    """``a day after X`` / ``two days later``: a date counted from another one."""
    g = match.groups
    days = _count(g["count"]) * (7 if _low(g["unit"]).startswith("week") else 1)
    direction = _low(g["dir"])
    sign = 1 if direction in ("after", "later") else -1
    if direction in ("later", "earlier"):
        base = _previous_sentence_date(sent, published)
        return _shift(base, sign * days) if base else None
    # The referenced event runs from the preposition to the next comma.
    ref_end = span_text(sent).find(",", match.end)
    ref_end = len(span_text(sent)) if ref_end < 0 else ref_end
    inside = [m for m in find_date_expressions(span_text(sent)) if match.end <= m.start < ref_end]
    outside = [
        m
        for m in find_date_expressions(span_text(sent))
        if m.end <= match.start or m.start >= ref_end
    ]
    trigger_at = trigger.idx - sent.start_char
    if match.end <= trigger_at < ref_end:
        # The trigger is the referenced event: count back from the main clause's date.
        sign, pool = -sign, outside
    else:
        pool = inside
    for other in pool:
        if other.kind in ("offset", "anaphor"):
            continue
        base = resolve(other, published, future)
        if base is not None and base.date is not None:
            return _shift(base, sign * days)
    return None


def _resolve_anaphor(match: _Match, sent: Span, published: date | None) -> _Resolved | None:
    g = match.groups
    which = _low(g.get("which")) or ("previous" if _low(g.get("dir")) == "before" else "same")
    if _low(g.get("dir")) == "after":
        which = "next"
    base = _previous_sentence_date(sent, published)
    if base is None:
        return None
    return _shift(base, {"following": 1, "next": 1, "previous": -1}.get(which, 0))


def _previous_sentence_date(sent: Span, published: date | None) -> _Resolved | None:
    """The last day-precise date written in the few sentences before ``sent``."""
    doc = sent.doc
    earlier = [s for s in sentences(doc) if s.end <= sent.start][-ANAPHORA_WINDOW:]
    for previous in reversed(earlier):
        for match in reversed(find_date_expressions(span_text(previous))):
            if match.kind in ("offset", "anaphor", "period", "ago"):
                continue
            found = resolve(match, published)
            if found is not None and found.date is not None and found.precision == "day":
                return found
    return None
