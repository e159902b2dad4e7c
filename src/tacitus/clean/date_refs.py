"""Date references without a year, and the calendar steps shared by the date inferences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# News style names a weekday only for the last few days; a day this far past
# the latest dated reference is still plausible, further is not.
WEEKDAY_REACH_DAYS = 6


@dataclass(frozen=True, slots=True)
class DateReference:
    """A date-like phrase in the text with the calendar fields it fixes."""

    text: str
    start: int
    month: int | None
    day: int | None
    year: int | None = None
    weekday: int | None = None


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def step_weekdays(anchor: date, weekdays: Sequence[DateReference], steps: list[str]) -> date:
    """The latest day the weekdays reach, each the first such day on or after ``anchor``.

    "On May 14 ... on Sunday" yields the Sunday after May 14; each step taken is
    described in ``steps``.
    """
    published = anchor
    for ref in weekdays:
        ahead = (ref.weekday - anchor.weekday()) % 7 if ref.weekday is not None else 0
        if ahead <= WEEKDAY_REACH_DAYS and anchor + timedelta(days=ahead) > published:
            published = anchor + timedelta(days=ahead)
            steps.append(f"'{ref.text}' -> {published:%A} {published.isoformat()}")
    return published
