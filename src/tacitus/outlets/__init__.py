"""Outlet metadata: who publishes a document (country, owner, language, kind).

The base table ships in ``data/outlets.yaml``; users add or override outlets with
their own YAML files of the same layout (``--outlets PATH``), matched by ``slug``.
Documents are matched to an outlet by its name or an alias, or by the domain of
their URL.  There are no bias or reliability ratings here on purpose: how an
outlet frames a story is measured from its text (``tacitus.framing``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tacitus.datafiles import read_model

DATA_DIR = Path(__file__).resolve().parent / "data"
BASE_FILE = DATA_DIR / "outlets.yaml"

Kind = Literal["wire", "state", "public", "private", "partisan", "aggregator"]


class OutletError(ValueError):
    """An outlet metadata file is missing or invalid."""


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without a leading ``www.``, or None."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    return host.removeprefix("www.") if host else None


class Outlet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    country: str | None = None
    owner: str | None = None
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}$")
    kind: Kind
    domain: str | None = None

    @field_validator("country")
    @classmethod
    def _iso_country(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.upper()
        if len(value) != 3 or pycountry.countries.get(alpha_3=value) is None:
            raise ValueError(f"country {value!r} is not an ISO 3166 alpha-3 code")
        return value

    @field_validator("domain")
    @classmethod
    def _bare_domain(cls, value: str | None) -> str | None:
        if value is None:
            return None
        host = domain_of(value)
        if not host or "." not in host:
            raise ValueError(f"domain {value!r} is not a host name")
        return host

    def names(self) -> tuple[str, ...]:
        return (self.name, self.slug, *self.aliases)

    def as_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class OutletFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outlets: list[Outlet]

    @model_validator(mode="after")
    def _unique(self) -> OutletFile:
        _check_unique(self.outlets)
        return self


def _check_unique(outlets: Sequence[Outlet]) -> None:
    # One name must lead to one outlet, or documents would be matched at random.
    owner: dict[str, str] = {}
    for outlet in outlets:
        for name in {_fold(n) for n in outlet.names()}:
            if owner.setdefault(name, outlet.slug) != outlet.slug:
                raise ValueError(f"name {name!r} is used by {owner[name]} and {outlet.slug}")


def _read(path: Path) -> OutletFile:
    return read_model(path, OutletFile, OutletError, "outlet metadata ")


class OutletDirectory:
    """Every known outlet, looked up by name, alias, slug or URL domain."""

    def __init__(self, outlets: Sequence[Outlet]) -> None:
        self.outlets = tuple(outlets)
        self._by_name: Mapping[str, Outlet] = {_fold(n): o for o in self.outlets for n in o.names()}

    @classmethod
    def load(cls, extra_paths: Sequence[Path] = ()) -> OutletDirectory:
        by_slug = {o.slug: o for o in _read(BASE_FILE).outlets}
        for path in extra_paths:
            by_slug |= {o.slug: o for o in _read(Path(path)).outlets}
        outlets = tuple(by_slug[s] for s in sorted(by_slug))
        try:
            _check_unique(outlets)
        except ValueError as error:
            raise OutletError(f"outlet metadata: {error}") from error
        return cls(outlets)

    def match(self, outlet: str | None = None, url: str | None = None) -> Outlet | None:
        """The outlet named ``outlet`` (name, alias or slug), else the one owning ``url``."""
        if outlet:
            found = self._by_name.get(_fold(outlet))
            if found:
                return found
        host = domain_of(url)
        if host:
            for candidate in self.outlets:
                if candidate.domain and (
                    host == candidate.domain or host.endswith("." + candidate.domain)
                ):
                    return candidate
        return None

    def label(self, outlet: str | None, url: str | None, source: str) -> str:
        """The name a document's outlet is shown and grouped under.

        A known outlet gives its canonical name; otherwise the document's own outlet
        field, then its URL's domain; a document with none of these stands alone,
        under its file name, so it is never merged with other unattributed ones.
        """
        known = self.match(outlet, url)
        if known:
            return known.name
        if outlet:
            return outlet
        return domain_of(url) or f"(no outlet) {Path(source).name}"

    def describe(self, label: str) -> dict[str, Any] | None:
        known = self.match(label)
        return known.as_dict() if known else None


@lru_cache(maxsize=8)
def load_outlets(extra_paths: tuple[Path, ...] = ()) -> OutletDirectory:
    """The directory of the shipped outlets plus ``extra_paths``, read once per process."""
    return OutletDirectory.load(extra_paths)
