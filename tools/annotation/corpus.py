"""What the annotation tools share: the corpus by id, the sample, and the PLOVER vocabulary."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from tacitus.config import Settings
from tacitus.events import Lexicon

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "allsides_dev.jsonl"
SAMPLE = ROOT / "annotations" / "events" / "sample.jsonl"
MODALITIES = ("asserted", "negated", "future", "hypothetical")
SPECIAL_CODES = frozenset({"UNO", "EUR", "IGO", "NGO", "IMG", "MNC", "ISM", "KOS"})
CODES = frozenset(c.alpha_3 for c in pycountry.countries) | SPECIAL_CODES
SECTORS = frozenset(
    {
        *("GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "PRM", "UAF", "CVL"),
        *("LAB", "EDU", "MED", "JRN", "BUS", "REL", "REF", "CRM", "ELI", "SOC", "AGR", "UNK"),
    }
)


@cache
def articles(path: Path = CORPUS) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return {record["id"]: record for record in map(json.loads, handle)}


def sample(path: Path = SAMPLE) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@cache
def modes() -> dict[str, frozenset[str]]:
    """PLOVER 2.0 types and their modes, as the coder's lexicon declares them."""
    lexicon = Lexicon.load(Settings().events.lexicon_paths)
    return {name: frozenset(spec.modes) for name, spec in lexicon.types.items()}
