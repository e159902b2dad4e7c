"""Write a synthetic news corpus for benchmarks, recombined from a sample corpus.

    python bench/make_corpus.py N OUTDIR [--source examples/corpus] [--seed 7]

Every article is made of sentences, titles, datelines, dates, outlets and
boilerplate lines taken from the source corpus (nothing from outside it):
a title, a dated dateline, paragraphs of sentences drawn from many source
articles, and often site boilerplate.  A share of the articles are exact
copies or near-copies of earlier ones, and a few are boilerplate only, so the
cleaning and duplicate stages see realistic work.  Output: folders of 1,000
text files, each with a ``manifest.jsonl`` giving outlet, date and URL.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# Shares of the generated articles (the rest are fresh recombinations).
EXACT_COPY_SHARE = 0.08
NEAR_COPY_SHARE = 0.07
BOILERPLATE_ONLY_SHARE = 0.02
WITH_BOILERPLATE_SHARE = 0.6
# Copies are drawn from this many recent articles.
RECENT_ARTICLES = 500
FILES_PER_FOLDER = 1000
PARAGRAPHS = (4, 9)
SENTENCES_PER_PARAGRAPH = (1, 3)
DATE_SPREAD_DAYS = 45
# A paragraph with fewer words is not article text (a byline, a footer, a link).
BODY_MIN_WORDS = 15

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“])")
_DATELINE = re.compile(r"^([A-Z][A-Z .'-]+), [A-Z][a-z]+ \d{1,2} \(([^)]*)\) [-–—] ")
_DATE_ONLY = re.compile(r"^\W*(?:[A-Z][a-z]+,? )?[A-Z][a-z]+ \d{1,2}, \d{4}\W*$")


@dataclass
class Material:
    titles: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    outlets: dict[str, str] = field(default_factory=dict)  # name -> site
    dates: list[date] = field(default_factory=list)

    def take(self, text: str, title: str | None = None) -> None:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        if title is None and paragraphs:
            title, *paragraphs = paragraphs
        if title:
            self.titles.append(title.splitlines()[0].strip())
        seen_body = False
        for paragraph in paragraphs:
            if len(paragraph.split()) >= BODY_MIN_WORDS and paragraph[-1:] in '.!?"”':
                seen_body = True
                self._sentences(paragraph)
            elif seen_body and not _DATE_ONLY.match(paragraph):
                self.boilerplate.append(paragraph)

    def _sentences(self, paragraph: str) -> None:
        dateline = _DATELINE.match(paragraph)
        if dateline:
            self.cities.append(dateline.group(1))
            paragraph = paragraph[dateline.end() :]
        self.sentences += [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def read_material(source: Path) -> Material:
    material = Material()
    manifest = source / "manifest.jsonl"
    entries = [json.loads(line) for line in manifest.read_text().splitlines() if line.strip()]
    for entry in entries:
        _outlet(material, entry)
    for path in sorted(source.glob("*.txt")):
        material.take(path.read_text(encoding="utf-8"))
    for path in sorted(source.glob("*.jsonl")):
        if path.name == manifest.name:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            _outlet(material, record)
            material.take(record.get("text", ""), record.get("title"))
    if not (material.sentences and material.outlets and material.dates):
        raise SystemExit(f"{source}: no usable articles, outlets or dates")
    return material


def _outlet(material: Material, entry: dict) -> None:
    if entry.get("outlet") and entry.get("url"):
        site = "/".join(entry["url"].split("/")[:3])
        material.outlets.setdefault(entry["outlet"], site)
    if entry.get("published"):
        material.dates.append(date.fromisoformat(entry["published"]))


@dataclass
class Article:
    outlet: str
    published: date
    title: str
    paragraphs: list[str]
    boilerplate: list[str]

    def text(self) -> str:
        dated = self.published.strftime("%B %-d, %Y")
        return "\n\n".join([self.title, dated, *self.paragraphs, *self.boilerplate]) + "\n"


class Writer:
    def __init__(self, material: Material, seed: int) -> None:
        self.m = material
        self.rng = random.Random(seed)
        self.outlets = sorted(material.outlets)
        self.recent: deque[Article] = deque(maxlen=RECENT_ARTICLES)

    def article(self) -> Article:
        roll = self.rng.random()
        if self.recent and roll < EXACT_COPY_SHARE:
            return self.rng.choice(self.recent)
        if self.recent and roll < EXACT_COPY_SHARE + NEAR_COPY_SHARE:
            return self._near_copy(self.rng.choice(self.recent))
        if roll < EXACT_COPY_SHARE + NEAR_COPY_SHARE + BOILERPLATE_ONLY_SHARE:
            return self._boilerplate_only()
        article = self._fresh()
        self.recent.append(article)
        return article

    def _fresh(self) -> Article:
        rng = self.rng
        outlet = rng.choice(self.outlets)
        published = rng.choice(self.m.dates) + timedelta(
            days=rng.randint(-DATE_SPREAD_DAYS, DATE_SPREAD_DAYS)
        )
        paragraphs = [
            " ".join(rng.choices(self.m.sentences, k=rng.randint(*SENTENCES_PER_PARAGRAPH)))
            for _ in range(rng.randint(*PARAGRAPHS))
        ]
        if self.m.cities:
            city = rng.choice(self.m.cities)
            short = outlet.split()[0]
            paragraphs[0] = f"{city}, {published:%B} {published.day} ({short}) - {paragraphs[0]}"
        return Article(outlet, published, rng.choice(self.m.titles), paragraphs, self._extras())

    def _near_copy(self, original: Article) -> Article:
        paragraphs = list(original.paragraphs)
        paragraphs[self.rng.randrange(len(paragraphs))] = self.rng.choice(self.m.sentences)
        return Article(
            self.rng.choice(self.outlets),
            original.published + timedelta(days=self.rng.randint(0, 1)),
            original.title,
            paragraphs,
            self._extras(),
        )

    def _boilerplate_only(self) -> Article:
        lines = self.rng.choices(self.m.boilerplate or self.m.titles, k=3)
        return Article(self.rng.choice(self.outlets), self.rng.choice(self.m.dates), "", [], lines)

    def _extras(self) -> list[str]:
        if not self.m.boilerplate or self.rng.random() >= WITH_BOILERPLATE_SHARE:
            return []
        return self.rng.sample(self.m.boilerplate, k=min(3, self.rng.randint(1, 3)))

    def url(self, article: Article, number: int) -> str:
        site = self.m.outlets[article.outlet]
        return f"{site}/{article.published:%Y/%m/%d}/story-{number:07d}"


def write_corpus(count: int, out: Path, source: Path, seed: int) -> int:
    writer = Writer(read_material(source), seed)
    words = 0
    for start in range(0, count, FILES_PER_FOLDER):
        folder = out / f"part-{start // FILES_PER_FOLDER:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        manifest = []
        for number in range(start, min(start + FILES_PER_FOLDER, count)):
            article = writer.article()
            name = f"article-{number:07d}.txt"
            text = article.text()
            words += len(text.split())
            (folder / name).write_text(text, encoding="utf-8")
            meta = {"file": name, "outlet": article.outlet, "url": writer.url(article, number)}
            manifest.append(json.dumps(meta | {"published": article.published.isoformat()}))
        (folder / "manifest.jsonl").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--source", type=Path, default=Path("examples/corpus"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    words = write_corpus(args.count, args.out, args.source, args.seed)
    print(f"wrote {args.count} articles ({words} words) under {args.out}")


if __name__ == "__main__":
    main()
