"""Checking an inferred publication date against the article's URL.

News sites put the publication date in their paths ("/2014/07/", "/2012/sep/11/"); that is
stronger evidence than a date inferred from references in the body, which a history
paragraph ("the 1979 revolution", "on March 3, 1988") can mislead.  An inferred date is
kept when it agrees with the URL's month, replaced by the URL's date when it does not, and
dropped when it is older than any web article could be, or years older than a year the URL
names, and nothing else supports it.
"""

from __future__ import annotations

import re
from datetime import date

from tacitus.clean.dates import DateFinding
from tacitus.vocabulary import MONTHS

# A web article's body dates it before this year only by mistake (a history paragraph).
FIRST_WEB_YEAR = 1990
# The month as a number or, as a path segment of its own, a name: "/2014/07/",
# "/2019-05-21/", "/2012/sep/11/" (not "/2019-mar-a-lago-visit"), or month and day as one
# segment ("/2014/0922/").
_URL_DATE = re.compile(
    r"(?<![\d])((?:19|20)\d\d)(?:[/_-](0[1-9]|1[0-2])|/([a-z]{3,9})(?=/))"
    r"(?:[/_-](0?[1-9]|[12]\d|3[01]))?(?![\da-z])",
    re.IGNORECASE,
)
_URL_MONTH_DAY = re.compile(r"(?<![\d])((?:19|20)\d\d)/(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/")
# A year standing alone in the path ("/joint-session-2017-speech"): the story is of that
# year or the one before it ("/election-2020-preview" may run in 2019), never years older.
_YEAR = re.compile(r"(?<![\d])((?:19|20)\d\d)(?![\d])")
URL_YEAR_SLACK = 1


def url_date(url: str | None) -> tuple[date, bool] | None:
    """The date in ``url`` and whether it gives the day (else only the month)."""
    if found := _URL_MONTH_DAY.search(url or ""):
        year, month, day = map(int, found.groups())
        value = _valid(year, month, day)
        return None if value is None else (value, True)
    for match in _URL_DATE.finditer(url or ""):
        year, digits, name, day = match.groups()
        number = int(digits) if digits else MONTHS.get(name.lower())
        if number is not None:
            value = _valid(int(year), number, int(day or 1))
            return None if value is None else (value, day is not None)
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    """The date, or None for a day the month lacks ("/2019/02/31/")."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def years_in(path: str) -> list[int]:
    """The four-digit years of 1900-2099 standing alone in ``path`` (a URL or a file path)."""
    return [int(year) for year in _YEAR.findall(path)]


def checked(found: DateFinding | None, url: str | None) -> DateFinding | None:
    """``found`` (a date inferred from the body) checked against the URL's date."""
    in_url = url_date(url)
    if in_url is not None:
        value, has_day = in_url
        if found is not None and found.value is not None and _same_month(found.value, value):
            return found
        inferred = f"; the text suggested {found.value}" if found and found.value else ""
        precision = "" if has_day else " (month only: the first of the month)"
        return DateFinding(value, "inferred", f"date in the URL{precision}{inferred}")
    web = bool(url) and str(url).startswith(("http://", "https://"))
    if not web or found is None or found.value is None:
        return found
    floor = min((year - URL_YEAR_SLACK for year in years_in(str(url))), default=0)
    if found.value.year < max(FIRST_WEB_YEAR, floor):
        return None
    return found


def _same_month(a: date, b: date) -> bool:
    return (a.year, a.month) == (b.year, b.month)
