"""The boilerplate word lists, loaded once from ``boilerplate.yaml`` and validated."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from tacitus.datafiles import read_model

LEXICON_PATH = Path(__file__).with_name("boilerplate.yaml")


class BoilerplateLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    stop_words: frozenset[str]
    link_words: frozenset[str]
    section_words: frozenset[str]
    link_prefixes: tuple[str, ...]
    widget_phrases: tuple[str, ...]
    web_words: frozenset[str]
    credit_words: frozenset[str]
    byline_prefixes: tuple[str, ...]
    date_words: frozenset[str]
    call_to_action: frozenset[str]
    media_nouns: frozenset[str]
    first_person_plural: frozenset[str]
    second_person: frozenset[str]

    @field_validator("*", mode="before")
    @classmethod
    def _lower_case(cls, words: list[str]) -> list[str]:
        if not isinstance(words, list) or not words:
            raise ValueError("must be a non-empty list of words")
        return [str(word).strip().lower() for word in words]


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> BoilerplateLexicon:
    """Load and validate; a missing or malformed file fails with the file named."""
    return read_model(path, BoilerplateLexicon, RuntimeError, "boilerplate word lists ")
