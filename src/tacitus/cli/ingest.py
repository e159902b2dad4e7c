"""``tacitus ingest``: documents into the database, with a closing report."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from tacitus.cli.options import db_option, with_settings
from tacitus.cli.report import finish, show_progress
from tacitus.config import Settings
from tacitus.engines.local import default_workers
from tacitus.ingest import count_inputs
from tacitus.interrupts import Interrupted, stop_signals_raise
from tacitus.pipeline import IngestReport, ingest
from tacitus.store import Store


def run_ingest(
    paths: tuple[str, ...], db: Path, settings: Settings, workers: int = 1
) -> IngestReport:
    report = IngestReport()
    try:
        # The store lets go of the file between batches, so a server can read it meanwhile.
        with stop_signals_raise(), Store(db, hold=False) as store:
            ingest(list(paths), store, settings, show_progress, workers, report)
            finish(report, store)
    except Interrupted as stop:
        left = count_inputs(paths) - report.read
        to_go = f"{left} to go" if left >= 0 else "the rest to go"
        click.echo(
            f"\ninterrupted: {report.stored} documents stored, {to_go}; "
            "run the same command to resume",
            err=True,
        )
        sys.exit(stop.exit_code)
    return report


def run_on_ray(
    paths: tuple[str, ...],
    db: Path | None,
    parquet: Path | None,
    settings: Settings,
    workers: int,
    address: str | None,
) -> None:
    from tacitus.engines.on_ray import run_on_ray as code_on_ray

    with tempfile.TemporaryDirectory(prefix="tacitus-parquet-") as scratch:
        out = parquet or Path(scratch)
        ray_report = code_on_ray(paths, settings, out, workers, address)
        click.echo(
            f"coded on Ray: {ray_report.read} read, {ray_report.documents} documents, "
            f"{ray_report.rejected} rejected, {ray_report.chunks} partitions under {out}"
        )
        if db is not None:
            from tacitus.cli.load import run_load

            run_load(out, db, settings)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=default_workers,
    show_default="number of cores",
    help="Worker processes, each with its own spaCy pipeline.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where the stages run: local processes, or Ray Data (writes Parquet).",
)
@click.option("--ray-address", default=None, help="Ray cluster to join (default: start one).")
@click.option(
    "--parquet",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="With --engine ray: keep the Parquet partitions here; the database is then loaded "
    "only if --db is given.",
)
@with_settings
@click.pass_context
def ingest_command(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: Path,
    workers: int,
    engine: str,
    ray_address: str | None,
    parquet: Path | None,
    settings: Settings,
) -> None:
    """Ingest files, folders or standard input (-) into the database."""
    if engine == "local":
        run_ingest(paths, db, settings, workers)
        return
    db_given = ctx.get_parameter_source("db") is not click.core.ParameterSource.DEFAULT
    run_on_ray(
        paths, db if db_given or parquet is None else None, parquet, settings, workers, ray_address
    )
