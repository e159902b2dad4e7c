"""Derive Tacitus's broad lexicons from the PETRARCH and PLOVER dictionaries in ../shared.

Writes ``src/tacitus/events/data/cameo_verbs.yaml``, with its sources and licences in its
header: every verb of the CAMEO verb dictionary with its default CAMEO code and its
verb+object patterns, and the CAMEO -> PLOVER table.

    python tools/build_lexicons.py [--resources ../shared/resources]
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT.parent / "shared" / "resources"
VERBS_OUT = ROOT / "src" / "tacitus" / "events" / "data" / "cameo_verbs.yaml"

# PLOVER 2.0 decisions where the 2021 CAMEO table disagrees with the 2.0 manual
# (../shared/spec/PLOVER.md, section 11) or uses mode names 2.0 does not have.
CODE_OVERRIDES = {
    "163": ("SANCTION", "discontinue"),  # embargo, sanctions: SANCTION in the 2.0 manual
    "116": ("SANCTION", "convict"),  # found guilty
    "1712": ("ASSAULT", "destroy"),
    "192": ("COERCE", "seize"),  # occupy territory
}
MODE_RENAMES = {
    "assassinate": "targeted",
    "massacre": "targeted",
    "ban": "restrict",
    "political": "restrict",
    "return": "release",
}
# CAMEO 02 (appeal) is dropped by the PLOVER root table, but PLOVER 2.0's REQUEST covers
# "all verbal requests": appeals are requests, with the modes of the matching demands (10x).
APPEAL_MODES = {
    "020": None,
    "021": "assist",
    "022": "assist",
    "023": "assist",
    "024": "change",
    "025": "yield",
    "026": "meet",
    "027": "meet",
    "028": "meet",
}
ROLE_MARKS = frozenset({"$", "^", "+", "%", "|"})


def _word(token: str) -> str:
    """A dictionary word as the coder compares it: lower case, no stop mark, spaces."""
    return token.strip("_").replace("_", " ").lower()


def parse_code(text: str) -> tuple[str | None, bool]:
    """'[042:043]' -> ('042', False); '[:020]' -> ('020', True); '[---]' -> (None, False)."""
    inner = text.strip("[] ")
    first, _, second = inner.partition(":")
    if first and first != "---":
        return first, False
    if second and second != "---":
        return second, True
    return None, False


def load_plover_table(path: Path, modes: dict[str, set[str]]) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if not match:
            continue
        code, kind, mode = match.group(1), match.group(2), match.group(3).strip()
        mode = MODE_RENAMES.get(mode, mode) or None
        table[code] = {"type": kind, "mode": mode if mode in modes.get(kind, set()) else None}
    for code, (kind, mode) in CODE_OVERRIDES.items():
        table[code] = {"type": kind, "mode": mode}
    for code, mode in APPEAL_MODES.items():
        table[code] = {"type": "REQUEST", "mode": mode}
    return dict(sorted(table.items()))


def load_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        line = line.split("#", 1)[0].rstrip()
        if line.startswith("&"):
            current = line[1:].strip().rstrip("_").lower()
            synsets[current] = []
        elif line.startswith("+") and current:
            synsets[current].append(_word(line[1:].split()[0]))
        elif not line.strip():
            current = None
    return {name: sorted(set(words)) for name, words in synsets.items() if words}


def parse_pattern(body: str) -> dict[str, Any] | None:
    """'* (TO BORDER) {ARMS SHIPMENT}' -> object, preps and subject words."""
    if "*" not in body:
        return None
    before, _, after = body.partition("*")
    groups = re.findall(r"\(([^)]*)\)", after)
    rest = re.sub(r"\([^)]*\)", " ", after)
    pattern: dict[str, Any] = {
        "subject": _words(before),
        "object": _words(rest),
        "preps": [],
    }
    for group in groups:
        words = _words(group)
        if words:
            pattern["preps"].append([words[0], words[1:]])
    return pattern


def _words(text: str) -> list[str]:
    text = text.replace("{", " ").replace("}", " ")
    words = []
    for token in text.split():
        if token in ROLE_MARKS or not re.search(r"[A-Za-z&]", token):
            continue
        words.append(_word(token) if not token.startswith("&") else token.rstrip("_").lower())
    return words


def load_verbs(
    lines: list[str], table: dict[str, dict[str, Any]]
) -> tuple[dict[str, dict[str, Any]], list[list[dict[str, Any]]]]:
    """Verbs (default code, own patterns, pattern blocks) and the pattern blocks.

    A pattern block is shared by every verb of its synonym block, as PETRARCH reads it."""
    known = set(table)
    verbs: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"code": None, "blocks": [], "patterns": []}
    )
    blocks: list[list[dict[str, Any]]] = []
    block_code = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("---"):
            blocks.append([])
            block_code = parse_code(re.search(r"\[[^\]]*\]", line).group())[0]
            continue
        code_match = re.search(r"\[[^\]]*\]", line)
        code, passive = parse_code(code_match.group()) if code_match else (None, False)
        code = code if code is None or _plover(code, known) else None
        if line.startswith("-"):
            pattern = parse_pattern(line[1:].split("[", 1)[0])
            if pattern is not None and code_match and not passive:
                blocks[-1].append({**pattern, "code": code})
            continue
        head = re.sub(r"\{[^}]*\}", " ", line.split("[", 1)[0]).split()
        parts = [p.lower() for p in head[0].lstrip("+").split("_") if p] if head else []
        if not parts or len(parts) > 2 or {"and", "or"} & set(parts):
            continue
        entry = verbs[parts[0]]
        default = code or (block_code if block_code and _plover(block_code, known) else None)
        if len(parts) == 2:
            own = {"subject": [], "object": parts[1:], "preps": [], "code": default}
            if own not in entry["patterns"]:
                entry["patterns"].append(own)
        elif default and entry["code"] is None:
            entry["code"] = default
        if len(blocks) - 1 not in entry["blocks"]:
            entry["blocks"].append(len(blocks) - 1)
    # Blocks are renumbered without the empty ones.
    kept = {old: new for new, old in enumerate(i for i, block in enumerate(blocks) if block)}
    for entry in verbs.values():
        entry["blocks"] = [kept[i] for i in entry["blocks"] if i in kept]
    useful = {
        lemma: entry
        for lemma, entry in sorted(verbs.items())
        if entry["code"] or entry["patterns"] or entry["blocks"]
    }
    return useful, [block for block in blocks if block]


def _plover(code: str, known: set[str]) -> str | None:
    """The longest prefix of ``code`` the PLOVER table lists."""
    for size in range(len(code), 2, -1):
        if code[:size] in known:
            return code[:size]
    return None


HEADER_VERBS = """\
# CAMEO verb dictionary and CAMEO -> PLOVER 2.0 table, derived by tools/build_lexicons.py.
# Do not edit by hand: change the build script and run it again.
#
# Sources:
#   CAMEO.2.0.txt from openeventdata/petrarch2 (petrarch2/data/dictionaries/, commit 676801cd),
#     Copyright (c) 2015 Open Event Data Alliance, MIT License.
#   CAMEO2PLOVER-2021.txt from openeventdata/PLOVER (commit 5e0c24fb), Copyright Open Event
#     Data Alliance, CC BY-SA 4.0.  This file, as a derived table, is also under CC BY-SA 4.0.
# Layout:
#   plover: CAMEO code -> PLOVER type and mode (2.0 names; PLOVER 2.0 decisions noted in the
#           build script: sanctions are SANCTION, appeals (02x) are REQUEST)
#   synsets: named word sets that patterns refer to as &name
#   verbs: lemma -> default CAMEO code (null: the verb alone is no event), its own patterns
#          (phrasal verbs: "call off") and the pattern blocks it shares with its synonyms
#   blocks: pattern lists; a pattern names the words the verb's subject, objects (and
#          particles) and prepositional phrases must hold, and its code (null: no event)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", type=Path, default=RESOURCES)
    args = parser.parse_args()
    modes = _modes()
    table = load_plover_table(args.resources / "plover" / "CAMEO2PLOVER-2021.txt", modes)
    lines = (
        (args.resources / "petrarch2" / "CAMEO.2.0.txt")
        .read_text(encoding="utf-8", errors="replace")
        .splitlines()
    )
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    end = next(i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line)
    synsets = load_synsets(lines[:start])
    verbs, blocks = load_verbs(lines[start + 1 : end], table)
    body = {"plover": table, "synsets": synsets, "verbs": verbs, "blocks": blocks}
    VERBS_OUT.write_text(HEADER_VERBS + _dump(body), encoding="utf-8")
    patterns = sum(map(len, blocks)) + sum(len(v["patterns"]) for v in verbs.values())
    print(f"{VERBS_OUT}: {len(verbs)} verbs, {patterns} patterns, {len(table)} codes")


def _modes() -> dict[str, set[str]]:
    from tacitus.config import Settings
    from tacitus.events import Lexicon

    lexicon = Lexicon.load(Settings().events.lexicon_paths)
    return {name: set(spec.modes) for name, spec in lexicon.types.items()}


def _dump(body: dict[str, Any]) -> str:
    return yaml.safe_dump(body, sort_keys=False, width=100, allow_unicode=True)


if __name__ == "__main__":
    main()
