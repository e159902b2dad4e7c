"""Publication dates from named events: the year a text never states, from what it reports.

An article that says "on October 15" and "the Al-Aqsa Flood operation" but no
year was written shortly after that operation, if everything else it says fits:
its month-day references fall near the event, and something in the text
independently restates the event's date ("on October 7", "early on Saturday"
for a Saturday event, "the third day of" it).  The publication date is then the
earliest date consistent with every reference.  Anything less (no restated
date, references that do not fit, several candidate years) leaves no date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from tacitus.clean.date_refs import DateReference, make_date, step_weekdays
from tacitus.clean.dated_events import EventMention, NamedEvent, NamedEvents
from tacitus.vocabulary import COUNT_WORDS

# An article reporting a named event as news appears within this many days after it ends.
WINDOW_DAYS = 120
# A month-day reference may recall a day this far before the event; with the window
# this spans less than a year, so a month-day has one reading at most.
LOOKBACK_DAYS = 180
# Characters before a mention searched for "ahead of" / "two days after".
LEAD_CHARS = 40

YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# A mention after these words is of a coming event, not one being reported.
FUTURE_LEAD = re.compile(
    r"\b(?:ahead\s+of|before|upcoming|next|planned|forthcoming|scheduled|coming)\s+(?:the\s+)?$",
    re.I,
)
# A text looking back a year or more is not news of its named events; one counting weeks
# or months since them ("five months into the war") is not written in the days after.
LOOKING_BACK = re.compile(
    r"\b(?:anniversary|last\s+year"
    r"|(?:years?|months?|weeks)\s+(?:ago|since|after|later|on|into)|week\s+into"
    r"|(?:months?|weeks?)\s+of\s+(?:war|fighting|conflict|bombardment|hostilities))\b",
    re.I,
)
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_COUNT = "|".join(sorted(COUNT_WORDS, key=len, reverse=True)) + r"|\d{1,3}"
DAYS_AFTER = re.compile(
    rf"\b(?:(?P<count>{_COUNT})\s+(?P<unit>days?|weeks?)|the\s+day)\s+after\s+(?:the\s+|an?\s+)?$",
    re.I,
)
ORDINAL_DAY = re.compile(
    rf"\bthe\s+(?P<ord>{'|'.join(ORDINAL_WORDS)}|\d{{1,3}}(?:st|nd|rd|th))\s+day\s+of\s+"
    r"(?:the\s+)?$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def date_from_named_events(
    text: str,
    month_days: Sequence[DateReference],
    weekdays: Sequence[DateReference],
    min_year: int | None,
    gazetteer: NamedEvents,
) -> tuple[date, str] | None:
    """The earliest publication date consistent with the latest named event reported as news.

    ``min_year`` is a year the text mentions ("since 2020"): publication is not before it.
    """
    if LOOKING_BACK.search(text):
        return None
    mentions = gazetteer.mentions(text)
    news = [m for m in mentions if _reported_as_news(text, m)]
    if not news:
        return None
    event = max(news, key=lambda m: (m.event.start, m.event.last_day)).event
    hooks = [m for m in news if m.event == event]
    placed = _place(month_days, mentions, event)
    fixed = _days_counted_from(text, hooks, weekdays)
    if placed is None or fixed is None:
        return None
    restated, on_event_day = _restatements(text, event, placed, weekdays, gazetteer)
    restated += [f"'{phrase}' ({day.isoformat()})" for day, phrase in fixed]
    if not restated:
        return None
    # A weekday that names the event's own day is not a later day of the story.
    later = [ref for ref in weekdays if ref.start not in on_event_day]
    steps = [f"named event {event.describe()} mentioned as '{hooks[0].text}'"]
    steps.append("its date restated by " + ", ".join(restated))
    anchor, anchor_text = max([(event.start, ""), *placed, *fixed])
    if anchor_text:
        steps.append(f"latest dated reference '{anchor_text}' ({anchor.isoformat()})")
    published = step_weekdays(anchor, later, steps)
    if published > event.last_day + timedelta(days=WINDOW_DAYS):
        return None
    if min_year is not None and published.year < min_year:
        return None
    steps.append("year from the named event")
    return published, "; ".join(steps)


def _reported_as_news(text: str, mention: EventMention) -> bool:
    """Not a coming event ("ahead of ..."), nor history dated by a year in its sentence."""
    start, end = _sentence(text, mention.start)
    if YEAR.search(text[start:end]):
        return False
    return not FUTURE_LEAD.search(text[max(0, mention.start - LEAD_CHARS) : mention.start])


def _sentence(text: str, at: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    after = _SENTENCE_END.search(text, at)
    return (starts[-1] if starts else 0), (after.start() + 1 if after else len(text))


def _place(
    month_days: Sequence[DateReference], mentions: Sequence[EventMention], event: NamedEvent
) -> list[tuple[date, str]] | None:
    """Each month-day in the one year that puts it near the event; None if one fits no year.

    A month-day inside an event's name ("the October 7 attack") is part of the
    name, not a reference of this text.
    """
    earliest = event.start - timedelta(days=LOOKBACK_DAYS)
    latest = event.last_day + timedelta(days=WINDOW_DAYS)
    placed = []
    for ref in month_days:
        if ref.month is None or ref.day is None:
            continue
        if any(m.start <= ref.start < m.end for m in mentions):
            continue
        options = [
            day
            for year in range(earliest.year, latest.year + 1)
            if (day := make_date(year, ref.month, ref.day)) and earliest <= day <= latest
        ]
        if len(options) != 1:
            return None
        placed.append((options[0], ref.text))
    return placed


def _days_counted_from(
    text: str, hooks: Sequence[EventMention], weekdays: Sequence[DateReference]
) -> list[tuple[date, str]] | None:
    """Days the text counts from the event: "two days after X", "the third day of X".

    None when a weekday named in the same sentence contradicts the count.
    """
    found = []
    for hook in hooks:
        lead = text[max(0, hook.start - LEAD_CHARS) : hook.start]
        offset = _offset(lead)
        if offset is None:
            continue
        day = hook.event.start + timedelta(days=offset[0])
        start, end = _sentence(text, hook.start)
        named = {ref.weekday for ref in weekdays if start <= ref.start < end}
        if named and named != {day.weekday()}:
            return None
        found.append((day, offset[1] + hook.text))
    return found


def _offset(lead: str) -> tuple[int, str] | None:
    """Days after the event start said just before its name, with the words that say it."""
    after = DAYS_AFTER.search(lead)
    if after:
        count = after.group("count")
        if count is None:
            return 1, after.group()
        number = int(count) if count.isdigit() else COUNT_WORDS[count.lower()]
        return number * (7 if after.group("unit").lower().startswith("week") else 1), after.group()
    ordinal = ORDINAL_DAY.search(lead)
    if ordinal:
        word = ordinal.group("ord").lower()
        number = int(word[:-2]) if word[0].isdigit() else ORDINAL_WORDS[word]
        return number - 1, ordinal.group()
    return None


def _restatements(
    text: str,
    event: NamedEvent,
    placed: Sequence[tuple[date, str]],
    weekdays: Sequence[DateReference],
    gazetteer: NamedEvents,
) -> tuple[list[str], set[int]]:
    """References that independently give the event's own date, and the weekdays among them.

    A month-day within the event, or its start weekday named where something
    begins or where the event is named ("infiltrated Israel early on Saturday").
    """
    found = [f"'{phrase}'" for day, phrase in placed if event.start <= day <= event.last_day]
    on_event_day = set()
    for ref in weekdays:
        if ref.weekday != event.start.weekday():
            continue
        start, end = _sentence(text, ref.start)
        sentence = text[start:end]
        names_it = any(m.event == event for m in gazetteer.mentions(sentence))
        if names_it or gazetteer.has_onset_word(sentence):
            found.append(f"'{ref.text}' (a {event.start:%A})")
            on_event_day.add(ref.start)
    return found, on_event_day
