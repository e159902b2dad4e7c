"""The word lists behind the naming profiles, validated at load and user-extendable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from tacitus.datafiles import read_model

DATA_FILE = Path(__file__).resolve().parent / "data" / "naming.yaml"


class NamingLexiconError(ValueError):
    """A naming word-list file is missing or invalid."""


class NamingFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    labeling_verbs: list[str] = []
    naming_heads: list[str] = []
    category_preps: list[str] = []

    @field_validator("labeling_verbs", "naming_heads", "category_preps")
    @classmethod
    def _words(cls, words: list[str]) -> list[str]:
        for word in words:
            if not word.strip() or word != word.strip().lower():
                raise ValueError(f"{word!r}: words are lower case, without spaces around")
        return words


@dataclass(frozen=True, slots=True)
class NamingLexicon:
    labeling_verbs: frozenset[str]
    naming_heads: frozenset[str]
    category_preps: frozenset[str]

    @classmethod
    def load(cls, extra_paths: Sequence[Path] = ()) -> NamingLexicon:
        files = [_read(DATA_FILE), *(_read(Path(p)) for p in extra_paths)]
        return cls(
            labeling_verbs=frozenset(w for f in files for w in f.labeling_verbs),
            naming_heads=frozenset(w for f in files for w in f.naming_heads),
            category_preps=frozenset(w for f in files for w in f.category_preps),
        )


def _read(path: Path) -> NamingFile:
    return read_model(path, NamingFile, NamingLexiconError, "naming word lists ")


@lru_cache(maxsize=1)
def default_lexicon() -> NamingLexicon:
    return NamingLexicon.load()
