"""``tacitus load``: Parquet partitions written by ``ingest --engine ray`` into the database."""

from __future__ import annotations

from pathlib import Path

import click

from tacitus.cli.options import db_option, with_settings
from tacitus.cli.report import finish, show_progress
from tacitus.config import Settings
from tacitus.pipeline import IngestReport, Pipeline
from tacitus.store import Store


def run_load(folder: Path, db: Path, settings: Settings) -> IngestReport:
    with Store(db) as store, Pipeline(store, settings) as pipeline:
        report = pipeline.load(folder, progress=show_progress)
        finish(report, store)
    return report


@click.command("load")
@click.argument("parquet_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@with_settings
def load_command(parquet_dir: Path, db: Path, settings: Settings) -> None:
    """Merge the Parquet partitions of an `ingest --engine ray` into the database."""
    run_load(parquet_dir, db, settings)
