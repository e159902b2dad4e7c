"""``tacitus watch``: keep a database current from feeds; ``tacitus feed-server``: a local
feed of a folder of articles to try it on."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from tacitus.cli.options import db_option, with_settings
from tacitus.config import Settings
from tacitus.interrupts import Interrupted, stop_signals_raise
from tacitus.pipeline import Pipeline
from tacitus.store import Store
from tacitus.watch.alerts import AlertSink
from tacitus.watch.config import WatchConfigError, load_watch_config, seconds
from tacitus.watch.cycle import CycleReport, Watcher, utc_now
from tacitus.watch.fetch import Fetcher
from tacitus.watch.run import run_cycle

# Problems printed after a cycle; the rest are counted (all are in the database).
PROBLEMS_SHOWN = 20


@click.command("watch")
@click.argument("sources", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option("--every", help="Read each source this often (e.g. 15m, 1h); the file's or 15m.")
@click.option("--once", is_flag=True, help="Read every source once, then stop.")
@click.option("--alerts", "alerts_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("alerts.jsonl"), show_default=True,
              help="JSON Lines file the alert rules append to.")  # fmt: skip
@click.option("--webhook", help="Also POST each alert (JSON) to this URL.")
@with_settings
def watch_command(
    sources: Path,
    db: Path,
    every: str | None,
    once: bool,
    alerts_path: Path,
    webhook: str | None,
    settings: Settings,
) -> None:
    """Read the feeds and sitemaps of SOURCES (YAML) and ingest new and revised articles."""
    try:
        config = load_watch_config(sources)
        if every:
            config.every = seconds(every)
    except (WatchConfigError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    sink = AlertSink(alerts_path, webhook)
    stored: list[CycleReport] = []
    try:
        with stop_signals_raise(), Store(db, hold=False) as store, Pipeline(store, settings) as p:
            fetcher = Fetcher(config.politeness)
            try:
                _loop(Watcher(config, store, p, fetcher), sink, once, stored)
            finally:
                fetcher.close()
    except Interrupted as stop:
        pages = sum(r.stored + r.revised for r in stored)
        click.echo(
            f"\ninterrupted: {pages} pages stored or revised; what was stored is kept, "
            "run the same command to resume",
            err=True,
        )
        sys.exit(stop.exit_code)


def _loop(watcher: Watcher, sink: AlertSink, once: bool, reports: list[CycleReport]) -> None:
    """Cycles until stopped (or one with ``once``); ``reports`` gathers each cycle's report
    as it runs, so an interrupt can say what was saved."""
    while True:
        report = CycleReport()
        reports.append(report)
        run_cycle(watcher, sink, due_only=not once, report=report)
        _show(report, sink)
        if once:
            return
        time.sleep(max(watcher.seconds_to_next(), 1.0))


def _show(report: CycleReport, sink: AlertSink) -> None:
    stamp = utc_now().strftime("%Y-%m-%d %H:%M:%S")
    click.echo(f"{stamp} UTC  {report.line()}")
    problems = report.problems + sink.problems
    for problem in problems[:PROBLEMS_SHOWN]:
        click.echo(f"  ! {problem}", err=True)
    if len(problems) > PROBLEMS_SHOWN:
        click.echo(f"  ... and {len(problems) - PROBLEMS_SHOWN} more", err=True)
    sink.problems.clear()


@click.command("feed-server")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8765, show_default=True)
def feed_server_command(folder: Path, host: str, port: int) -> None:
    """Serve FOLDER's articles as a local news site: Atom feeds, a sitemap and pages."""
    from tacitus.watch.feed_server import make_server, read_folder, slugify

    server = make_server(folder, host, port)
    base = f"http://{host}:{server.server_port}"
    outlets = sorted({a.outlet for a in read_folder(folder)})
    click.echo(f"serving {folder} at {base}: {base}/feed.xml, {base}/sitemap.xml")
    for outlet in outlets:
        click.echo(f"  {outlet}: {base}/feeds/{slugify(outlet)}.xml")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()
