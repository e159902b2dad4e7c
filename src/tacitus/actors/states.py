"""State actors generated from ISO 3166 (pycountry) plus ``data/states.yaml``."""

from __future__ import annotations

from pathlib import Path

import pycountry

from tacitus.actors.loading import KnowledgeBaseError, read_yaml
from tacitus.actors.models import Actor, StateOverride, StatesFile

STATES_PATH = Path(__file__).parent / "data" / "states.yaml"


def _iso_names(country: object) -> list[str]:
    """ISO's names for a country, without the inverted "Iran, Islamic Republic of" forms."""
    names = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
    return [n for n in names if n and "," not in n]


def _plural(demonym: str) -> str | None:
    """ "Iranians" from "Iranian"; none for "Chinese", "British", "French", "Swiss"."""
    if demonym.endswith(("ese", "sh", "ch", "s", "x", "z")):
        return None
    return demonym + "s"


def _state(code: str, names: list[str], override: StateOverride | None) -> Actor:
    override = override or StateOverride()
    name = override.name or names[0]
    aliases = dict.fromkeys([*names, *override.aliases])
    aliases.pop(name, None)
    demonyms = [*override.demonyms]
    demonyms += [p for p in map(_plural, override.demonyms) if p]
    return Actor(
        id=code,
        name=name,
        kind="state",
        country=code,
        aliases=list(aliases),
        demonyms=demonyms,
        metonyms=[*override.capitals, *override.metonyms],
        wikidata=override.wikidata,
    )


def load_states(path: Path = STATES_PATH) -> list[Actor]:
    data = read_yaml(path, StatesFile)
    iso = {c.alpha_3: c for c in pycountry.countries}
    territory_names: dict[str, list[str]] = {}
    for territory, owner in data.dependencies.items():
        if territory not in iso or owner not in iso:
            raise KnowledgeBaseError(f"{path}: dependencies: unknown code {territory} or {owner}")
        territory_names.setdefault(owner, []).extend(_iso_names(iso[territory]))
    states = []
    for code, country in sorted(iso.items()):
        if code in data.dependencies:
            continue
        names = _iso_names(country) + territory_names.get(code, [])
        states.append(_state(code, names or [country.name], data.states.get(code)))
    for code, override in sorted(data.states.items()):
        if code in iso:
            continue
        if not override.name:
            raise KnowledgeBaseError(f"{path}: entry states.{code}: a code ISO lacks needs a name")
        states.append(_state(code, [override.name], override))
    return states
