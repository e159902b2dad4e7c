"""Checking an inferred publication date against the article's URL.

News sites put the publication date in their paths ("/2014/07/", "/2019-05-21/"); that is
stronger evidence than a date inferred from references in the body, which a history
paragraph ("the 1979 revolution", "on March 3, 1988") can mislead.  An inferred date is
kept when it agrees with the URL's month, replaced by the URL's date when it does not, and
dropped when it is older than any web article could be and nothing else supports it.
"""

from __future__ import annotations

import re
from datetime import date

from tacitus.clean.dates import DateFinding

# A web article's body dates it before this year only by mistake (a history paragraph).
FIRST_WEB_YEAR = 1990
_URL_DATE = re.compile(
    r"(?<![\d])((?:19|20)\d\d)[/_-](0[1-9]|1[0-2])(?:[/_-](0[1-9]|[12]\d|3[01]))?(?![\d])"
)


def url_date(url: str | None) -> tuple[date, bool] | None:
    """The date in ``url`` and whether it gives the day (else only the month)."""
    match = _URL_DATE.search(url or "")
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month), int(day or 1)), day is not None
    except ValueError:
        return None


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
    if web and found is not None and found.value is not None and found.value.year < FIRST_WEB_YEAR:
        return None
    return found


def _same_month(a: date, b: date) -> bool:
    return (a.year, a.month) == (b.year, b.month)
