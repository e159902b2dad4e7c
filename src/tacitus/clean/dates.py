"""Publication dates: stated on a date line, or inferred from dated references.

Nothing here reads the clock.  A reference without a year only becomes a date
when the text (or a hint such as a year in the URL) fixes the year, so an
article is never silently given the current year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import dateparser

from tacitus.clean.date_refs import DateReference, make_date, step_weekdays
from tacitus.clean.dated_events import NamedEvents, load_named_events
from tacitus.clean.dates_by_event import date_from_named_events
from tacitus.vocabulary import MONTHS, WEEKDAYS

DATE_LINE_MAX_CHARS = 80
# A year fixed by a weekday/month-day pair is searched this far past the lower bound.
YEAR_SEARCH_SPAN = 28

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

FULL_DATE_PATTERNS = (
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_YEAR}-(?P<mm>[01]?\d)-(?P<dd>[0-3]?\d)\b"),
    # Day first with dots is the European numeric style; slashes are ambiguous.
    re.compile(rf"\b(?P<dd>[0-3]?\d)\.(?P<mm>[01]?\d)\.{_YEAR}\b"),
)
MONTH_DAY_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)(?![\d:])"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s+(?:19|20)\d\d)"),
)
WEEKDAY_PAIRS = (
    re.compile(rf"\b{_WEEKDAY},?\s+(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}"),
    re.compile(rf"\b{_WEEKDAY},?\s+{_MONTH}\s+{_DAY}\b"),
)
# A weekday used as a point in time ("on Sunday", "late Saturday", "Sunday
# morning"), not as an attribute ("Friday prayers"); "next" days are future.
WEEKDAY_REFERENCES = (
    re.compile(rf"\b(?:on|since|until|by|late|early|last|from|before|after)\s+{_WEEKDAY}\b"),
    re.compile(rf"\b{_WEEKDAY}(?=\s+(?:morning|afternoon|evening|night)\b|\s*[,.;])"),
)
MENTIONED_YEAR = re.compile(rf"\b(?:in|since|during|of|from|until|year)\s+{_YEAR}\b")
RELATIVE_TIME = re.compile(
    r"\b(?:\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|yesterday|today)\b",
    re.IGNORECASE,
)
DATE_TOKEN = re.compile(r"^(?:[\d:./-]+|[-|,.:/()·•]+)$")

_DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RELATIVE_BASE": datetime(1900, 1, 1),
    "RETURN_AS_TIMEZONE_AWARE": False,
}


@dataclass(frozen=True, slots=True)
class DateFinding:
    """A publication date (or, without a year, the partial rule) and why."""

    value: date | None
    source: str | None
    evidence: str


def _month(name: str) -> int:
    return MONTHS[name[:3].lower()]


def full_dates(text: str) -> list[tuple[date, DateReference]]:
    """Every day-month-year date in ``text``, in order of appearance."""
    found: list[tuple[date, DateReference]] = []
    for pattern in FULL_DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["mm"]) if groups.get("mm") else _month(groups["month"])
            day = int(groups["dd"] if groups.get("dd") else groups["day"])
            value = make_date(int(groups["year"]), month, day)
            if value is not None:
                ref = DateReference(match.group(), match.start(), month, day, value.year)
                found.append((value, ref))
    return sorted(found, key=lambda item: item[1].start)


def is_date_line(line: str, extra_words: Iterable[str]) -> bool:
    """A line that holds a date or time and nothing else of substance."""
    if len(line) > DATE_LINE_MAX_CHARS:
        return False
    dated = full_dates(line) or _month_days(line) or RELATIVE_TIME.search(line)
    if not dated and not re.search(r"\b(?:19|20)\d\d\b", line):
        return False
    words = set(extra_words)
    leftovers = 0
    for token in re.split(r"\s+", RELATIVE_TIME.sub(" ", line.strip())):
        bare = token.strip(",.:;()[]")
        lowered = bare.lower()
        if not bare or DATE_TOKEN.match(bare) or lowered in words:
            continue
        if lowered[:3] in MONTHS and re.fullmatch(_MONTH, bare):
            continue
        if lowered in WEEKDAYS or (lowered[:3] in {w[:3] for w in WEEKDAYS} and len(lowered) <= 4):
            continue
        leftovers += 1
    return leftovers == 0


def parse_date_line(line: str) -> date | None:
    """The full date a date line states, via the patterns or dateparser."""
    dates = full_dates(line)
    if dates:
        return dates[0][0]
    if RELATIVE_TIME.search(line) or not re.search(r"\b(?:19|20)\d\d\b", line):
        return None
    parsed = dateparser.parse(line, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def _month_days(text: str) -> list[DateReference]:
    refs = []
    for pattern in MONTH_DAY_PATTERNS:
        for match in pattern.finditer(text):
            month, day = _month(match.group("month")), int(match.group("day"))
            if 1 <= day <= 31 and make_date(2000, month, day):
                refs.append(DateReference(match.group(), match.start(), month, day))
    return sorted(refs, key=lambda ref: ref.start)


def _weekday_refs(text: str) -> list[DateReference]:
    """Weekdays named as points in time, except those already dated ("Friday, May 14")."""
    dated = {m.start("weekday") for pattern in WEEKDAY_PAIRS for m in pattern.finditer(text)}
    refs = {}
    for pattern in WEEKDAY_REFERENCES:
        for match in pattern.finditer(text):
            if match.start("weekday") in dated:
                continue
            weekday = _wd(match.group("weekday"))
            refs[match.start("weekday")] = DateReference(
                match.group(), match.start(), None, None, weekday=weekday
            )
    return [refs[start] for start in sorted(refs)]


def _wd(name: str) -> int:
    return WEEKDAYS.index(name.lower())


def _year_from_pairs(text: str, lower_bound: int | None) -> tuple[int, str] | None:
    """A year in which a stated "Friday, May 14" pair falls on that weekday."""
    if lower_bound is None:
        return None
    matches = sorted(
        (m for pattern in WEEKDAY_PAIRS for m in pattern.finditer(text)), key=lambda m: m.start()
    )
    for match in matches:
        month, day = _month(match.group("month")), int(match.group("day"))
        for year in range(lower_bound, lower_bound + YEAR_SEARCH_SPAN):
            value = make_date(year, month, day)
            if value and value.weekday() == _wd(match.group("weekday")):
                return year, match.group()
    return None


def infer_publication(
    text: str, year_hints: Sequence[int] = (), named_events: NamedEvents | None = None
) -> DateFinding | None:
    """The earliest date consistent with the dated references in ``text``.

    The latest dated reference is an event already reported, so publication is
    on or after it; a weekday named as a point in time is taken as the first such
    weekday on or after that reference, so "on May 14 ... on Sunday" yields the
    Sunday after May 14.  The year comes from a full date in the text, from a
    weekday/month-day pair, or from ``year_hints``; failing those, from a named
    event the text reports (``named_events``, the built-in gazetteer by default)
    when its references fit shortly after that event.  Without a year, the
    finding carries the rule but no date.
    """
    fulls = full_dates(text)
    month_days = [ref for ref in _month_days(text) if not _inside(ref, fulls)]
    mentioned = [int(m.group("year")) for m in MENTIONED_YEAR.finditer(text)]
    mentioned += [value.year for value, _ in fulls]
    lower_bound = max(mentioned) if mentioned else None
    weekdays = _weekday_refs(text)
    year, year_evidence = None, ""
    if fulls or month_days:
        year, year_evidence = _pick_year(text, fulls, lower_bound, year_hints)
    if year is None:
        gazetteer = named_events if named_events is not None else load_named_events()
        found = date_from_named_events(text, month_days, weekdays, lower_bound, gazetteer)
        if found and (not year_hints or found[0].year in year_hints):
            return DateFinding(found[0], "inferred", found[1])
    if not fulls and not month_days:
        return None
    if year is None:
        latest = max(month_days, key=lambda ref: (ref.month, ref.day))
        rule = _rule_text(latest.text, weekdays)
        return DateFinding(None, None, f"{rule}; no year in the text")
    candidates = [(value, ref.text) for value, ref in fulls]
    for ref in month_days:
        value = make_date(year, ref.month or 1, ref.day or 1)
        if value:
            candidates.append((value, ref.text))
    anchor, anchor_text = max(candidates, key=lambda item: item[0])
    steps = [f"latest dated reference '{anchor_text}' ({anchor.isoformat()})"]
    published = step_weekdays(anchor, weekdays, steps)
    steps.append(f"year from {year_evidence}")
    return DateFinding(published, "inferred", "; ".join(steps))


def _inside(ref: DateReference, fulls: list[tuple[date, DateReference]]) -> bool:
    return any(full.start <= ref.start < full.start + len(full.text) for _, full in fulls)


def _pick_year(
    text: str,
    fulls: list[tuple[date, DateReference]],
    lower_bound: int | None,
    hints: Sequence[int],
) -> tuple[int | None, str]:
    if fulls:
        latest, ref = max(fulls, key=lambda item: item[0])
        return latest.year, f"'{ref.text}'"
    paired = _year_from_pairs(text, lower_bound)
    if paired:
        return paired[0], f"'{paired[1]}' falling on that weekday"
    usable = [year for year in hints if lower_bound is None or year >= lower_bound]
    if usable:
        return max(usable), f"a year outside the article body ({max(usable)})"
    return None, ""


def _rule_text(latest: str, weekdays: list[DateReference]) -> str:
    names = sorted({WEEKDAYS[ref.weekday].title() for ref in weekdays if ref.weekday is not None})
    if names:
        return f"on or after '{latest}', the first {'/'.join(names)} after it"
    return f"on or after '{latest}'"
