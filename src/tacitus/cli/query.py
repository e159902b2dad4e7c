"""``tacitus events`` and ``tacitus actors``: read the database out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from tacitus.cli.options import db_option
from tacitus.export.formats import EXPORT_FORMATS, format_names
from tacitus.store import Store
from tacitus.store.filters import EventFilter
from tacitus.store.queries import actor_table
from tacitus.vocabulary import MODALITIES


def open_existing(db: Path) -> Store:
    if not db.exists():
        raise click.ClickException(f"no database at {db}; run `tacitus ingest` first")
    return Store(db, read_only=True)


def event_filter(store: Store, **fields: Any) -> tuple[str, list[Any]]:
    """The shared event filter's SQL for the options given; a bad value or a name that
    names no actor is a usage error naming what would do."""
    try:
        f = EventFilter(**{k: v for k, v in fields.items() if v not in (None, ())})
    except ValidationError as exc:
        raise click.UsageError(
            "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        ) from exc
    if problems := f.unmatched(store):
        raise click.ClickException("; ".join(problems.values()))
    return f.to_sql(store)


def export(store: Store, fmt: str, where: str, params: list[Any], out: Path | None) -> int:
    """Write with the registered format ``fmt`` to ``out`` or standard output."""
    exporter = EXPORT_FORMATS[fmt]
    if exporter.binary and out is None:
        raise click.UsageError(f"--format {fmt} needs --out FILE")
    if out is None:
        count = exporter.write(store, where, params, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return count
    with out.open("wb") as handle:
        return exporter.write(store, where, params, handle)


NEW_SINCE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


@click.command("events")
@db_option
@click.option("--format", "fmt", type=click.Choice(format_names("events")), default="jsonl",
              show_default=True)  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file.")
@click.option("--type", "types", multiple=True,
              help="Only these PLOVER types (repeatable, or comma-separated).")  # fmt: skip
@click.option("--modality", type=click.Choice(MODALITIES), help="Only this modality.")
@click.option("--actor", help="Done by this actor: id, name or any spelling.")
@click.option("--recipient", help="Done to this actor: id, name or any spelling.")
@click.option("--party", help="This actor on either side: id, name or any spelling.")
@click.option("--country", help="ISO code of either side's country or of the place.")
@click.option("--outlet", help="Reported by this outlet.")
@click.option("--since", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="First day.")
@click.option("--until", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Last day.")
@click.option("--new-since", type=click.DateTime(NEW_SINCE_FORMATS),
              help="Only events with a report stored or revised since this UTC time.")  # fmt: skip
def events_command(db: Path, fmt: str, out: Path | None, **fields: Any) -> None:
    """Export events in the PLOVER layout (JSON Lines, CSV or Parquet)."""
    fields["type"] = list(fields.pop("types"))
    for day in ("date_from", "date_to"):
        fields[day] = fields[day] and fields[day].date()
    with open_existing(db) as store:
        count = export(store, fmt, *event_filter(store, **fields), out)
    if out:
        click.echo(f"{count} events written to {out}", err=True)


@click.command("actors")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table")
def actors_command(db: Path, fmt: str) -> None:
    """Actors seen, with their spellings, mention and event counts, and outlets."""
    with open_existing(db) as store:
        rows = actor_table(store)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["actor_id"])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
    else:
        for row in rows:
            forms = ", ".join(row["surface_forms"][:6])
            click.echo(
                f"{row['label']:<32} {row['code'] or '-':<4} {row['sector'] or '-':<4} "
                f"events {row['events']:>3}  mentions {row['mentions']:>3}  [{forms}]"
            )


@click.command("graph")
@db_option
@click.option("--format", "fmt", type=click.Choice(format_names("graph")), default="gexf",
              show_default=True)  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file.")
def graph_command(db: Path, fmt: str, out: Path | None) -> None:
    """The actor network of asserted events (GEXF for Gephi, GraphML or JSON)."""
    with open_existing(db) as store:
        export(store, fmt, *EventFilter(modality="asserted").to_sql(store), out)
