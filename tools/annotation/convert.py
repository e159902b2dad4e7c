"""Check an annotator's output and turn its quoted words into character offsets.

An annotator writes, for each sentence, events whose trigger and entities are quoted from the
sentence (docs/annotation.md, section 8).  This finds each quote in the sentence, checks types,
modes, modalities, codes and dates, and writes the record the repository keeps: offsets into
the article's text, no text.

    python tools/annotation/convert.py --check OUTPUT.jsonl          # list problems, exit 1
    python tools/annotation/convert.py OUTPUT.jsonl --annotator A --out annotations/events/a.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from corpus import CODES, MODALITIES, SECTORS, articles, modes, sample

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Problem(ValueError):
    pass


def locate(sentence: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th appearance of ``quote`` in ``sentence``."""
    if not isinstance(quote, str) or not quote.strip():
        raise Problem(f"empty quote {quote!r}")
    at = -1
    for haystack in (sentence, sentence.lower()):
        needle = quote if haystack is sentence else quote.lower()
        at = -1
        for _ in range(occurrence):
            at = haystack.find(needle, at + 1)
            if at < 0:
                break
        if at >= 0:
            return at, at + len(quote)
    raise Problem(f"{quote!r} is not in the sentence")


def _entity(sentence: str, base: int, entity: Any) -> dict[str, Any]:
    if not isinstance(entity, dict):
        raise Problem(f"entity is not an object: {entity!r}")
    code, sector = entity.get("code"), entity.get("sector")
    if code is not None and code not in CODES:
        hint = " (a sector: put it in 'sector')" if code in SECTORS else ""
        raise Problem(f"code {code!r} is not an ISO alpha-3 or PLOVER code{hint}")
    if sector is not None and sector not in SECTORS:
        raise Problem(f"sector {sector!r} is not a PLOVER sector")
    start, end = locate(sentence, entity.get("text", ""), int(entity.get("occurrence", 1)))
    return {"span": [base + start, base + end], "code": code, "sector": sector}


def _event(sentence: str, base: int, event: Any) -> dict[str, Any]:
    if not isinstance(event, dict):
        raise Problem(f"event is not an object: {event!r}")
    kind, mode = event.get("type"), event.get("mode")
    known = modes()
    if kind not in known:
        raise Problem(f"type {kind!r} is not a PLOVER 2.0 type")
    if mode is not None and mode not in known[kind]:
        raise Problem(f"mode {mode!r} is not a mode of {kind} ({', '.join(sorted(known[kind]))})")
    if event.get("modality") not in MODALITIES:
        raise Problem(f"modality {event.get('modality')!r} is not one of {', '.join(MODALITIES)}")
    date = event.get("date")
    if date is not None and not _DATE.match(str(date)):
        raise Problem(f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if not isinstance(event.get("background", False), bool):
        raise Problem("background must be true or false")
    start, end = locate(sentence, event.get("trigger", ""), int(event.get("trigger_occurrence", 1)))
    date_text = event.get("date_text")
    date_span = None
    if date_text:
        date_start, date_end = locate(sentence, date_text)
        date_span = [base + date_start, base + date_end]
    sides = {}
    for side in ("actor", "recipient"):
        entities = event.get(side) or []
        if not isinstance(entities, list):
            raise Problem(f"{side} must be a list")
        sides[side] = [_entity(sentence, base, e) for e in entities]
    if not sides["actor"] and not sides["recipient"]:
        raise Problem("an event needs an actor or a recipient (guidelines, section 4)")
    return {
        "trigger": [base + start, base + end],
        "type": kind,
        "mode": mode,
        "modality": event["modality"],
        **sides,
        "date": date,
        "date_text": date_span,
        "background": bool(event.get("background", False)),
    }


def convert(lines: list[str], annotator: str) -> tuple[list[dict[str, Any]], list[str]]:
    by_sid = {row["sid"]: row for row in sample()}
    records, problems, seen = [], [], set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            sid = item.get("sid")
            if sid not in by_sid:
                raise Problem(f"unknown sid {sid!r}")
            if sid in seen:
                raise Problem(f"{sid} is annotated twice")
            seen.add(sid)
            row = by_sid[sid]
            sentence = articles()[row["doc"]]["text"][row["start"] : row["end"]]
            events = [_event(sentence, row["start"], e) for e in item.get("events", [])]
        except (json.JSONDecodeError, Problem, TypeError, ValueError) as error:
            problems.append(f"line {number}: {error}")
            continue
        records.append(
            {
                "sid": sid,
                "doc": row["doc"],
                "outlet": row["outlet"],
                "start": row["start"],
                "end": row["end"],
                "annotator": annotator,
                "events": events,
            }
        )
    return records, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", type=Path, nargs="+")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--annotator", default="?")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lines = [line for path in args.inputs for line in path.read_text(encoding="utf-8").splitlines()]
    records, problems = convert(lines, args.annotator)
    for problem in problems:
        print(problem)
    events = sum(len(r["events"]) for r in records)
    print(f"{len(records)} sentences, {events} events, {len(problems)} problems", file=sys.stderr)
    if args.out and not args.check:
        records.sort(key=lambda r: r["sid"])
        args.out.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in records))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
