"""Named events with known dates (``data/named_events.yaml``) and where a text mentions them.

Operations, wars, attacks, treaties and summits are often named without a date
("the Al-Aqsa Flood operation"); the gazetteer gives their dates so that an
article, or an event mention, that names one can be dated.  Users add or
replace events with files of the same shape (``load_named_events(paths)``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tacitus.datafiles import read_model

BUILTIN_PATH = Path(__file__).parent / "data" / "named_events.yaml"
# What may stand between two words of an alias: "Al-Aqsa", "Al Aqsa", "Oct. 7", "9/11", quotes.
_GAP = r"[\s\-\u2010-\u2015'\"\u201c\u201d\u2018\u2019./]+"
# "Operation True Promise" must not match the start of "Operation True Promise II".
_NOT_A_SEQUEL = r"(?![\w\-]|\s*(?:I{1,3}|IV|\d)\b)"


class NamedEventError(ValueError):
    """A named-events file is missing or does not validate."""


class NamedEvent(BaseModel):
    """One event with its dates: ``end`` is the last day of an event lasting several."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=2)
    start: date
    end: date | None = None
    aliases: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _end_after_start(self) -> NamedEvent:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"{self.name}: end {self.end} is before start {self.start}")
        if not all(_words(alias) for alias in self.aliases):
            raise ValueError(f"{self.name}: an alias has no words")
        return self

    @property
    def last_day(self) -> date:
        return self.end or self.start

    def describe(self) -> str:
        span = self.start.isoformat() + (f" to {self.end.isoformat()}" if self.end else "")
        return f"'{self.name}' ({span})"


class NamedEventsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    onset_words: tuple[str, ...] = ()
    events: tuple[NamedEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class EventMention:
    """A named event mentioned at ``[start, end)`` of a text."""

    event: NamedEvent
    start: int
    end: int
    text: str


class NamedEvents:
    """The gazetteer: events by alias, and one pattern to find them all."""

    def __init__(self, events: Sequence[NamedEvent], onset_words: Sequence[str]) -> None:
        self.events = tuple(events)
        self._by_key: dict[str, NamedEvent] = {}
        for event in self.events:
            for alias in (event.name, *event.aliases):
                self._by_key[_key(alias)] = event
        # Longest first, so "Operation Al-Aqsa Flood" wins over "Al-Aqsa Flood".
        keys = sorted(self._by_key, key=lambda k: (-len(k), k))
        alternatives = "|".join(_GAP.join(map(re.escape, key.split())) for key in keys)
        self._pattern = re.compile(rf"(?<![\w\-])(?:{alternatives}){_NOT_A_SEQUEL}", re.I)
        # Every match begins with one of these runs of (up to two) words; a text
        # without any is not searched.
        self._openings = frozenset(tuple(key.split()[:2]) for key in keys)
        onset = sorted({_key(word) for word in onset_words} - {""}, key=lambda w: (-len(w), w))
        # With no onset words at all the pattern must match nothing, not the empty string.
        words = "|".join(_GAP.join(map(re.escape, w.split())) for w in onset) or "(?!)"
        self._onset = re.compile(rf"\b(?:{words})\b", re.I)

    def mentions(self, text: str) -> list[EventMention]:
        """Every named event in ``text``, in order of appearance."""
        if not self._may_mention(_words(text)):
            return []
        return [
            EventMention(self._by_key[_key(m.group())], m.start(), m.end(), m.group())
            for m in self._pattern.finditer(text)
        ]

    def _may_mention(self, words: list[str]) -> bool:
        return any(
            (word,) in self._openings or (word, following) in self._openings
            for word, following in zip(words, [*words[1:], ""], strict=True)
        )

    def has_onset_word(self, text: str) -> bool:
        """Whether ``text`` says something began ("launched", "broke out")."""
        return bool(self._onset.search(text))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _key(text: str) -> str:
    return " ".join(_words(text))


def load_named_events(paths: Sequence[Path] = ()) -> NamedEvents:
    """The built-in gazetteer plus ``paths``; a later event of the same name replaces one."""
    return _load(tuple(Path(p) for p in paths))


@lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...]) -> NamedEvents:
    by_name: dict[str, NamedEvent] = {}
    onset: list[str] = []
    for path in (BUILTIN_PATH, *paths):
        loaded = _read(path)
        by_name |= {event.name.lower(): event for event in loaded.events}
        onset += loaded.onset_words
    return NamedEvents(list(by_name.values()), onset)


def _read(path: Path) -> NamedEventsFile:
    return read_model(path, NamedEventsFile, NamedEventError, "named events ")
