"""The PLOVER sector codes and the word a reader sees for each (``data/sectors.yaml``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from tacitus.datafiles import read_model

SECTORS_FILE = Path(__file__).parent / "data" / "sectors.yaml"
CODE_LETTERS = 3


class SectorError(ValueError):
    """The sector file is missing or invalid."""


class SectorFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sectors: dict[str, str]

    @field_validator("sectors")
    @classmethod
    def _three_letters(cls, value: dict[str, str]) -> dict[str, str]:
        bad = [code for code in value if len(code) != CODE_LETTERS or not code.isupper()]
        if bad:
            raise ValueError(f"sector codes are three capital letters, not {', '.join(bad)}")
        return value


@lru_cache(maxsize=1)
def sector_words() -> dict[str, str]:
    """``{"GOV": "government", ...}``."""
    return read_model(SECTORS_FILE, SectorFile, SectorError).sectors


def sector_word(sector: str) -> str:
    """The reader's word for a sector code; six-letter codes read by their first three."""
    return sector_words().get(sector[:CODE_LETTERS], sector)
