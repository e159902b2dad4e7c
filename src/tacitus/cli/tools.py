"""``tacitus code``, ``clean``, ``demo`` and ``evaluate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from tacitus.clean import clean_item, describe
from tacitus.cli.ingest import run_ingest
from tacitus.cli.options import with_settings
from tacitus.config import Settings
from tacitus.export import merge_in_memory
from tacitus.ingest import read_inputs
from tacitus.pipeline import Pipeline
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
    with Pipeline(None, settings) as pipeline:
        for raw in read_inputs([source], settings.ingest):
            result = clean_item(raw, settings.clean)
            if isinstance(result, Rejection):
                click.echo(json.dumps({"id": result.source, "rejected": result.reason}))
                continue
            coded = pipeline.code(result)
            click.echo(json.dumps(coded_record(coded), ensure_ascii=False))


@click.command("clean")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_settings
def clean_command(path: str, settings: Settings) -> None:
    """Show the cleaned text of a file and what was removed, and why."""
    for raw in read_inputs([path], settings.ingest):
        result = clean_item(raw, settings.clean)
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
@click.option(
    "--articles",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Corpus (JSON Lines) of an annotated-corpus gold: cross-validates by outlet.",
)
@click.option("--folds", default=5, show_default=True, help="Cross-validation folds (outlets).")
@click.option("--bootstrap", "rounds", default=1000, show_default=True, help="Bootstrap rounds.")
@click.option(
    "--synthetic",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Synthetic stories CSV adding weak training examples, as make train does.",
)
@click.option("--lowercase", is_flag=True, help="Score on a lower-cased copy of the articles.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@with_settings
def evaluate_command(
    gold: Path,
    articles: Path | None,
    folds: int,
    rounds: int,
    synthetic: Path | None,
    lowercase: bool,
    as_json: bool,
    settings: Settings,
) -> None:
    """Score the coder: on gold sentences (PLOVER gold layout), or cross-validated by outlet on
    an annotated corpus (``--articles``)."""
    if articles is None:
        from tacitus.evaluate import evaluate, make_text_coder, render

        report = evaluate(gold, make_text_coder(settings))
        click.echo(json.dumps(report.as_dict(), indent=2) if as_json else render(report))
        return
    from tacitus.learn import cross_validate_corpus, prepare_corpus
    from tacitus.learn.crossval import render as render_cv

    if folds < 2:
        raise click.BadParameter("needs at least 2", param_hint="--folds")
    transform = str.lower if lowercase else None
    corpus = prepare_corpus(gold, articles, settings, synthetic, transform)
    result = cross_validate_corpus(corpus, settings, folds, rounds)
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else render_cv(result))


@click.command("train")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--articles",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The corpus (JSON Lines) the gold annotates.",
)
@click.option(
    "--synthetic",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Synthetic stories CSV (NGEC) for weak type examples.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the weights (the package's events/data/decisions.npz).",
)
@with_settings
def train_command(
    gold: Path, articles: Path, synthetic: Path | None, out: Path, settings: Settings
) -> None:
    """Fit the learned decisions on an annotated corpus and write their weights."""
    from tacitus.learn import prepare_corpus, train_decisions

    corpus = prepare_corpus(gold, articles, settings, synthetic)
    sources = {"gold": gold.name, "articles": articles.name}
    if synthetic is not None:
        sources["synthetic"] = synthetic.name
    decisions = train_decisions(corpus, sources)
    decisions.save(out)
    about = decisions.about
    click.echo(
        f"{out}: trained on {about['articles']} articles from {about['outlets']} outlets, "
        f"{sum(about['type_examples'].values())} candidates, {about['weak_examples']} weak"
    )
