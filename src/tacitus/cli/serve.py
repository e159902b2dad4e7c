"""``tacitus serve``: the API and the web pages over a database, in one process."""

from __future__ import annotations

from pathlib import Path

import click

from tacitus.cli.options import db_option, with_settings
from tacitus.config import Settings


@click.command("serve")
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (loopback by default: only this machine).",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--write-token",
    envvar="TACITUS_WRITE_TOKEN",
    default=None,
    help="Enable POST /api/documents for clients sending this bearer token.",
)
@click.option(
    "--outlets",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Extra outlet metadata YAML file (repeatable).",
)
@with_settings
def serve_command(
    db: Path,
    host: str,
    port: int,
    write_token: str | None,
    outlets: tuple[Path, ...],
    settings: Settings,
) -> None:
    """Serve the event browser and the JSON API (read-only unless --write-token)."""
    import uvicorn

    from tacitus.api import create_app
    from tacitus.api.db import DatabaseUnavailable

    try:
        app = create_app(db, write_token=write_token or None, outlets=outlets, settings=settings)
    except DatabaseUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    mode = "uploads enabled" if write_token else "read-only"
    click.echo(f"Tacitus: serving {db} ({mode}) at http://{host}:{port}/  (API: /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
