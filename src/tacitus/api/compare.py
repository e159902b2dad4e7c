"""``/api/compare/...``: how each outlet names an actor or told an event.

The JSON routes and the pages (``/compare/actor/...``, the event and outlet pages) call the
same view functions here, with the server's outlet directory.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from tacitus.api.problems import READ_PROBLEMS, problems
from tacitus.api.routes import StoreDep, found
from tacitus.framing import compare_actor, compare_event, outlet_framing
from tacitus.outlets import OutletDirectory
from tacitus.store import Store

api = APIRouter(prefix="/api/compare", responses=READ_PROBLEMS | problems(404))


def directory(request: Request) -> OutletDirectory:
    return request.app.state.outlets


def actor_view(request: Request, store: Store, name: str) -> dict[str, Any]:
    return compare_actor(store, name, directory(request))


def event_view(request: Request, store: Store, event_id: str) -> dict[str, Any]:
    return found(compare_event(store, event_id, directory(request)), "event")


def outlet_view(request: Request, store: Store, outlet: str) -> dict[str, Any] | None:
    return outlet_framing(store, outlet, directory(request))


@api.get("/actor/{name:path}")
def get_actor_comparison(request: Request, store: StoreDep, name: str) -> dict[str, Any]:
    """Each outlet's naming profile, distinctive terms (log-odds z) and tone for an actor."""
    return actor_view(request, store, name)


@api.get("/event/{event_id}")
def get_event_comparison(request: Request, store: StoreDep, event_id: str) -> dict[str, Any]:
    """An event outlet by outlet: sentences, attribution, figures, tone; and who was silent."""
    return event_view(request, store, event_id)


@api.get("/outlet/{outlet:path}")
def get_outlet_framing(request: Request, store: StoreDep, outlet: str) -> dict[str, Any]:
    """An outlet's metadata and how it names the actors it mentions most."""
    return found(outlet_view(request, store, outlet), "outlet")
