"""The progress line and the closing report of ``ingest`` and ``load``."""

from __future__ import annotations

import sys

import click

from tacitus.pipeline import IngestReport
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
        f"rejected:           {report.rejected_total}",
        f"event mentions:     {report.events}",
        f"dated from story:   {report.dated_from_story}",
    ]
    lines += [f"  {count} x {reason}" for reason, count in sorted(report.reasons.items())]
    lines += [f"  rejected {r.source}: {r.reason}" for r in report.rejected[:20]]
    if report.rejected_total > len(report.rejected[:20]):
        lines.append("  (all rejections are in the database's rejected table)")
    return "\n".join(lines)


def finish(report: IngestReport, store: Store) -> None:
    if sys.stderr.isatty():
        click.echo("", err=True)
    click.echo(render_report(report))
    click.echo(f"events in database: {store.count('events')}")
