"""API security: schemathesis finds no 500 and no answer outside the schema; tokens, CORS, paths.

Requests are generated from ``/openapi.json`` (valid parameters, then invalid
ones) and sent to the ASGI app in process, over the hand-built database.
Operations are driven one by one through their Hypothesis strategies, and every
failing operation is reported at once.  The tests after it cover what a schema
cannot: how the upload token is compared and whether it leaks, cross-origin
grants, and paths smuggled into URLs.
"""

from __future__ import annotations

import hmac
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import BaseSchema, Case, GenerationMode
from schemathesis.checks import negative_data_rejection, positive_data_acceptance
from schemathesis.core.result import Ok
from schemathesis.openapi import from_asgi

from api_fixtures import build_database
from tacitus.api import create_app, upload
from tacitus.cli.serve import serve_command

EXAMPLES_PER_OPERATION = 15
# These two compare what the filter accepts with the schema, and the filter means to
# differ: a blank field is "no filter" (HTML forms send them), case and spaces are
# forgiven, and date_from after date_to is refused, which OpenAPI cannot express.
# Every check of what the server answers stays on: no 5xx, declared statuses,
# content types, headers and bodies.
LENIENCY_CHECKS = [negative_data_rejection, positive_data_acceptance]
# Uploads run the whole NLP pipeline; their handling is tested in test_api.
SKIPPED = {("POST", "/api/documents")}
CHECKED = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> BaseSchema:
    db: Path = build_database(tmp_path_factory.mktemp("schemathesis") / "events.duckdb")
    return from_asgi("/openapi.json", create_app(db))


def failures(schema: BaseSchema, mode: GenerationMode) -> dict[str, str]:
    found: dict[str, str] = {}
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the schema does not load: {result.err()}"
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue

        @CHECKED
        @given(operation.as_strategy(generation_mode=mode))
        def answers_as_declared(case: Case) -> None:
            case.call_and_validate(excluded_checks=LENIENCY_CHECKS)

        try:
            answers_as_declared()
        except Unsatisfiable:
            continue  # no invalid request exists for an operation without parameters
        # A failure group derives from BaseExceptionGroup; collect it with the rest.
        except (Exception, BaseExceptionGroup) as error:
            found[f"{operation.method.upper()} {operation.path}"] = summary(error)
    return found


def summary(error: BaseException) -> str:
    """The failure titles schemathesis found and the request that shows the first."""
    lines = str(error).splitlines()
    titles = [line.strip("- ") for line in lines if line.startswith("- ")]
    request = next((line.strip() for line in lines if line.strip().startswith("curl ")), "")
    return "; ".join(titles or lines[:1]) + (f" -- {request}" if request else "")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_within_its_schema(
    api_schema: BaseSchema, mode: GenerationMode
) -> None:
    found = failures(api_schema, mode)
    assert not found, "\n".join(f"{operation}: {problem}" for operation, problem in found.items())


# -- what schemathesis does not look for -------------------------------------------------
TOKEN = "tok-4f1c9e2a-never-shown"


@pytest.fixture()
def writable(tmp_path: Path) -> TestClient:
    return TestClient(create_app(build_database(tmp_path / "w.duckdb"), write_token=TOKEN))


def test_the_token_is_compared_in_constant_time(
    writable: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    constant_time = hmac.compare_digest

    def spy(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return constant_time(given, expected)

    monkeypatch.setattr(upload.hmac, "compare_digest", spy)
    response = writable.post(
        "/api/documents", content=b" ", headers={"Authorization": "Bearer guess"}
    )

    assert response.status_code == 401
    assert compared == [(b"guess", TOKEN.encode())]


def test_the_token_never_appears_in_answers_or_output(
    writable: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [
        writable.get("/openapi.json"),
        writable.get("/api/summary"),
        writable.post("/api/documents", content=b"x", headers={"Authorization": "Bearer no"}),
        writable.post(
            "/api/documents",
            content=b" ",
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"},
        ),
    ]
    assert [a.status_code for a in answers] == [200, 200, 401, 400]
    assert not any(TOKEN in a.text or TOKEN in str(a.headers) for a in answers)

    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: None)
    database = build_database(tmp_path / "served.duckdb")
    served = CliRunner().invoke(
        serve_command, ["--db", str(database)], env={"TACITUS_WRITE_TOKEN": TOKEN}
    )
    assert served.exit_code == 0 and "uploads enabled" in served.output
    assert TOKEN not in served.output


def test_cross_origin_requests_get_no_cors_grant(writable: TestClient) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    preflight = writable.options(
        "/api/documents", headers=origin | {"Access-Control-Request-Method": "POST"}
    )
    read = writable.get("/api/summary", headers=origin)

    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in read.headers


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2f..%2f..%2fpyproject.toml",
        "/api/actors/..%2f..%2fetc%2fpasswd",
        "/api/outlets/%2fetc%2fpasswd",
    ],
)
def test_no_request_reads_a_file_the_client_names(writable: TestClient, path: str) -> None:
    response = writable.get(path)

    assert response.status_code == 404
    assert "root:" not in response.text and "[project]" not in response.text
