"""Typed settings, one model per stage, each default written once here."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

DEFAULT_DB = "tacitus.duckdb"


class IngestConfig(BaseModel):
    max_bytes: int = Field(5_000_000, description="inputs larger than this are rejected")
    outlet: str | None = Field(None, description="outlet name for inputs that carry none")


class CleanConfig(BaseModel):
    min_words: int = Field(3, description="documents with fewer words are rejected")
    language: str | None = Field(
        None, description="the inputs' language (en); a record's own 'language' field wins"
    )
    dedup_threshold: float = Field(0.7, description="Jaccard estimate above which a copy is linked")
    named_events: list[Path] = Field(
        default_factory=list, description="extra named-event YAML files (dates of known events)"
    )


class ParseConfig(BaseModel):
    model: str | None = Field(
        None, description="spaCy package name; None picks the English small model"
    )
    batch_size: int = 32


class ActorConfig(BaseModel):
    kb_paths: list[Path] = Field(
        default_factory=list, description="extra knowledge-base YAML files"
    )


class EventConfig(BaseModel):
    lexicon_paths: list[Path] = Field(default_factory=list, description="extra lexicon YAML files")


class Settings(BaseModel):
    ingest: IngestConfig = IngestConfig()
    clean: CleanConfig = CleanConfig()
    parse: ParseConfig = ParseConfig()
    actors: ActorConfig = ActorConfig()
    events: EventConfig = EventConfig()
