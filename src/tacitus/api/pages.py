"""Server-rendered HTML pages; each calls the same data function as its API twin."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tacitus.api import data
from tacitus.api.compare import actor_view, event_view, outlet_view
from tacitus.api.routes import NetworkFilterDep, StoreDep, found
from tacitus.store.filters import MAX_PAGE_SIZE, EventFilter
from tacitus.vocabulary import EVENT_TYPES, MODALITIES

WEB = Path(__file__).resolve().parent.parent / "web"
templates = Jinja2Templates(directory=WEB / "templates")
# Names offered by the actor box's completion list; more would bloat every page.
ACTOR_CHOICES = 300

# Pages are for browsers: the OpenAPI document describes the JSON API only.
router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def query_string(f: EventFilter, **changes: Any) -> str:
    """The filter as a URL query, with ``changes`` (None drops a field)."""
    args = {k: v for k, v in f.query_args(**changes).items() if v is not None}
    return urlencode(args)


def _json_default(value: Any) -> str:
    # Dates appear in page data as in the API's JSON: ISO strings.
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot embed {type(value).__name__} in page data")


templates.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": _json_default}
templates.env.globals |= {
    "qs": query_string,
    "quote": lambda value: quote(str(value), safe=""),
    "EVENT_TYPES": EVENT_TYPES,
    "MODALITIES": MODALITIES,
    "MAX_PAGE_SIZE": MAX_PAGE_SIZE,
    "QUADS": {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"},
}  # fmt: skip


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


@router.get("/")
def index(request: Request, store: StoreDep, f: NetworkFilterDep) -> HTMLResponse:
    """Filters, network, timeline, map and the matching events."""
    return render(
        request,
        "index.html",
        f=f,
        summary=data.overview(store),
        page=data.event_page(store, f),
        network=data.network_view(store, f),
        timeline=data.timeline(store, f),
        places=data.map_points(store, f),
        actors=data.actor_list(store)[:ACTOR_CHOICES],
        outlets=data.outlet_list(store),
    )


@router.get("/events/{event_id}")
def event_page(request: Request, store: StoreDep, event_id: str) -> HTMLResponse:
    event = found(data.event_detail(store, event_id), "event")
    return render(request, "event.html", event=event, compare=event_view(request, store, event_id))


@router.get("/actors")
def actors_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "actors.html", actors=data.actor_list(store))


@router.get("/actors/{actor_id:path}")
def actor_page(request: Request, store: StoreDep, actor_id: str) -> HTMLResponse:
    actor = found(data.actor_detail(store, actor_id), "actor")
    f = EventFilter(party=actor["id"], sort="-date")
    return render(request, "actor.html", actor=actor, page=data.event_page(store, f), f=f)


@router.get("/outlets")
def outlets_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "outlets.html", outlets=data.outlet_list(store))


@router.get("/outlets/{outlet:path}")
def outlet_page(request: Request, store: StoreDep, outlet: str) -> HTMLResponse:
    detail = found(data.outlet_detail(store, outlet), "outlet")
    return render(
        request, "outlet.html", outlet=detail, framing=outlet_view(request, store, outlet)
    )


@router.get("/stories")
def stories_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "stories.html", stories=data.story_list(store))


@router.get("/sources")
def sources_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "sources.html", sources=data.source_list(store))


@router.get("/compare/actor/{name:path}")
def actor_comparison_page(request: Request, store: StoreDep, name: str) -> HTMLResponse:
    """Each outlet's naming profile and tone for one actor."""
    return render(request, "compare_actor.html", view=actor_view(request, store, name))
