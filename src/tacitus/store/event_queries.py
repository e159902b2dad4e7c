"""Events read for pages, charts and exports: every statement over ``events`` they need.

``where`` and ``params`` are a filter's ``(where_clause, params)`` pair, as built by
``EventFilter.to_sql`` or ``with_ids`` (built by code, never from user text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from tacitus.store import Store

if TYPE_CHECKING:  # the filter's pydantic and actor lookup are not needed to export
    from tacitus.store.filters import EventFilter

Where = tuple[str, list[Any]]
# Columns of the documents an export cites for each report.
DOC_COLUMNS = "doc_id, source, outlet, published, duplicate_of"
# Orders of an event's reports: by outlet (the event page), by publication (framing).
REPORT_ORDER = {
    "outlet": "d.outlet NULLS LAST, d.published NULLS LAST, m.doc_id, m.start",
    "published": "d.published NULLS LAST, m.doc_id, m.start",
}


def with_ids(event_ids: Sequence[str]) -> Where:
    """The ``(where, params)`` pair of the events with these ids."""
    return "WHERE event_id IN (SELECT unnest(?))", [list(event_ids)]


def _and(where: str, condition: str) -> str:
    return f"{where} AND {condition}" if where else f"WHERE {condition}"


# -- pages ---------------------------------------------------------------------
def count_events(store: Store, where: str = "", params: Sequence[Any] = ()) -> int:
    """How many events ``where`` selects."""
    return int(store.query(f"SELECT count(*) AS n FROM events {where}", params)[0]["n"])


def page_ids(store: Store, f: EventFilter, where: str, params: Sequence[Any]) -> list[str]:
    """Ids of the events on page ``f.page`` of ``where``, in ``f``'s order."""
    limit, limit_params = f.limit()
    rows = store.query(
        f"SELECT event_id FROM events {where} {f.order_by()} {limit}", [*params, *limit_params]
    )
    return [r["event_id"] for r in rows]


def event_exists(store: Store, event_id: str) -> bool:
    return bool(store.query("SELECT 1 FROM events WHERE event_id = ?", [event_id]))


def event_reports(
    store: Store, event_id: str, order: Literal["outlet", "published"]
) -> list[dict[str, Any]]:
    """Every mention of the event with its document's outlet, title, source, url,
    publication day and the document it copies (``duplicate_of``)."""
    return store.query(
        "SELECT m.*, d.outlet, d.title, d.source, d.url, d.published, d.duplicate_of "
        "FROM event_mentions m JOIN documents d USING (doc_id) WHERE m.event_id = ? "
        f"ORDER BY {REPORT_ORDER[order]}",
        [event_id],
    )


# -- exports -------------------------------------------------------------------
def event_rows(store: Store, where: str = "", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Whole ``events`` rows ``where`` selects, by date (undated last), then id."""
    return store.query(f"SELECT * FROM events {where} ORDER BY date NULLS LAST, event_id", params)


def mention_rows(store: Store, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Whole ``event_mentions`` rows of these events."""
    return store.query(
        "SELECT * FROM event_mentions WHERE event_id IN (SELECT unnest(?))", [list(event_ids)]
    )


def cited_documents(store: Store, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """``DOC_COLUMNS`` of these documents."""
    return store.query(
        f"SELECT {DOC_COLUMNS} FROM documents WHERE doc_id IN (SELECT unnest(?))",
        [list(doc_ids)],
    )


def mention_sources(store: Store) -> list[dict[str, Any]]:
    """Every event mention (id, event, type, sentence, raw offsets) with its document's
    source and record id (``meta.id``), by mention id."""
    return store.query(
        "SELECT m.mention_id, m.event_id, m.event, m.sentence, m.raw_start, m.raw_end, "
        "d.source, json_extract_string(d.meta, '$.id') AS record "
        "FROM event_mentions m JOIN documents d USING (doc_id) ORDER BY m.mention_id"
    )


# -- charts --------------------------------------------------------------------
def network_edges(
    store: Store, where: str = "", params: Sequence[Any] = ()
) -> list[dict[str, Any]]:
    """One row per actor, recipient and quad class of the events ``where`` selects that
    have both sides: both sides' name, code and sector, events, mentions and types;
    the busiest first."""
    return store.query(
        "SELECT actor_id AS source, recipient_id AS target, "
        "any_value(actor->>'name') AS source_name, any_value(actor->>'code') AS source_code, "
        "any_value(actor->>'sector') AS source_sector, "
        "any_value(recipient->>'name') AS target_name, "
        "any_value(recipient->>'code') AS target_code, "
        "any_value(recipient->>'sector') AS target_sector, quad_code, "
        "count(*) AS events, sum(num_mentions) AS mentions, "
        "list_sort(list_distinct(list(event))) AS types "
        f"FROM events {_and(where, 'actor_id IS NOT NULL AND recipient_id IS NOT NULL')} "
        "GROUP BY actor_id, recipient_id, quad_code ORDER BY events DESC, source, target",
        list(params),
    )


def date_span(store: Store, where: str, params: Sequence[Any]) -> dict[str, Any]:
    """``lo`` and ``hi``: the first and last event date ``where`` selects (None if none)."""
    return store.query(f"SELECT min(date) AS lo, max(date) AS hi FROM events {where}", params)[0]


def events_per_period(
    store: Store, where: str, params: Sequence[Any], daily: bool
) -> list[dict[str, Any]]:
    """Dated events per ``period`` (day or month, as text) and type, in that order."""
    period = "strftime(date, '%Y-%m-%d')" if daily else "strftime(date, '%Y-%m')"
    return store.query(
        f"SELECT {period} AS period, event, count(*) AS events FROM events "
        f"{_and(where, 'date IS NOT NULL')} GROUP BY ALL ORDER BY period, event",
        params,
    )


def count_undated(store: Store, where: str, params: Sequence[Any]) -> int:
    """How many events ``where`` selects have no date."""
    undated = _and(where, "date IS NULL")
    return int(store.query(f"SELECT count(*) AS n FROM events {undated}", params)[0]["n"])


def places(store: Store, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    """Located events gathered by place: place, country code, lat, lon, events, types;
    the busiest places first."""
    located = "TRY_CAST(event_loc->>'lat' AS DOUBLE) IS NOT NULL"
    return store.query(
        "SELECT coalesce(event_loc->>'resolved_place', event_loc->>'extracted_place') AS place, "
        "event_loc->>'country_code' AS country_code, "
        "CAST(event_loc->>'lat' AS DOUBLE) AS lat, CAST(event_loc->>'lon' AS DOUBLE) AS lon, "
        "count(*) AS events, list_sort(list_distinct(list(event))) AS types "
        f"FROM events {_and(where, located)} GROUP BY ALL ORDER BY events DESC, place",
        params,
    )
