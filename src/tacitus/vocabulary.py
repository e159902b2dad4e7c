"""The closed vocabularies of the coding, read once from ``data/vocabulary.yaml``.

Event types, their symmetry and the modalities live in that one file; the export schema,
the filters, the merge and the lexicon checks take them from here.  So do the calendar
and number words the date and size readers share.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from tacitus.datafiles import read_model

VOCABULARY_FILE = Path(__file__).parent / "data" / "vocabulary.yaml"


class VocabularyError(ValueError):
    """The vocabulary file is missing or invalid."""


class EventTypeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    symmetric: bool


class Vocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    event_types: dict[str, EventTypeEntry] = Field(min_length=1)
    modalities: list[str] = Field(min_length=1)
    months: list[str] = Field(min_length=12, max_length=12)
    weekdays: list[str] = Field(min_length=7, max_length=7)
    number_words: dict[str, int] = Field(min_length=1)
    count_words: dict[str, int] = Field(min_length=1)
    attribution_verbs: list[str] = Field(min_length=1)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return read_model(VOCABULARY_FILE, Vocabulary, VocabularyError)


EVENT_TYPES: tuple[str, ...] = tuple(vocabulary().event_types)
SYMMETRIC_TYPES: frozenset[str] = frozenset(
    name for name, entry in vocabulary().event_types.items() if entry.symmetric
)
MODALITIES: tuple[str, ...] = tuple(vocabulary().modalities)
# Month names, full and by their first three letters ("sept" too), to the month's number.
MONTHS: dict[str, int] = {
    form: number
    for number, name in enumerate(vocabulary().months, start=1)
    for form in (name, name[:3], *(("sept",) if name == "september" else ()))
}
WEEKDAYS: tuple[str, ...] = tuple(vocabulary().weekdays)
# Cardinal number words ("twelve", "dozen") to their value.
NUMBER_WORDS: dict[str, int] = dict(vocabulary().number_words)
# Number words that count time spans, loose ones included ("a", "several").
COUNT_WORDS: dict[str, int] = NUMBER_WORDS | vocabulary().count_words
ATTRIBUTION_VERBS: frozenset[str] = frozenset(vocabulary().attribution_verbs)
