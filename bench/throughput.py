"""Throughput of the full pipeline against the bare spaCy pipeline on the same texts.

    python bench/throughput.py [PATH ...] [--repeat N]

PATH defaults to examples/corpus; ../shared/seeds can be given too.  The texts
are the cleaned documents, so both runs parse exactly the same words.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from tacitus.config import Settings
from tacitus.ingest import read_inputs
from tacitus.parse import load_nlp
from tacitus.pipeline import clean_all, ingest
from tacitus.store import Store


def replicate(paths: list[str], repeat: int, into: Path) -> list[Path]:
    """Copies of every input file under distinct names (distinct documents, same words)."""
    files = []
    for path in map(Path, paths):
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    out = []
    for n in range(repeat):
        for f in files:
            target = into / f"r{n:03d}" / f.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, target)
            out.append(target)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=["examples/corpus"])
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args()
    settings = Settings()
    nlp = load_nlp(settings.parse.model)
    with tempfile.TemporaryDirectory() as tmp:
        files = replicate(args.paths, args.repeat, Path(tmp))
        cleaned, _ = clean_all(read_inputs(files, settings.ingest), settings)
        texts = [d.text for d in cleaned]
        words = sum(len(t.split()) for t in texts)
        list(nlp.pipe(texts[:8]))  # warm-up, outside both timings
        began = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.parse.batch_size):
            pass
        bare = time.perf_counter() - began
        with Store(Path(tmp) / "bench.duckdb") as store:
            ingest([str(f) for f in files[:8]], store, settings)  # warm-up: loads KB, lexicon
        with Store(Path(tmp) / "bench2.duckdb") as store:
            began = time.perf_counter()
            report = ingest([str(f) for f in files], store, settings)
            full = time.perf_counter() - began
    docs = len(texts)
    print(f"documents: {docs}  words: {words}  (stored {report.stored}, events {report.events})")
    print(f"bare spaCy:    {docs / bare:8.1f} docs/s  {words / bare:9.0f} words/s")
    print(f"full pipeline: {docs / full:8.1f} docs/s  {words / full:9.0f} words/s")
    print(f"ratio full/bare: {bare / full:.2f}")


if __name__ == "__main__":
    main()
