"""The clean stage on real articles: boilerplate removed, and articles rejected.

    python bench/boilerplate_eval.py ../shared/corpus/allsides_dev.jsonl \
        [--gold annotations/boilerplate/gold.jsonl] [--json]

Boilerplate: the gold marks, by character span, the lines of 100 randomly drawn corpus
articles that are not reporting (bylines, captions, credits, links, notes ...).  Precision and
recall are over non-space characters: a character is removed when it does not reach the
cleaned text.  Rejections: every article of the corpus is cleaned, and the share rejected is
given per reason.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from tacitus.clean import clean_document
from tacitus.config import Settings
from tacitus.ingest import from_record
from tacitus.pipeline import reason_kind
from tacitus.records import CleanDocument, Rejection

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "annotations" / "boilerplate" / "gold.jsonl"


def clean(record: dict[str, Any], settings: Settings) -> CleanDocument | Rejection:
    raw = from_record(record, record["id"], settings.ingest)
    return raw if isinstance(raw, Rejection) else clean_document(raw, settings.clean)


def visible(char: str) -> bool:
    """Not a space nor an invisible format character (a soft hyphen, say)."""
    return not char.isspace() and unicodedata.category(char) != "Cf"


def removed(document: CleanDocument) -> set[int]:
    kept = set(document.offsets.raw_offsets[: len(document.text)])
    return {i for i, char in enumerate(document.raw) if i not in kept and visible(char)}


def score(records: dict[str, dict[str, Any]], gold: list[dict[str, Any]], settings: Settings):
    tp = fp = fn = 0
    by_reason: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for entry in gold:
        record = records[entry["doc"]]
        text = record["text"]
        marked: dict[int, str] = {
            i: reason
            for start, end, reason in entry["boilerplate"]
            for i in range(start, end)
            if visible(text[i])
        }
        result = clean(record, settings)
        # A rejected article loses everything it had.
        cut = (
            {i for i, c in enumerate(text) if visible(c)}
            if isinstance(result, Rejection)
            else removed(result)
        )
        tp += len(cut & marked.keys())
        fp += len(cut - marked.keys())
        fn += len(marked.keys() - cut)
        by_reason.update(marked.values())
        missed.update(marked[i] for i in marked.keys() - cut)
    return {
        "articles": len(gold),
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "boilerplate_chars": tp + fn,
        "reporting_chars_removed": fp,
        "recall_by_reason": {
            reason: round(1 - missed[reason] / count, 3) for reason, count in by_reason.items()
        },
    }


def rejections(records: dict[str, dict[str, Any]], settings: Settings) -> dict[str, Any]:
    reasons: Counter[str] = Counter()
    for record in records.values():
        result = clean(record, settings)
        if isinstance(result, Rejection):
            reasons[reason_kind(result.reason)] += 1
    total = len(records)
    return {
        "articles": total,
        "rejected": sum(reasons.values()),
        "share_rejected": sum(reasons.values()) / total if total else 0.0,
        "reasons": {reason: count for reason, count in reasons.most_common()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with args.corpus.open(encoding="utf-8") as handle:
        records = {r["id"]: r for r in map(json.loads, handle)}
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    settings = Settings()
    result = {
        "boilerplate": score(records, gold, settings),
        "rejections": rejections(records, settings),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    b, r = result["boilerplate"], result["rejections"]
    print(f"boilerplate on {b['articles']} labelled articles ({b['boilerplate_chars']} chars):")
    print(f"  precision {b['precision']:.3f}  recall {b['recall']:.3f}")
    print(f"  reporting characters removed: {b['reporting_chars_removed']}")
    for reason, value in sorted(b["recall_by_reason"].items()):
        print(f"  recall of {reason:<9} {value:.3f}")
    print(f"rejected: {r['rejected']} of {r['articles']} articles ({r['share_rejected']:.1%})")
    for reason, count in r["reasons"].items():
        print(f"  {count:5d}  {reason}")


if __name__ == "__main__":
    main()
