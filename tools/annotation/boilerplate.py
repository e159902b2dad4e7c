"""Boilerplate gold: which lines of real articles are not the article's reporting.

    python tools/annotation/boilerplate.py sample --out annotations/boilerplate/sample.jsonl
    python tools/annotation/boilerplate.py render --out /tmp/annot/batches/bp --size 50
    python tools/annotation/boilerplate.py convert OUT.jsonl... \
        --out annotations/boilerplate/gold.jsonl

A line is one run of text between line breaks of the article's ``text``.  Annotators list the
numbers of the lines that are boilerplate (bylines, credits, captions, "read more" links,
subscription prompts, author notes, share buttons, corrections notices), with a reason each;
the gold keeps each article's id and the character spans of those lines.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from corpus import ROOT, articles

SEED = 18
ARTICLES = 100
SAMPLE = ROOT / "annotations" / "boilerplate" / "sample.jsonl"
REASONS = (
    "byline",
    "credit",
    "caption",
    "link",
    "promo",
    "dateline",
    "note",
    "share",
    "headline",
    "other",
)


def lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text``."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def sample_command(args: argparse.Namespace) -> None:
    ids = sorted(articles())
    chosen = sorted(random.Random(SEED).sample(ids, args.articles))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps({"doc": i}) + "\n" for i in chosen))
    print(f"{len(chosen)} articles")


def render_command(args: argparse.Namespace) -> None:
    chosen = [json.loads(line)["doc"] for line in SAMPLE.read_text().splitlines()]
    args.out.mkdir(parents=True, exist_ok=True)
    for number, start in enumerate(range(0, len(chosen), args.size), 1):
        blocks = []
        for doc in chosen[start : start + args.size]:
            record = articles()[doc]
            text = record["text"]
            numbered = [f"[{i}] {text[s:e]}" for i, (s, e) in enumerate(lines(text), 1)]
            blocks.append(
                f"=== ARTICLE {doc} | outlet: {record['outlet']} | title: {record.get('title')}\n"
                + "\n".join(numbered)
            )
        path = args.out / f"bp{number:02d}.txt"
        path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
        print(path)


def convert_command(args: argparse.Namespace) -> None:
    wanted = {json.loads(line)["doc"] for line in SAMPLE.read_text().splitlines()}
    records: dict[str, dict[str, Any]] = {}
    problems = []
    for path in args.inputs:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                doc = item["doc"]
                if doc not in wanted or doc in records:
                    raise ValueError(f"{doc!r} is not a sampled article or is given twice")
                spans = lines(articles()[doc]["text"])
                marked = []
                for entry in item.get("boilerplate", []):
                    index, reason = int(entry["line"]), entry["reason"]
                    if not 1 <= index <= len(spans) or reason not in REASONS:
                        raise ValueError(f"{doc}: bad line {index} or reason {reason!r}")
                    marked.append([*spans[index - 1], reason])
                records[doc] = {"doc": doc, "boilerplate": sorted(marked)}
            except (json.JSONDecodeError, KeyError, ValueError, TypeError) as error:
                problems.append(f"{path}:{number}: {error}")
    problems += [f"missing article {doc}" for doc in sorted(wanted - set(records)) if args.out]
    print("\n".join(problems))
    print(f"{len(records)} articles, {len(problems)} problems", file=sys.stderr)
    if args.out and not problems:
        args.out.write_text("".join(json.dumps(records[d]) + "\n" for d in sorted(records)))
    sys.exit(1 if problems else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sample = commands.add_parser("sample")
    sample.add_argument("--out", type=Path, default=SAMPLE)
    sample.add_argument("--articles", type=int, default=ARTICLES)
    render = commands.add_parser("render")
    render.add_argument("--out", type=Path, required=True)
    render.add_argument("--size", type=int, default=50)
    convert = commands.add_parser("convert")
    convert.add_argument("inputs", type=Path, nargs="+")
    convert.add_argument("--out", type=Path)
    args = parser.parse_args()
    {"sample": sample_command, "render": render_command, "convert": convert_command}[args.command](
        args
    )


if __name__ == "__main__":
    main()
