"""Write annotation batches: each sampled sentence with the context an annotator needs.

The batches hold article text, so they go to a scratch folder, never into the repository.

    python tools/annotation/render.py --out /tmp/annot/batches --size 108
    python tools/annotation/render.py --out /tmp/annot/batches --double --size 110
"""

from __future__ import annotations

import argparse
from itertools import groupby
from pathlib import Path
from typing import Any

from corpus import articles, sample

CONTEXT_CHARS = 450


def _previous(text: str, start: int) -> str:
    """Up to about two sentences before ``start``, cut at a sentence end."""
    chunk = text[max(0, start - CONTEXT_CHARS) : start].rstrip()
    cut = chunk.find(". ")
    return chunk[cut + 2 :] if start > CONTEXT_CHARS and cut >= 0 else chunk


def _render_article(doc_id: str, rows: list[dict[str, Any]]) -> str:
    article = articles()[doc_id]
    text = article["text"]
    lead_end = text.find("\n\n")
    lead = text[: lead_end if lead_end > 0 else 300][:400]
    lines = [
        f"=== ARTICLE {doc_id} | outlet: {article['outlet']} | published: "
        f"{article.get('published') or 'unknown'} | url: {article.get('url') or '-'}",
        f"TITLE: {article.get('title') or '-'}",
        f"LEAD: {lead}",
    ]
    for row in rows:
        lines += [
            f"--- {row['sid']}",
            f"CONTEXT: ...{_previous(text, row['start'])}",
            f"SENTENCE: {text[row['start'] : row['end']]}",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", type=int, default=108)
    parser.add_argument("--double", action="store_true", help="only the doubly annotated sample")
    parser.add_argument("--prefix", default=None)
    parser.add_argument("--round", type=int, default=None, help="only this sampling round")
    args = parser.parse_args()
    rows = [r for r in sample() if r["double"] or not args.double]
    rows = [r for r in rows if args.round is None or r.get("round", 1) == args.round]
    prefix = args.prefix or ("double" if args.double else "batch")
    args.out.mkdir(parents=True, exist_ok=True)
    batch: list[str] = []
    count = number = 0
    for doc_id, group in groupby(rows, key=lambda r: r["doc"]):
        members = list(group)
        batch.append(_render_article(doc_id, members))
        count += len(members)
        if count >= args.size:
            number += 1
            _write(args.out / f"{prefix}{number:02d}.txt", batch, count)
            batch, count = [], 0
    if batch:
        number += 1
        _write(args.out / f"{prefix}{number:02d}.txt", batch, count)


def _write(path: Path, blocks: list[str], count: int) -> None:
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    print(f"{path}: {count} sentences")


if __name__ == "__main__":
    main()
