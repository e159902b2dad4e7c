"""The ``tacitus`` command: a thin layer over the library."""

from __future__ import annotations

import sys

import click

from tacitus.cli.compare import compare_command
from tacitus.cli.ingest import ingest_command
from tacitus.cli.load import load_command
from tacitus.cli.query import actors_command, events_command, graph_command
from tacitus.cli.serve import serve_command
from tacitus.cli.stories import claims_command, stories_command
from tacitus.cli.tools import (
    clean_command,
    code_command,
    demo_command,
    evaluate_command,
    train_command,
)
from tacitus.cli.watch import feed_server_command, watch_command

# Errors a user can act on: shown as one line, never as a traceback.
USER_ERRORS: tuple[type[BaseException], ...] = (OSError, ValueError, RuntimeError)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tacitus")
def cli() -> None:
    """Tacitus: raw news in, evidence-linked PLOVER events out."""


for command in (
    ingest_command,
    load_command,
    events_command,
    actors_command,
    graph_command,
    stories_command,
    claims_command,
    code_command,
    clean_command,
    demo_command,
    evaluate_command,
    train_command,
    serve_command,
    compare_command,
    watch_command,
    feed_server_command,
):
    cli.add_command(command)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("tacitus: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except USER_ERRORS as exc:
        click.echo(f"tacitus: {exc}", err=True)
        sys.exit(1)
