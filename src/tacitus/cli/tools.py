"""``tacitus code``, ``clean``, ``demo`` and ``evaluate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from tacitus.clean import clean_document, describe
from tacitus.cli.ingest import run_ingest
from tacitus.cli.options import with_settings
from tacitus.config import Settings
from tacitus.export import merge_in_memory
from tacitus.ingest import read_inputs
from tacitus.pipeline import Resources, code_documents
from tacitus.records import CodedDocument, Rejection
from tacitus.store import Store
from tacitus.store.rows import mention_row
from tacitus.store.summary import summary

DEMO_DB = "tacitus-demo.duckdb"


def coded_record(coded: CodedDocument) -> dict[str, Any]:
    doc = coded.document
    docs = {doc.doc_id: {"source": doc.source, "outlet": doc.outlet, "published": doc.published}}
    events = merge_in_memory([mention_row(e) for e in coded.events], docs)
    return {"id": doc.meta.get("id", doc.doc_id), "events": events}


@click.command("code")
@click.argument("source", default="-")
@with_settings
def code_command(source: str, settings: Settings) -> None:
    """Code documents (JSON Lines or text, default standard input) without a database."""
    res = Resources.load(settings)
    for raw in read_inputs([source], settings.ingest):
        result = raw if isinstance(raw, Rejection) else clean_document(raw, settings.clean)
        if isinstance(result, Rejection):
            click.echo(json.dumps({"id": result.source, "rejected": result.reason}))
            continue
        coded = code_documents([result], res)[0]
        click.echo(json.dumps(coded_record(coded), ensure_ascii=False))


@click.command("clean")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_settings
def clean_command(path: str, settings: Settings) -> None:
    """Show the cleaned text of a file and what was removed, and why."""
    for raw in read_inputs([path], settings.ingest):
        result = raw if isinstance(raw, Rejection) else clean_document(raw, settings.clean)
        if isinstance(result, Rejection):
            raise click.ClickException(f"{result.source}: {result.reason}")
        click.echo(describe(result))


def default_corpus() -> Path:
    here = Path("examples/corpus")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "examples" / "corpus"


def render_summary(facts: dict[str, Any]) -> str:
    lines = [
        f"documents: {facts['documents']} ({facts['copies']} copies) from "
        f"{facts['outlets']} outlets; rejected inputs: {facts['rejected']}",
        f"events: {facts['events']} from {facts['event_mentions']} mentions",
        "",
        "events by type (asserted):",
        *(f"  {r['event']:<10} {r['events']:>4} events {r['mentions']:>4} mentions"
          for r in facts["by_type"]),
        "",
        "most active actors:",
        *(f"  {r['actor']:<34} {r['code'] or '-':<4} {r['events']:>4}" for r in facts["actors"]),
        "",
        "most active dyads:",
        *(f"  {r['actor']} -> {r['recipient']}: {r['events']} ({r['types']})"
          for r in facts["dyads"]),
    ]  # fmt: skip
    return "\n".join(lines)


@click.command("demo")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEMO_DB,
    show_default=True,
    help="Database to create afresh.",
)
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of articles (default: examples/corpus).",
)
@with_settings
def demo_command(db: Path, corpus: Path | None, settings: Settings) -> None:
    """Ingest the sample corpus into a fresh database and summarize it."""
    corpus = corpus or default_corpus()
    if not corpus.is_dir():
        raise click.ClickException(f"no sample corpus at {corpus}")
    db.unlink(missing_ok=True)
    run_ingest((str(corpus),), db, settings)
    with Store(db, read_only=True) as store:
        click.echo("")
        click.echo(render_summary(summary(store)))
    click.echo(f"\nBrowse it: tacitus serve --db {db}   (then open http://127.0.0.1:8000/)")


@click.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@with_settings
def evaluate_command(gold: Path, as_json: bool, settings: Settings) -> None:
    """Score the coder against gold sentences (PLOVER gold layout)."""
    from tacitus.evaluate import evaluate, make_text_coder, render

    report = evaluate(gold, make_text_coder(settings))
    click.echo(json.dumps(report.as_dict(), indent=2) if as_json else render(report))
