"""The closed vocabularies of the coding, read once from ``data/vocabulary.yaml``.

Event types, their symmetry and the modalities live in that one file; the export schema,
the filters, the merge and the lexicon checks take them from here.
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


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return read_model(VOCABULARY_FILE, Vocabulary, VocabularyError)


EVENT_TYPES: tuple[str, ...] = tuple(vocabulary().event_types)
SYMMETRIC_TYPES: frozenset[str] = frozenset(
    name for name, entry in vocabulary().event_types.items() if entry.symmetric
)
MODALITIES: tuple[str, ...] = tuple(vocabulary().modalities)
