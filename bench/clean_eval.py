"""Measure the clean stage: boilerplate lines, titles, dates, near-duplicates.

    python bench/clean_eval.py [--seeds /work/shared/seeds]

Boilerplate: line precision/recall against ``data/clean_labels.json`` (a
removed line is one none of whose characters reach the cleaned text).
Duplicates: every page (and seed, and ``examples/corpus`` article) is indexed,
then variants of each are looked up: reworded by synonym swaps, truncated,
spun with look-alike letters, and wrapped in different boilerplate.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path

from tacitus.clean import DuplicateIndex, clean_document
from tacitus.config import CleanConfig, IngestConfig
from tacitus.ingest import read_inputs
from tacitus.records import CleanDocument, RawDocument

HERE = Path(__file__).parent
LABELS = HERE / "data" / "clean_labels.json"
PAGES = HERE / "data" / "clean_pages"
CORPUS = HERE.parent / "examples" / "corpus"

SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "officials": "authorities",
    "people": "persons", "killed": "slain", "attack": "assault", "attacks": "assaults",
    "support": "backing", "government": "administration", "country": "nation",
    "city": "town", "talks": "negotiations", "leader": "chief", "minister": "secretary",
    "announced": "declared", "called": "urged", "meeting": "session", "large": "big",
    "more": "over", "statement": "communique", "also": "additionally", "group": "faction",
    "military": "armed", "forces": "troops", "began": "started", "week": "seven days",
    "reported": "stated", "according": "per", "held": "conducted", "new": "fresh",
}  # fmt: skip
LOOKALIKES = str.maketrans({"e": "\u0435", "a": "\u0430", "o": "\u043e", "p": "\u0440"})
OTHER_CHROME_HEAD = "Menu | News | Video | Weather | Contact\nAdvertisement\n\n"
OTHER_CHROME_TAIL = (
    "\n\nTrending Now\nLocal team wins cup final\nStorm warning for the coast\n"
    "Subscribe to our newsletter to get breaking news in your inbox.\n"
)
SWAP_EVERY = 2  # swap every second eligible word
KEEP_SHARE = 0.8  # a truncated copy keeps this share of paragraphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=Path, help="folder of the seed articles")
    args = parser.parse_args()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    files = {PAGES / name: label for name, label in labels["pages"].items()}
    if args.seeds:
        files |= {args.seeds / name: label for name, label in labels["seeds"].items()}
    config = CleanConfig()
    docs = {path: clean(path, config) for path in files}
    score_boilerplate(files, docs)
    score_dates(files, docs)
    originals = {path.name: doc for path, doc in docs.items() if doc}
    originals |= corpus_documents(config)
    score_duplicates(originals, config)


def corpus_documents(config: CleanConfig) -> dict[str, CleanDocument]:
    """Every article under examples/corpus (any format), cleaned."""
    if not CORPUS.is_dir():
        return {}
    paths = [p for p in sorted(CORPUS.iterdir()) if p.name != "manifest.jsonl"]
    out = {}
    for raw in read_inputs(paths, IngestConfig()):
        if isinstance(raw, RawDocument):
            doc = clean_document(raw, config)
            if isinstance(doc, CleanDocument):
                out[raw.source] = doc
    return out


def clean(path: Path, config: CleanConfig) -> CleanDocument | None:
    result = clean_document(RawDocument(str(path), path.read_text("utf-8"), "text"), config)
    return result if isinstance(result, CleanDocument) else None


def _lines(entries: list) -> set[int]:
    out: set[int] = set()
    for entry in entries:
        out |= set(range(entry[0], entry[1] + 1)) if isinstance(entry, list) else {entry}
    return out


def kept_lines(doc: CleanDocument | None) -> set[int]:
    """1-based raw line numbers that reach the cleaned text."""
    if doc is None:
        return set()
    starts = [m.start() for m in re.finditer(r"^", doc.raw, re.MULTILINE)]
    kept = set(doc.offsets.raw_offsets[:-1])
    out = set()
    for number, start in enumerate(starts, start=1):
        end = starts[number] if number < len(starts) else len(doc.raw)
        if any(offset in kept for offset in range(start, end)):
            out.add(number)
    return out


def score_boilerplate(files: dict[Path, dict], docs: dict[Path, CleanDocument | None]) -> None:
    tp = fp = fn = titles = titled = 0
    print("boilerplate lines (positive = removed)")
    for path, label in files.items():
        lines = path.read_text("utf-8").split("\n")
        content = {i for i, text in enumerate(lines, start=1) if text.strip()}
        content.discard(label["title"])
        gold = _lines(label["boilerplate"]) & content
        kept = kept_lines(docs[path])
        removed = content - kept
        tp, fp, fn = tp + len(removed & gold), fp + len(removed - gold), fn + len(gold - removed)
        misses = sorted((removed - gold) | (gold - removed))
        doc = docs[path]
        if label["title"]:
            titled += 1
            expected = lines[label["title"] - 1].strip()
            titles += bool(doc and doc.title and doc.title.strip() == expected)
        print(f"  {path.name:32} wrong lines: {misses or '-'}")
    scores = f"precision {_ratio(tp, tp + fp)}  recall {_ratio(tp, tp + fn)}"
    print(f"  {scores}  ({tp} tp, {fp} fp, {fn} fn)")
    print(f"  titles found {titles}/{titled}")


def score_dates(files: dict[Path, dict], docs: dict[Path, CleanDocument | None]) -> None:
    right = 0
    print("publication dates")
    for path, label in files.items():
        doc = docs[path]
        expected = date.fromisoformat(label["published"]) if label.get("published") else None
        got = doc.published if doc else None
        right += got == expected
        how = f"{doc.published_source}: {doc.published_evidence}" if doc and got else ""
        partial = doc.meta.get("published_partial", "") if doc and not got else ""
        print(f"  {path.name:32} expected {expected} got {got} {how}{partial}")
    print(f"  correct {right}/{len(files)}")


def variants(doc: CleanDocument) -> dict[str, str]:
    paragraphs = doc.text.split("\n\n")
    keep = max(1, round(len(paragraphs) * KEEP_SHARE))
    return {
        "reworded": _reword(doc.text),
        "truncated": "\n\n".join(paragraphs[:keep]),
        "lookalike": doc.text.translate(LOOKALIKES),
        "boilerplate": OTHER_CHROME_HEAD
        + (doc.title or "")
        + "\n\n"
        + doc.text
        + OTHER_CHROME_TAIL,
    }


def _reword(text: str) -> str:
    count = 0

    def swap(match: re.Match) -> str:
        nonlocal count
        word = match.group()
        if word.lower() not in SYNONYMS:
            return word
        count += 1
        return SYNONYMS[word.lower()] if count % SWAP_EVERY else word

    return re.sub(r"[A-Za-z]+", swap, text)


def score_duplicates(originals: dict[str, CleanDocument], config: CleanConfig) -> None:
    index = DuplicateIndex(config.dedup_threshold)
    for doc in originals.values():
        index.add(doc.doc_id, index.signature(doc.text))
    pairs = _pairs(originals, config)
    twins = {(a, b) for a, b, _ in pairs} | {(b, a) for a, b, _ in pairs}
    names = {doc.doc_id: name for name, doc in originals.items()}
    found = correct = total = 0
    by_kind: dict[str, list[int]] = {}
    for name, doc in originals.items():
        for kind, text in variants(doc).items():
            copy = clean_document(RawDocument(f"{name}:{kind}", text, "text"), config)
            total += 1
            hit = (
                index.find(index.signature(copy.text)) if isinstance(copy, CleanDocument) else None
            )
            found += hit is not None
            # An original that is itself a copy of this one (a real syndicated
            # pair in the corpus) is as right an answer as the original.
            ok = hit is not None and (hit[0] == doc.doc_id or (name, names[hit[0]]) in twins)
            correct += ok
            by_kind.setdefault(kind, []).append(ok)
    print(f"near-duplicates over {len(originals)} originals, {total} variants")
    for kind, results in by_kind.items():
        print(f"  {kind:12} recall {_ratio(sum(results), len(results))}")
    print(f"  precision {_ratio(correct, found)}  recall {_ratio(correct, total)}")
    print("  originals matched to another original (check by eye: a real copy or a false alarm):")
    for name, other, similarity in pairs:
        print(f"    {similarity:.2f}  {Path(name).name}  ~  {Path(other).name}")


def _pairs(
    originals: dict[str, CleanDocument], config: CleanConfig
) -> list[tuple[str, str, float]]:
    """Each original looked up among the others."""
    names = {doc.doc_id: name for name, doc in originals.items()}
    found = []
    for name, doc in originals.items():
        index = DuplicateIndex(config.dedup_threshold)
        for other in originals.values():
            if other is not doc:
                index.add(other.doc_id, index.signature(other.text))
        hit = index.find(index.signature(doc.text))
        if hit and name < names[hit[0]]:
            found.append((name, names[hit[0]], hit[1]))
    return found


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


if __name__ == "__main__":
    main()
