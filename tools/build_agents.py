"""Derive the agent nouns the actor resolver knows from the PETRARCH agents dictionary.

Writes ``src/tacitus/actors/data/agents.yaml``, with its source and licence in its header:
every noun of ``Phoenix.agents.txt`` that names a kind of people or group ("farmers",
"riot police", "clergymen"), with the PLOVER sector of its CAMEO agent code.  The hand-made
``lexicon.yaml`` keeps precedence over it where both list a word.

    python tools/build_agents.py [--resources ../shared/resources]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT.parent / "shared" / "resources"
AGENTS_OUT = ROOT / "src" / "tacitus" / "actors" / "data" / "agents.yaml"

# CAMEO agent codes (the first three letters of a compound code such as GOVMIL) as PLOVER
# 2.0 sectors.  CAMEO's MED is the media (PLOVER JRN) and its HLH health (PLOVER MED);
# religions are one PLOVER sector; codes with no PLOVER counterpart are left out.
SHARED_CODES = ("GOV", "MIL", "REB", "CRM", "OPP", "BUS", "CVL", "JUD", "COP", "LEG", "EDU")
SHARED_CODES += ("UAF", "SPY", "AGR", "LAB", "REL", "REF", "PTY", "ELI")
RELIGIONS = ("MUS", "CHR", "JEW", "HIN", "BUD", "CTH", "PRO", "SHI", "SUN")
SECTORS = {
    **{code: code for code in SHARED_CODES},
    **dict.fromkeys(RELIGIONS, "REL"),
    **dict.fromkeys(("ENV", "HRI", "NGO"), "SOC"),
    "MED": "JRN",
    "HLH": "MED",
    "PPL": "CVL",
}
_ENTRY = re.compile(r"^(?P<words>[^\[{#]+?)\s*(?:\{[^}]*\})?\s*\[~(?P<code>[A-Z]+)\]")
_SUBSTITUTION = re.compile(r"^!(?P<name>[A-Z]+)!\s*=\s*(?P<words>.+)$")


def substitutions(lines: list[str]) -> dict[str, list[str]]:
    """'!PERSON! = MAN, MEN, ...' -> {'!PERSON!': ['MAN', 'MEN', ...]}."""
    found = {}
    for line in lines:
        match = _SUBSTITUTION.match(line.strip())
        if match:
            words = [w.strip() for w in match.group("words").split(",") if w.strip()]
            found[f"!{match.group('name')}!"] = words
    return found


def expand(words: str, sets: dict[str, list[str]]) -> list[str]:
    """Every spelling of an entry: each substitution set replaced by each of its words."""
    for name, options in sets.items():
        if name in words:
            spelled = (words.replace(name, option) for option in options)
            return [form for spelling in spelled for form in expand(spelling, sets)]
    return [words]


def noun(words: str) -> str | None:
    """The lexicon key of a dictionary phrase: 'RIOT_POLICE_' -> 'riot police'; None for a
    phrase that is not plain words (stems, symbols)."""
    key = " ".join(part for part in words.strip().strip("_").lower().split("_") if part)
    return key if re.fullmatch(r"[a-z][a-z' -]*[a-z]", key) else None


def load_agents(lines: list[str]) -> dict[str, str]:
    """Agent noun -> PLOVER sector; a noun listed twice keeps its first sector."""
    sets = substitutions(lines)
    agents: dict[str, str] = {}
    for line in lines:
        match = _ENTRY.match(line.strip())
        if not match or line.lstrip().startswith("#"):
            continue
        sector = SECTORS.get(match.group("code")[:3])
        if sector is None:
            continue
        for form in expand(match.group("words"), sets):
            key = noun(form)
            if key is not None:
                agents.setdefault(key, sector)
    return dict(sorted(agents.items()))


HEADER = """\
# Agent nouns and their PLOVER sectors, derived by tools/build_agents.py.
# Do not edit by hand: change the build script and run it again.
#
# Source: Phoenix.agents.txt from openeventdata/petrarch2 (petrarch2/data/dictionaries/,
#   commit 676801cd), Copyright (c) 2014 Open Event Data Alliance, MIT License
#   (https://opensource.org/licenses/MIT); this derived list is under the same licence.
# Layout: sector_nouns, as in lexicon.yaml: noun (lower case, singular) -> its sector.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", type=Path, default=RESOURCES)
    args = parser.parse_args()
    path = args.resources / "petrarch2" / "Phoenix.agents.txt"
    agents = load_agents(path.read_text(encoding="utf-8", errors="replace").splitlines())
    body = {"sector_nouns": {key: {"sector": sector} for key, sector in agents.items()}}
    AGENTS_OUT.write_text(HEADER + yaml.safe_dump(body, sort_keys=False, width=100))
    print(f"{AGENTS_OUT}: {len(agents)} agent nouns")


if __name__ == "__main__":
    main()
