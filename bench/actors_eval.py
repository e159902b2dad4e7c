"""Evaluate actor resolution against mention-level gold.

    python bench/actors_eval.py GOLD.jsonl [GOLD.jsonl ...] [--show-errors]

Each gold line: {"doc": path, "text": surface, "occurrence": n (1-based, optional),
"sentence": text (optional), "label": cluster id, "code", "sector", "discovered"
(optional)}.  Paths are tried as given, then relative to the gold file.  A document's
publication date comes from a ``manifest.jsonl`` beside it (``file``, ``published``).

Prints resolution accuracy (code and sector), B-cubed precision/recall/F1 of the
clustering (predicted cluster = resolved actor id), discovery precision (discovered
actors that are gold mentions, and how many of those got the gold code), and the
time resolution takes beside spaCy's parse.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tacitus.actors import KnowledgeBase, resolve_actors
from tacitus.actors.normalize import fold_confusables
from tacitus.parse import load_nlp
from tacitus.records import ActorMention, CleanDocument, OffsetMap, stable_id


@dataclass
class Outcome:
    gold: dict[str, Any]
    predicted: ActorMention | None


def _doc_path(raw: str, gold_file: Path) -> Path:
    for candidate in (Path(raw), gold_file.parent / raw):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{gold_file}: document {raw} not found")


def _published(path: Path) -> date | None:
    manifest = path.parent / "manifest.jsonl"
    if not manifest.is_file():
        return None
    for line in manifest.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line) if line.strip() else {}
        if entry.get("file") == path.name and entry.get("published"):
            return date.fromisoformat(entry["published"])
    return None


def _gold_span(
    text: str, row: dict[str, Any], counts: dict[tuple[str, str], int]
) -> tuple[int, int]:
    """Character span of the gold mention: its n-th occurrence (in its sentence if given)."""
    surface = row["text"]
    base = text.find(row["sentence"]) if row.get("sentence") else 0
    base = max(base, 0)
    key = (row.get("sentence") or "", surface)
    counts[key] += 1
    wanted = row.get("occurrence") or counts[key]
    at = base - 1
    for _ in range(wanted):
        at = text.find(surface, at + 1)
        if at < 0:
            return -1, -1
    return at, at + len(surface)


def _char_span(mention: ActorMention, doc: Any) -> tuple[int, int]:
    last = doc[mention.end - 1]
    return doc[mention.start].idx, last.idx + len(last.text)


def _best(span: tuple[int, int], mentions: list[ActorMention], doc: Any) -> ActorMention | None:
    best, best_overlap = None, 0
    for mention in mentions:
        start, end = _char_span(mention, doc)
        overlap = min(end, span[1]) - max(start, span[0])
        if overlap > best_overlap:
            best, best_overlap = mention, overlap
    return best


def _b_cubed(outcomes: list[Outcome]) -> tuple[float, float, float]:
    gold_of = [o.gold["label"] for o in outcomes]
    pred_of = [
        o.predicted.ref.id if o.predicted and o.predicted.ref.id else f"missing:{i}"
        for i, o in enumerate(outcomes)
    ]
    gold_members: dict[str, set[int]] = defaultdict(set)
    pred_members: dict[str, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold_of, pred_of, strict=True)):
        gold_members[g].add(i)
        pred_members[p].add(i)
    precision = recall = 0.0
    for i in range(len(outcomes)):
        both = len(gold_members[gold_of[i]] & pred_members[pred_of[i]])
        precision += both / len(pred_members[pred_of[i]])
        recall += both / len(gold_members[gold_of[i]])
    n = max(len(outcomes), 1)
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(gold_files: list[Path], show_errors: bool) -> None:
    nlp, kb = load_nlp(), KnowledgeBase.load()
    rows_by_doc: dict[Path, list[dict[str, Any]]] = defaultdict(list)
    for gold_file in gold_files:
        for number, line in enumerate(gold_file.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                if "doc" not in row:
                    raise SystemExit(f"{gold_file}:{number}: no 'doc' field; not an actor gold row")
                rows_by_doc[_doc_path(row["doc"], gold_file)].append(row)
    outcomes: list[Outcome] = []
    discovered = discovered_real = discovered_right = 0
    parse_time = resolve_time = 0.0
    for path, rows in sorted(rows_by_doc.items()):
        text = fold_confusables(path.read_text(encoding="utf-8"))
        started = time.perf_counter()
        doc = nlp(text)
        parsed = time.perf_counter()
        document = CleanDocument(
            doc_id=stable_id(str(path)), source=str(path), raw=text, text=text,
            offsets=OffsetMap.identity(len(text)), published=_published(path),
        )  # fmt: skip
        mentions = resolve_actors(doc, document, kb)
        resolve_time += time.perf_counter() - parsed
        parse_time += parsed - started
        counts: dict[tuple[str, str], int] = defaultdict(int)
        spans = [_gold_span(text, row, counts) for row in rows]
        for row, span in zip(rows, spans, strict=True):
            outcomes.append(Outcome(row, _best(span, mentions, doc) if span[0] >= 0 else None))
        for mention in (m for m in mentions if m.discovered and m.method != "coref"):
            discovered += 1
            start, end = _char_span(mention, doc)
            hit = [
                row for row, span in zip(rows, spans, strict=True)
                if min(end, span[1]) > max(start, span[0])
            ]  # fmt: skip
            discovered_real += bool(hit)
            discovered_right += bool(hit and hit[0]["code"] == mention.ref.code)
    counts = (discovered, discovered_real, discovered_right)
    _report(outcomes, counts, parse_time, resolve_time, show_errors)


def _report(
    outcomes: list[Outcome],
    discovery: tuple[int, int, int],
    parse_time: float,
    resolve_time: float,
    show_errors: bool,
) -> None:
    found = [o for o in outcomes if o.predicted is not None]
    right = [
        o for o in found
        if (o.predicted.ref.code, o.predicted.ref.sector) == (o.gold["code"], o.gold["sector"])
    ]  # fmt: skip
    code_right = [o for o in found if o.predicted.ref.code == o.gold["code"]]
    precision, recall, f1 = _b_cubed(outcomes)
    n = max(len(outcomes), 1)
    print(f"gold mentions        {len(outcomes)}")
    print(f"found                {len(found) / n:.3f}")
    print(f"accuracy code        {len(code_right) / n:.3f}")
    print(f"accuracy code+sector {len(right) / n:.3f}")
    print(f"B3 P/R/F1            {precision:.3f} / {recall:.3f} / {f1:.3f}")
    discovered, real, right = discovery
    share = real / max(discovered, 1)
    print(f"discovery precision  {share:.3f} ({real}/{discovered} gold actors, {right} code right)")
    print(f"time parse/resolve   {parse_time:.2f}s / {resolve_time:.2f}s")
    if show_errors:
        for o in outcomes:
            got = o.predicted.ref if o.predicted else None
            if got is None or (got.code, got.sector) != (o.gold["code"], o.gold["sector"]):
                shown = f"{got.entity_text!r} {got.id} {got.code} {got.sector}" if got else "-"
                print(f"  {Path(o.gold['doc']).name[:40]:40} {o.gold['text']!r:28} "
                      f"gold {o.gold['code']} {o.gold['sector']}  got {shown}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    evaluate(args.gold, args.show_errors)


if __name__ == "__main__":
    main()
