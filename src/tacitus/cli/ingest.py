"""``tacitus ingest``: documents into the database, with a closing report."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from tacitus.cli.options import db_option, with_settings
from tacitus.config import Settings
from tacitus.pipeline import IngestReport, ingest
from tacitus.store import Store


def show_progress(report: IngestReport) -> None:
    if sys.stderr.isatty():
        click.echo(
            f"\r  {report.read} read, {report.stored} stored, {report.events} events",
            err=True,
            nl=False,
        )


def render_report(report: IngestReport) -> str:
    lines = [
        f"documents read:     {report.read}",
        f"stored:             {report.stored}",
        f"already stored:     {report.skipped}",
        f"copies linked:      {report.copies}",
        f"rejected:           {len(report.rejected)}",
        f"event mentions:     {report.events}",
        f"dated from story:   {report.dated_from_story}",
    ]
    reasons = Counter(r.reason.split(":")[0] for r in report.rejected)
    lines += [f"  {count} x {reason}" for reason, count in sorted(reasons.items())]
    lines += [f"  rejected {r.source}: {r.reason}" for r in report.rejected[:20]]
    return "\n".join(lines)


def run_ingest(paths: tuple[str, ...], db: Path, settings: Settings) -> IngestReport:
    with Store(db) as store:
        report = ingest(list(paths), store, settings, progress=show_progress)
        if sys.stderr.isatty():
            click.echo("", err=True)
        click.echo(render_report(report))
        click.echo(f"events in database: {store.count('events')}")
    return report


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@with_settings
def ingest_command(paths: tuple[str, ...], db: Path, settings: Settings) -> None:
    """Ingest files, folders or standard input (-) into the database."""
    run_ingest(paths, db, settings)
