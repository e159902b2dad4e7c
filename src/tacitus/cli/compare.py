"""``tacitus compare``: how each outlet names an actor, or told one event."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from tacitus.cli.options import db_option
from tacitus.cli.query import open_existing
from tacitus.export import one_line
from tacitus.framing import compare_actor, compare_event
from tacitus.outlets import load_outlets
from tacitus.store.actor_lookup import ActorNotFound


def _tone(tone: dict[str, Any]) -> str:
    if tone["mean"] is None:
        return "tone: no clause scored"
    interval = f" [{tone['low']:+.2f}, {tone['high']:+.2f}]" if tone["low"] is not None else ""
    return f"tone {tone['mean']:+.2f}{interval} (n={tone['n']}, VADER on the clause)"


def _meta(meta: dict[str, Any] | None) -> str:
    if not meta:
        return "no metadata"
    return f"{meta['kind']}, {meta['country'] or 'country unknown'}, owner: {meta['owner']}"


def _echo_actor(view: dict[str, Any]) -> None:
    actor = view["actor"]
    sampled = " (sampled)" if view["sampled"] else ""
    click.echo(f"{', '.join(actor['names'])}: {view['mentions']} mentions in "
               f"{len(view['outlets'])} outlets{sampled}")  # fmt: skip
    for outlet in view["outlets"]:
        click.echo(f"\n== {outlet['outlet']}  ({_meta(outlet['meta'])})")
        click.echo(f"   {outlet['mentions']} mentions in {outlet['documents']} documents; "
                   f"{_tone(outlet['tone'])}")  # fmt: skip
        for term in outlet["terms"]:
            how = "/".join(term["relations"])
            click.echo(f"   {term['per_mention']:5.2f}  {term['term']:<34} {how:<22} "
                       f"e.g. {term['examples'][0]!r}")  # fmt: skip
        if outlet["distinctive"]:
            marks = [f"{d['term']} (z={d['z']:+.2f}{', clear' if d['clear'] else ''})"
                     for d in outlet["distinctive"]]  # fmt: skip
            click.echo(f"   most its own: {'; '.join(marks)}")
        if outlet["group_terms"]:
            groups = [f"{g['term']} x{g['count']}" for g in outlet["group_terms"]]
            click.echo(f"   groups of its side, unnamed: {'; '.join(groups)}")
    click.echo("\nmethod: " + " | ".join(f"{k}: {v}" for k, v in view["method"].items()))


def _echo_event(view: dict[str, Any]) -> None:
    event = view["event"]
    actor = (event["actor"] or {}).get("name", "?")
    recipient = (event["recipient"] or {}).get("name", "-")
    click.echo(f"{event['event']} {actor} -> {recipient}, {event['date'] or 'undated'} "
               f"({event['id']})")  # fmt: skip
    for outlet in view["reported_by"]:
        click.echo(f"\n== {outlet['outlet']}  ({_meta(outlet['meta'])}); {_tone(outlet['tone'])}")
        for report in outlet["reports"]:
            click.echo(f"   [{report['published'] or 'undated'}] {report['telling']}")
            click.echo(f"     \u201c{one_line(report['sentence'])}\u201d")
            figures = [*(f"{v} {k}" for k, v in (report["size"] or {}).items()),
                       *report["figures"]]  # fmt: skip
            if figures:
                click.echo(f"     figures: {'; '.join(figures)}")
    click.echo(f"\nCovered the same parties within {view['window_days']} days, "
               "without reporting this event:")  # fmt: skip
    for outlet in view["not_reported_by"]:
        titles = "; ".join(d["title"] or d["doc_id"] for d in outlet["documents"])
        click.echo(f"   {outlet['outlet']}: {titles}")
    if not view["not_reported_by"]:
        click.echo("   none")


@click.command("compare")
@db_option
@click.option("--actor", help="Actor name or id: each outlet's naming profile and tone.")
@click.option("--event", "event_id", help="Event id: each outlet's report side by side.")
@click.option("--outlets", "outlet_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra outlet metadata YAML file (repeatable).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the view as JSON.")
def compare_command(
    db: Path, actor: str | None, event_id: str | None, outlet_files: tuple[Path, ...],
    as_json: bool,
) -> None:  # fmt: skip
    """How each outlet names an actor (--actor) or told an event (--event)."""
    if bool(actor) == bool(event_id):
        raise click.UsageError("give exactly one of --actor NAME or --event ID")
    directory = load_outlets(tuple(outlet_files))
    with open_existing(db) as store:
        try:
            view = (
                compare_actor(store, actor, directory)
                if actor
                else compare_event(store, event_id or "", directory)
            )
        except ActorNotFound as exc:
            raise click.ClickException(str(exc)) from exc
    if view is None:
        raise click.ClickException(f"no {'actor' if actor else 'event'} {actor or event_id!r}")
    if as_json:
        click.echo(json.dumps(view, ensure_ascii=False, indent=2, default=str))
    else:
        (_echo_actor if actor else _echo_event)(view)
