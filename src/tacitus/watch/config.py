"""The sources file of ``tacitus watch``: feeds, sitemaps, politeness and alert rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tacitus.datafiles import read_model
from tacitus.store.filters import EventFilter

DEFAULT_EVERY = "15m"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
# What an alert rule's filter may say: what an event is, not how a page of them is shown.
_RULE_FIELDS = {"sort", "page", "page_size"}


class WatchConfigError(ValueError):
    """The sources file cannot be used; the message names the file and the entry."""


def seconds(duration: str | float) -> float:
    """``"15m"`` -> 900.0; a bare number is seconds."""
    if isinstance(duration, int | float):
        value = float(duration)
    else:
        match = _DURATION.match(duration)
        if not match:
            raise ValueError(f"not a duration: {duration!r} (write e.g. 30s, 15m, 2h, 1d)")
        value = float(match.group(1)) * _SECONDS[match.group(2)]
    if value <= 0:
        raise ValueError(f"a duration must be above zero, not {duration!r}")
    return value


class Source(BaseModel):
    """One feed (RSS or Atom) or XML sitemap, and the outlet its articles come from."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    url: str = Field(pattern=r"^https?://\S+$")
    outlet: str | None = Field(
        None, description="outlet of its articles, over what the pages say (default: theirs)"
    )
    language: str | None = Field(None, description="the articles' language, e.g. en")
    every: float | None = Field(None, description="how often to read it (default: the file's)")

    @field_validator("every", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> float | None:
        return None if value is None else seconds(value)


class AlertRule(BaseModel):
    """A named event filter, as ``/api/events`` understands it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    filter: EventFilter

    @field_validator("filter", mode="before")
    @classmethod
    def _no_paging(cls, value: Any) -> Any:
        if isinstance(value, dict) and (paging := sorted(_RULE_FIELDS & set(value))):
            raise ValueError(f"a rule selects events; {', '.join(paging)} do not apply")
        return value


class Politeness(BaseModel):
    """How the watcher treats the sites it reads."""

    model_config = ConfigDict(extra="forbid")

    host_interval: float = Field(1.0, ge=0, description="seconds between requests to one host")
    timeout: float = Field(20.0, gt=0, description="seconds to wait for a response")
    retries: int = Field(2, ge=0, le=10, description="retries of a failed request")
    backoff: float = Field(2.0, ge=0, description="seconds before the first retry, doubling")
    max_bytes: int = Field(5_000_000, gt=0, description="larger responses are refused")
    max_redirects: int = Field(5, ge=0)
    contact: str | None = Field(None, description="URL or e-mail added to the User-Agent")


class WatchConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    every: float = Field(seconds(DEFAULT_EVERY), description="default interval between readings")
    sources: list[Source] = Field(min_length=1)
    alerts: list[AlertRule] = Field(default_factory=list)
    politeness: Politeness = Politeness()

    @field_validator("every", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> float:
        return seconds(value)

    @model_validator(mode="after")
    def _unique_names(self) -> WatchConfig:
        for kind, names in (
            ("source", [s.name for s in self.sources]),
            ("alert rule", [r.name for r in self.alerts]),
        ):
            twice = sorted({n for n in names if names.count(n) > 1})
            if twice:
                raise ValueError(f"{kind} names must be unique: {', '.join(twice)}")
        return self

    def interval(self, source: Source) -> float:
        return source.every or self.every


def load_watch_config(path: Path) -> WatchConfig:
    return read_model(path, WatchConfig, WatchConfigError)
