"""Options shared by several commands, declared once."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from tacitus.config import (
    DEFAULT_DB,
    ActorConfig,
    CleanConfig,
    EventConfig,
    IngestConfig,
    ParseConfig,
    Settings,
)

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="DuckDB database file.",
)

_SETTINGS_OPTIONS = (
    click.option("--kb", multiple=True, type=click.Path(exists=True, path_type=Path),
                 help="Extra actor knowledge-base YAML file (repeatable)."),
    click.option("--lexicon", multiple=True, type=click.Path(exists=True, path_type=Path),
                 help="Extra event lexicon YAML file (repeatable)."),
    click.option("--named-events", multiple=True, type=click.Path(exists=True, path_type=Path),
                 help="Extra named-event YAML file used to date articles (repeatable)."),
    click.option("--model", default=None, help="spaCy pipeline package to load."),
    click.option("--outlet", default=None, help="Outlet name for inputs that carry none."),
    click.option("--lang", default=None,
                 help="Language of the inputs (en), instead of detecting it per document."),
)  # fmt: skip


def with_settings(func: Callable[..., Any]) -> Callable[..., Any]:
    """Adds the knowledge options, --model and --outlet, passed on as one ``settings``."""

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        kb: tuple[Path, ...],
        lexicon: tuple[Path, ...],
        named_events: tuple[Path, ...],
        model: str | None,
        outlet: str | None,
        lang: str | None,
        **kwargs: Any,
    ) -> Any:
        settings = Settings(
            ingest=IngestConfig(outlet=outlet),
            clean=CleanConfig(named_events=list(named_events), language=lang),
            parse=ParseConfig(model=model),
            actors=ActorConfig(kb_paths=list(kb)),
            events=EventConfig(lexicon_paths=list(lexicon)),
        )
        return func(*args, settings=settings, **kwargs)

    for option in reversed(_SETTINGS_OPTIONS):
        wrapper = option(wrapper)
    return wrapper
