"""Datelines and bylines: where a story was filed and who filed it, not what it says.

"DUBAI, March 3 (Meridian) - ", "Tehran, ABN -- ", "JERUSALEM/MOSCOW (Reuters) - " open a
paragraph; "By Nadia Farouk" or "Posted by admin | March 18, 2024" stand on a line of their
own.  Their words are the wire's furniture: an actor named there ("Tehran, ABN") is named
by the dateline's convention, not by the outlet's choice of words.
"""

from __future__ import annotations

import re

# The place (one or more, slash-joined), then optional ", date" parts and "(Agency)", then
# a dash.  A lone capitalised word before a dash is prose ("Hamas - the group - said").
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w'’.\-]*(?:[ /][A-Z][\w'’.\-]*){0,3})"
    r"(?P<rest>(?:,[ \t]*[\w'’. ]{1,30}){0,2}(?:[ \t]*\([^()\n]{1,60}\))?)"
    r"[ \t]*(?:--|—|–|-)[ \t]",
    re.MULTILINE,
)
_BYLINE = re.compile(r"^[ \t]*(?:By|Posted by|Written by|Reporting by)\b[^\n]{0,100}$",
                     re.MULTILINE)  # fmt: skip
# A line holding only a place and a date: "Doha, March 14, 2024".
_PLACE_DATE_LINE = re.compile(
    r"^[ \t]*[A-Z][\w'’.\- ]{1,30},[ \t]*(?:\w+[ \t]+)?\d{1,2}(?:,[ \t]*\d{4})?[ \t]*$|"
    r"^[ \t]*[A-Z][\w'’.\- ]{1,30},[ \t]*\w+[ \t]+\d{1,2},[ \t]*\d{4}[ \t]*$",
    re.MULTILINE,
)


def _is_dateline(match: re.Match[str]) -> bool:
    place, rest = match["place"], match["rest"]
    return bool(rest.strip()) or place.isupper()


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every dateline and byline in ``text``, in order."""
    spans = [(m.start(), m.end()) for m in _DATELINE.finditer(text) if _is_dateline(m)]
    spans += [(m.start(), m.end()) for p in (_BYLINE, _PLACE_DATE_LINE) for m in p.finditer(text)]
    return sorted(spans)


def in_dateline(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(lo <= start and end <= hi for lo, hi in spans)
