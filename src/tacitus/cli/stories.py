"""``tacitus stories`` and ``tacitus claims``: reading across articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from tacitus.cli.options import db_option
from tacitus.cli.query import open_existing
from tacitus.stories import claims, stories

# Events listed under each story in the table view (the JSON view has them all).
STORY_EVENTS_SHOWN = 8
FORMATS = ("table", "json")


def _echo_json(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False, default=str))


def render_story(story: dict[str, Any], events_shown: int = STORY_EVENTS_SHOWN) -> str:
    span = (
        story["first"]
        if story["first"] == story["last"]
        else f"{story['first']} .. {story['last']}"
    )
    docs = story["documents"]
    lines = [
        f"story {story['id']}  {span or 'undated'}  {len(docs)} document(s), "
        f"{len(story['outlets'])} outlet(s)",
        f"  {story['title'] or '(untitled)'}",
    ]
    for doc in docs:
        copy = "  (copy)" if doc["copy_of"] else ""
        name = doc["title"] or Path(doc["source"]).name
        lines.append(
            f"    {doc['published'] or 'undated':<10}  {doc['outlet'] or '-'}: {name}{copy}"
        )
    for event in story["events"][:events_shown]:
        kind = f"{event['event']}/{event['mode']}" if event["mode"] else event["event"]
        modality = "" if event["modality"] == "asserted" else f" [{event['modality']}]"
        lines.append(
            f"    * {event['date'] or 'undated':<10}  {kind}{modality}  {event['actor'] or '?'} -> "
            f"{event['recipient'] or '-'}  ({event['documents']} doc(s))"
        )
    if len(story["events"]) > events_shown:
        lines.append(f"    * ... {len(story['events']) - events_shown} more events")
    return "\n".join(lines)


def render_claim_group(group: dict[str, Any]) -> str:
    values = ", ".join(f"{v:,}" for v in group["values"])
    lines = [
        f"{group['kind']}  place {group['place']}  period {group['period']}  "
        f"counting {group['group']}  ({len(group['outlets'])} outlet(s); values {values})"
    ]
    for claim in group["claims"]:
        value = f"{claim['value']:,}" + (f" ({claim['qualifier']})" if claim["qualifier"] else "")
        notes = "".join(
            note
            for note, on in (
                (" [part of a total]", claim["part_of"]),
                (" [copy]", claim["copy_of"]),
            )
            if on
        )
        lines.append(
            f"  {claim['published'] or 'undated'} | {claim['outlet'] or '-'} | {value} | "
            f"said by {claim['said_by'] or '-'}{notes}"
        )
    return "\n".join(lines)


@click.command("stories")
@db_option
@click.option("--min-documents", default=1, show_default=True, type=click.IntRange(1))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def stories_command(db: Path, min_documents: int, fmt: str) -> None:
    """Articles grouped into stories: dates, outlets, documents and events."""
    with open_existing(db) as store:
        found = stories(store, min_documents=min_documents)
    if fmt == "json":
        _echo_json(found)
    else:
        click.echo("\n\n".join(render_story(s) for s in found))


@click.command("claims")
@db_option
@click.option("--kind", help="Only this kind of figure (killed, injured, arrested, money...).")
@click.option("--min-outlets", default=1, show_default=True, type=click.IntRange(1))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def claims_command(db: Path, kind: str | None, min_outlets: int, fmt: str) -> None:
    """Figures stated by the articles, grouped by the quantity they count."""
    with open_existing(db) as store:
        groups = [g for g in claims(store, kind) if len(g["outlets"]) >= min_outlets]
    if fmt == "json":
        _echo_json(groups)
    else:
        click.echo("\n\n".join(render_claim_group(g) for g in groups))
