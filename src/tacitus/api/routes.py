"""The JSON API under ``/api``: read-only views of the event database."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from tacitus.api import data
from tacitus.api.problems import READ_PROBLEMS, problems
from tacitus.export.formats import EXPORT_FORMATS
from tacitus.store import Store
from tacitus.store.filters import EventFilter, NetworkFilter

router = APIRouter(prefix="/api", responses=READ_PROBLEMS)
NOT_FOUND = problems(404)


def get_store(request: Request) -> Iterator[Store]:
    with request.app.state.database.reader() as store:
        yield store


StoreDep = Annotated[Store, Depends(get_store)]
FilterDep = Annotated[EventFilter, Query()]
NetworkFilterDep = Annotated[NetworkFilter, Query()]


def found(value: Any, what: str) -> Any:
    if value is None:
        raise HTTPException(status_code=404, detail=f"no such {what}")
    return value


@router.get("/summary")
def get_summary(store: StoreDep) -> dict[str, Any]:
    """Counts of documents, events, types, most active actors and dyads."""
    return data.overview(store)


@router.get("/events")
def list_events(store: StoreDep, f: FilterDep) -> dict[str, Any]:
    """One page of events matching the filter, in the export layout."""
    return data.event_page(store, f)


@router.get("/events/{event_id}", responses=NOT_FOUND)
def get_event(store: StoreDep, event_id: str) -> dict[str, Any]:
    """One event with the evidence sentence of every report, grouped by outlet."""
    return found(data.event_detail(store, event_id), "event")


@router.get("/actors")
def list_actors(store: StoreDep) -> list[dict[str, Any]]:
    """Every actor seen, with spellings, mention and event counts, and outlets."""
    return data.actor_list(store)


@router.get("/actors/{actor_id:path}", responses=NOT_FOUND)
def get_actor(store: StoreDep, actor_id: str) -> dict[str, Any]:
    """One actor: names seen, offices, outlets and activity over time."""
    return found(data.actor_detail(store, actor_id), "actor")


@router.get("/outlets")
def list_outlets(store: StoreDep) -> list[dict[str, Any]]:
    return data.outlet_list(store)


@router.get("/outlets/{outlet:path}", responses=NOT_FOUND)
def get_outlet(store: StoreDep, outlet: str) -> dict[str, Any]:
    return found(data.outlet_detail(store, outlet), "outlet")


@router.get("/stories")
def list_stories(store: StoreDep) -> list[dict[str, Any]]:
    """Groups of documents linked by the events they share."""
    return data.story_list(store)


@router.get("/sources")
def list_sources(store: StoreDep) -> list[dict[str, Any]]:
    """The feeds and sitemaps ``tacitus watch`` reads: when each was last read, its
    error if any, its pages by outcome, and its latest failing pages with their reasons."""
    return data.source_list(store)


@router.get("/claims")
def list_claims(store: StoreDep) -> dict[str, Any]:
    return data.claim_list(store)


@router.get("/network")
def get_network(store: StoreDep, f: NetworkFilterDep) -> dict[str, Any]:
    """Actors and weighted edges (by quad class) of the events matching the filter.

    The network of the dashboard page (`/`), which takes the same parameters.
    `min_events` hides weak ties: an edge (one per direction and quad class) is kept
    only with at least that many events, then actors left without an edge are dropped.
    Each node carries `degree`, its events over the edges kept, and `x`, `y` for drawing.
    """
    return data.network_view(store, f)


@router.get("/timeline")
def get_timeline(store: StoreDep, f: FilterDep) -> dict[str, Any]:
    return data.timeline(store, f)


@router.get("/map")
def get_map(store: StoreDep, f: FilterDep) -> list[dict[str, Any]]:
    return data.map_points(store, f)


@router.get(
    "/export.{fmt}",
    response_class=Response,
    responses={200: {"content": {f.media_type.split(";")[0]: {} for f in EXPORT_FORMATS.values()}}}
    | NOT_FOUND,
    description="Every event matching the filter (pages ignored), or their actor network. "
    "Formats: " + "; ".join(f"`{f.name}`: {f.description}" for f in EXPORT_FORMATS.values()),
)
def export(store: StoreDep, f: FilterDep, fmt: str) -> Response:
    exporter = EXPORT_FORMATS.get(fmt)
    if exporter is None:
        raise HTTPException(
            status_code=404, detail=f"no such format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}"
        )
    body = io.BytesIO()
    exporter.write(store, *f.to_sql(store), body)
    return Response(
        body.getvalue(),
        media_type=exporter.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="tacitus-events.{exporter.extension}"'
        },
    )
