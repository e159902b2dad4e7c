"""The event filter shared by the API, the web pages and the CLI.

A filter is validated once (pydantic) and turned into a SQL ``WHERE`` clause
over the ``events`` table with ``?`` placeholders: user text only ever travels
as a parameter, never inside the SQL string.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, Literal

import pycountry
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from tacitus.records import Modality
from tacitus.store import Store
from tacitus.store.actor_lookup import ActorMatch, ActorNames
from tacitus.vocabulary import EVENT_TYPES

# Larger pages would let one request pull the whole database through the page API;
# the export endpoints are the way to get everything.
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
# Longest search text accepted: enough for a phrase, not for a document.
MAX_QUERY_CHARS = 200

Sort = Literal["date", "-date", "mentions", "-mentions", "sources", "-sources", "type", "-type"]
SORT_COLUMNS = {
    "date": "date",
    "mentions": "num_mentions",
    "sources": "num_sources",
    "type": "event",
}
# The id breaks ties, so pages never overlap or skip an event.
TIE_BREAK = "event_id"

_SIDE = "{side}_id IN (SELECT unnest(?::VARCHAR[]))"
SIDE_FIELDS = ("actor", "recipient", "party")
_OUTLET = (
    "EXISTS (SELECT 1 FROM event_mentions m JOIN documents d USING (doc_id) "
    "WHERE m.event_id = events.event_id AND lower(d.outlet) = lower(?))"
)
_TEXT = (
    "(event_text ILIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM event_mentions m "
    "WHERE m.event_id = events.event_id AND m.sentence ILIKE ? ESCAPE '\\'))"
)
_NEW_SINCE = (
    "EXISTS (SELECT 1 FROM event_mentions m JOIN arrivals a USING (doc_id) "
    "WHERE m.event_id = events.event_id AND a.stored_at >= ?)"
)
_COUNTRY = (
    "(upper(actor->>'code') IN (SELECT unnest(?)) "
    "OR upper(recipient->>'code') IN (SELECT unnest(?)) "
    "OR upper(event_loc->>'country_code') IN (SELECT unnest(?)))"
)


def country_codes(code: str) -> list[str]:
    """Both ISO spellings of a country (actors carry alpha-3, places alpha-2)."""
    code = code.upper()
    country = pycountry.countries.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
    return sorted({code, country.alpha_2, country.alpha_3}) if country else [code]


def like_pattern(text: str) -> str:
    """``text`` as a literal substring pattern for ILIKE ... ESCAPE '\\'."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class EventFilter(BaseModel):
    """Which events to show, how to order them and which page."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    type: list[str] = Field(
        default_factory=list,
        description="PLOVER event types (any of; also accepted comma-separated, any case)",
        json_schema_extra={"items": {"type": "string", "enum": list(EVENT_TYPES)}},
    )
    quad: int | None = Field(None, ge=1, le=4, description="quad class 1-4")
    actor: str | None = Field(
        None,
        max_length=200,
        description="the actor who did it: an actor id (that actor alone) or a name or any "
        "spelling seen in the news (every actor it names), case- and accent-insensitive",
    )
    recipient: str | None = Field(
        None, max_length=200, description="the actor it was done to, found as for actor"
    )
    party: str | None = Field(
        None, max_length=200, description="an actor on either side, found as for actor"
    )
    country: str | None = Field(
        None,
        pattern=r"^[A-Za-z]{2,3}$",
        description="ISO country code (alpha-2 or alpha-3): the country of either side, "
        "whoever in it acted (state, government, police, rebels...), or of the place",
    )
    outlet: str | None = Field(None, max_length=200, description="an outlet that reported it")
    date_from: date | None = Field(None, description="first day, YYYY-MM-DD")
    date_to: date | None = Field(None, description="last day, YYYY-MM-DD")
    modality: Modality | None = None
    new_since: datetime | None = Field(
        None,
        description="only events with a report stored or revised at or after this time "
        "(ISO 8601; UTC unless an offset is given): what is new since the last look",
    )
    q: str | None = Field(None, max_length=MAX_QUERY_CHARS, description="words in the evidence")
    sort: Sort = "date"
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    _matches: dict[str, ActorMatch] | None = PrivateAttr(None)

    @field_validator("type", mode="before")
    @classmethod
    def _split_types(cls, value: Any) -> list[str]:
        if value is None:
            return []
        items = [value] if isinstance(value, str) else list(value)
        return [
            part.strip().upper() for item in items for part in str(item).split(",") if part.strip()
        ]

    @field_validator("type")
    @classmethod
    def _known_types(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(EVENT_TYPES))
        if unknown:
            raise ValueError(
                f"unknown event type {', '.join(unknown)}; expected one of {', '.join(EVENT_TYPES)}"
            )
        return sorted(set(value), key=EVENT_TYPES.index)

    @field_validator("actor", "recipient", "party", "outlet", "q", "country", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("new_since")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        # Arrival times are stored as UTC without an offset.
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    @field_validator("date_from", "date_to", "quad", "modality", "new_since", mode="before")
    @classmethod
    def _blank_field_is_none(cls, value: Any) -> Any:
        return None if value == "" else value

    @model_validator(mode="after")
    def _dates_in_order(self) -> EventFilter:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")
        return self

    def side_matches(self, store: Store) -> dict[str, ActorMatch]:
        """The actors each of ``actor``, ``recipient`` and ``party`` names (read once)."""
        if self._matches is None:
            wanted = {name: text for name in SIDE_FIELDS if (text := getattr(self, name))}
            names = ActorNames.read(store) if wanted else None
            self._matches = {name: names.find(text) for name, text in wanted.items() if names}
        return self._matches

    def unmatched(self, store: Store) -> dict[str, str]:
        """What each side field naming no actor gets instead: ``{"actor": "no such actor
        'Qani'; did you mean: Esmail Qaani"}``."""
        return {name: m.problem() for name, m in self.side_matches(store).items() if not m.ids}

    def to_sql(self, store: Store) -> tuple[str, list[Any]]:
        """``(where_clause, params)`` over ``events``; the clause is empty for no filter."""
        clauses: list[str] = []
        params: list[Any] = []
        sides = self.side_matches(store)
        if self.type:
            clauses.append("event IN (SELECT unnest(?))")
            params.append(self.type)
        if self.quad is not None:
            clauses.append("quad_code = ?")
            params.append(self.quad)
        for side in ("actor", "recipient"):
            if side in sides:
                clauses.append(_SIDE.format(side=side))
                params.append(list(sides[side].ids))
        if "party" in sides:
            clauses.append(f"({_SIDE.format(side='actor')} OR {_SIDE.format(side='recipient')})")
            params += [list(sides["party"].ids)] * 2
        if self.country:
            clauses.append(_COUNTRY)
            params += [country_codes(self.country)] * 3
        if self.outlet:
            clauses.append(_OUTLET)
            params.append(self.outlet)
        if self.date_from:
            clauses.append("date >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("date <= ?")
            params.append(self.date_to)
        if self.modality:
            clauses.append("modality = ?")
            params.append(self.modality)
        if self.new_since:
            clauses.append(_NEW_SINCE)
            params.append(self.new_since)
        if self.q:
            clauses.append(_TEXT)
            params += [like_pattern(self.q)] * 2
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def order_by(self) -> str:
        """``ORDER BY`` from the whitelisted sort keys (never from raw user text)."""
        key = self.sort.lstrip("-")
        direction = "DESC" if self.sort.startswith("-") else "ASC"
        return f"ORDER BY {SORT_COLUMNS[key]} {direction} NULLS LAST, {TIE_BREAK}"

    def limit(self) -> tuple[str, list[int]]:
        return "LIMIT ? OFFSET ?", [self.page_size, (self.page - 1) * self.page_size]

    def query_args(self, **changes: Any) -> dict[str, Any]:
        """The filter as URL query arguments (defaults left out), with ``changes`` applied."""
        data = self.model_dump(exclude_defaults=True) | changes
        args = {k: v for k, v in data.items() if v not in (None, "", [])}
        if "type" in args:
            args["type"] = ",".join(args["type"])
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in args.items()}


class NetworkFilter(EventFilter):
    """The events to draw as a network, and how many events a tie needs to be drawn."""

    min_events: int = Field(
        1,
        ge=1,
        description="draw only ties (one per direction and quad class) of at least this "
        "many events; actors left without a tie are dropped",
    )

    @field_validator("min_events", mode="before")
    @classmethod
    def _blank_is_any_tie(cls, value: Any) -> Any:
        return 1 if value == "" else value
