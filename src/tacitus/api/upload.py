"""``POST /api/documents``: ingest uploaded documents, only with the write token."""

from __future__ import annotations

import hmac
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool

from tacitus.api.problems import problems
from tacitus.config import Settings
from tacitus.store import Store

router = APIRouter(prefix="/api")

# Largest upload accepted, in bytes: a batch of articles, not a corpus.
MAX_UPLOAD_BYTES = 5_000_000
SUFFIXES = {
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "application/json": ".jsonl",
    "text/plain": ".txt",
    "text/html": ".html",
}


def check_token(request: Request, authorization: str | None) -> None:
    expected: str | None = request.app.state.write_token
    if expected is None:
        raise HTTPException(403, "uploads are disabled: start the server with --write-token")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), expected.encode("utf-8")
    ):
        raise HTTPException(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})


async def read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, f"upload larger than {MAX_UPLOAD_BYTES} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"upload larger than {MAX_UPLOAD_BYTES} bytes")
    if not body.strip():
        raise HTTPException(400, "empty upload")
    return bytes(body)


def ingest_file(path: Path, store: Store, settings: Settings, outlet: str | None) -> dict[str, Any]:
    """Ingest with the server's settings (its knowledge base, lexicons, model), the
    upload's outlet standing for documents that name none."""
    from tacitus.pipeline import ingest  # loads spaCy: only when someone uploads

    if outlet:
        settings = settings.model_copy(
            update={"ingest": settings.ingest.model_copy(update={"outlet": outlet})}
        )
    report = ingest([path], store, settings)
    return {
        "read": report.read,
        "stored": report.stored,
        "already_stored": report.skipped,
        "copies": report.copies,
        "event_mentions": report.events,
        "rejected": [{"source": r.source, "reason": r.reason} for r in report.rejected],
    }


def _ingest_upload(request: Request, body: bytes, suffix: str, outlet: str | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="tacitus-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(body)
        with request.app.state.database.writer() as store:
            return ingest_file(path, store, request.app.state.settings, outlet)


@router.post("/documents", status_code=201, responses=problems(400, 401, 403, 413, 415, 422, 503))
async def upload_documents(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Ingest the body: JSON Lines (one document per line), plain text or HTML.

    Needs ``Authorization: Bearer TOKEN`` with the server's ``--write-token``.
    """
    check_token(request, authorization)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    suffix = SUFFIXES.get(content_type)
    if suffix is None:
        raise HTTPException(415, f"send one of: {', '.join(SUFFIXES)}")
    body = await read_body(request)
    return await run_in_threadpool(_ingest_upload, request, body, suffix, outlet)
