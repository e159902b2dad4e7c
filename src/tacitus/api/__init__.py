"""The web server: the JSON API under ``/api`` and the pages, in one FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException

from tacitus.api import compare, pages, routes, upload
from tacitus.api.db import Database, DatabaseUnavailable
from tacitus.config import Settings
from tacitus.outlets import load_outlets
from tacitus.store.actor_lookup import ActorNotFound

# What a 503 asks the client to wait: about the time an ingest takes to write a batch.
RETRY_AFTER_SECONDS = 2


def _problem(request: Request, status: int, message: str, errors: list | None = None) -> Response:
    if request.url.path.startswith("/api"):
        body: dict = {"detail": message} | ({"errors": errors} if errors else {})
        return JSONResponse(body, status_code=status)
    page = pages.render(request, "error.html", status=status, message=message, errors=errors or [])
    page.status_code = status
    return page


def _field_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    errors = []
    for error in exc.errors():
        where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
        message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        errors.append({"field": ".".join(where) or "request", "message": message})
    return errors


def create_app(
    db_path: Path,
    write_token: str | None = None,
    outlets: Sequence[Path] = (),
    settings: Settings | None = None,
) -> FastAPI:
    """The app over the database at ``db_path``; uploads only with a ``write_token``.

    ``outlets``: extra outlet metadata files for the comparison views; ``settings``: how
    uploads are coded (the user's knowledge base, lexicons, model), as ``tacitus ingest``.
    """
    database = Database(db_path, writable=write_token is not None)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    # /docs loads Swagger UI from files installed with fastapi-offline, not from a CDN as
    # FastAPI's own page does, so it works offline. ReDoc is left out: it fetches its logo
    # from cdn.redoc.ly.
    app = FastAPIOffline(
        title="Tacitus",
        description="Evidence-linked PLOVER events: who did what to whom, as told by whom.",
        lifespan=lifespan,
        redoc_url=None,
    )
    app.state.database = database
    app.state.write_token = write_token
    app.state.settings = settings or Settings()
    app.state.outlets = load_outlets(tuple(outlets))
    app.mount("/static", StaticFiles(directory=pages.WEB / "static"), name="static")
    app.include_router(routes.router)
    app.include_router(upload.router)
    app.include_router(compare.api)
    app.include_router(pages.router)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = _field_errors(exc)
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return _problem(request, 422, f"invalid request: {summary}", errors)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        response = _problem(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(ActorNotFound)
    async def no_actor(request: Request, exc: ActorNotFound) -> Response:
        return _problem(request, 404, str(exc))

    @app.exception_handler(DatabaseUnavailable)
    async def unavailable(request: Request, exc: DatabaseUnavailable) -> Response:
        response = _problem(request, 503, str(exc))
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    return app
