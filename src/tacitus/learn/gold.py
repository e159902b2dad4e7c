"""The event gold corpus: annotated sentences of real articles, by article id and offsets.

A gold file (``annotations/events/gold.jsonl``) holds one sentence per line: its id, the
article id and outlet, its character span in the article's ``text``, and its events, each
with offsets for its trigger and entities (docs/annotation.md).  The article texts stay in
the corpus they come from and are read by path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Span = tuple[int, int]


class _Gold(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class GoldEntity(_Gold):
    span: Span | None = None
    code: str | None = None
    sector: str | None = None


class GoldEvent(_Gold):
    # None in sentence-level gold (PLOVER GSR), which names no trigger span.
    trigger: Span | None = None
    type: str
    mode: str | None = None
    modality: str = "asserted"
    actor: list[GoldEntity] = Field(default_factory=list)
    recipient: list[GoldEntity] = Field(default_factory=list)
    date: str | None = None
    date_text: Span | None = None
    background: bool = False

    @property
    def scored(self) -> bool:
        """Whether a coder should report it: a background event the text does not date cannot
        be dated, and the coder leaves it out (docs/annotation.md, section 6)."""
        return not (self.background and self.date is None)


class GoldSentence(_Gold):
    sid: str
    doc: str
    outlet: str
    start: int
    end: int
    events: list[GoldEvent] = Field(default_factory=list)

    @property
    def scored_events(self) -> list[GoldEvent]:
        return [event for event in self.events if event.scored]


class GoldError(ValueError):
    pass


def load_gold(path: Path) -> list[GoldSentence]:
    """Gold sentences in file order; a bad line fails with its number."""
    sentences = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GoldError(f"cannot read gold file {path}: {error}") from error
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            sentences.append(GoldSentence.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as error:
            raise GoldError(f"{path}:{number}: not a gold sentence: {error}") from error
    if not sentences:
        raise GoldError(f"{path}: no gold sentences")
    return sentences


def load_articles(path: Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    """The corpus records (``id``, ``text``, ``outlet``, ...) of the articles ``ids``."""
    found: dict[str, dict[str, Any]] = {}
    try:
        with Path(path).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record.get("id") in ids:
                    found[record["id"]] = record
    except (OSError, json.JSONDecodeError) as error:
        raise GoldError(f"cannot read articles {path}: {error}") from error
    missing = sorted(ids - set(found))
    if missing:
        raise GoldError(f"{path} lacks {len(missing)} annotated articles, e.g. {missing[0]}")
    return found
