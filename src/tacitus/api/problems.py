"""The error body every API route answers with, declared once for the OpenAPI document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class FieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """``detail`` says what went wrong in one line; ``errors`` lists bad fields (422 only)."""

    detail: str
    errors: list[FieldError] | None = None


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for these error statuses."""
    return {status: {"model": Problem, "description": DESCRIPTIONS[status]} for status in statuses}


DESCRIPTIONS = {
    400: "Empty upload",
    401: "Missing or wrong bearer token",
    403: "Uploads are disabled on this server",
    404: "No such item",
    413: "Upload too large",
    415: "Unsupported content type",
    422: "Invalid parameters",
    503: "Database busy or unavailable; retry after the Retry-After header's seconds",
}
# Every read route: its parameters may be invalid, and the database may be busy.
READ_PROBLEMS = problems(422, 503)
