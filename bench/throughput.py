"""Throughput and memory of the full pipeline against bare spaCy on the same texts.

    python bench/throughput.py [--docs 640] [--corpus DIR] [--workers 1 2] [--rounds 3]
                               [--memory-sizes 10000 50000] [--profile FILE]

The texts are a synthetic corpus from ``bench/make_corpus.py`` (or ``--corpus``).
Bare spaCy parses the cleaned texts; the full pipeline reads, cleans, codes and
stores the same files in a fresh database.  Rates are steady-state: timed from
the first stored batch to the last, so loading models in workers is left out
(wall-clock totals are shown too), and the store lets go of the database between
batches, as ``tacitus ingest`` does.  Bare and full runs alternate (``--rounds``)
and the ratios printed are medians, as this machine's speed drifts between runs.
A 1-worker run also splits its time by stage; the parse's share of it is the
ratio the run would show against a bare parse as fast as its own.

Peak memory is that of ``tacitus ingest`` on a corpus of each size
(``--memory-workers``, one by default): the resident size of its whole process
tree, sampled twice a second, and the writer's own peak.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from make_corpus import write_corpus
from tacitus.config import Settings
from tacitus.engines.local import InProcessEngine
from tacitus.engines.stages import Worker
from tacitus.ingest import read_inputs
from tacitus.parse import load_nlp
from tacitus.pipeline import IngestReport, Pipeline, batched, ingest, run_stages
from tacitus.store import Store

# How often the memory runs sample the resident size of the ingest's processes.
MEMORY_SAMPLE_SECONDS = 0.5
TACITUS = [sys.executable, "-m", "tacitus"]
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class Run:
    docs: int
    words: int
    seconds: float
    wall: float
    # Seconds of the timed span in each stage of an in-process run: clean, parse, code
    # and, for the rest (reading, admission, storing), "store".
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Words per second."""
        return self.words / self.seconds

    def split_line(self) -> str:
        """Milliseconds per document in each stage."""
        parts = [f"{stage} {sec / self.docs * 1000:.1f}" for stage, sec in self.stages.items()]
        return f"{'':<26} ms per document: " + ", ".join(parts)

    def line(self, label: str) -> str:
        return (
            f"{label:<26} {self.docs / self.seconds:8.1f} docs/s {self.rate:9.0f}"
            f" words/s   ({self.docs} docs in {self.seconds:.1f} s; wall {self.wall:.1f} s)"
        )


def cleaned_texts(corpus: Path, settings: Settings) -> list[str]:
    worker = Worker(settings)
    texts = []
    for batch in batched(read_inputs([corpus], settings.ingest), 64):
        texts += [d.text for d in worker.clean(batch).documents]
    return texts


def time_bare(texts: list[str], settings: Settings) -> Run:
    nlp = load_nlp(settings.parse.model)
    list(nlp.pipe(texts[:8]))  # warm-up
    began = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.parse.batch_size):
        pass
    seconds = time.perf_counter() - began
    return Run(len(texts), sum(len(t.split()) for t in texts), seconds, seconds)


def time_full(corpus: Path, db: Path, settings: Settings, workers: int, words: list[int]) -> Run:
    """Steady-state rate, from the first stored batch to the last; ``words``: of each
    cleaned document, in input order, which is the order batches are stored in.

    The stages are those of ``tacitus ingest`` but its last step (dating undated
    reports from their stories), which comes after the last batch."""
    marks: list[tuple[float, int, Counter[str]]] = []
    # As ``tacitus ingest`` does: the writer lets go of the database between batches.
    with Store(db, hold=False) as store, Pipeline(store, settings, workers) as pipeline:
        engine = pipeline.engine
        worker = engine.worker if isinstance(engine, InProcessEngine) else None

        def progress(report: IngestReport) -> None:
            spent = Counter(worker.seconds) if worker else Counter()
            marks.append((time.perf_counter(), report.stored + report.skipped, spent))

        began = time.perf_counter()
        run_stages(engine, read_inputs([corpus], settings.ingest), store, settings, progress)
        wall = time.perf_counter() - began
    if len(marks) < 2:  # one batch: no steady state to time
        marks.insert(0, (began, 0, Counter()))
    (first, before, spent_first), (last, docs, spent_last) = marks[0], marks[-1]
    stages = dict(spent_last - spent_first)
    if stages:
        stages["store"] = last - first - sum(stages.values())
    # The words of the documents timed, not a share of all: the first batch, left out,
    # may hold shorter or longer documents than the rest.
    return Run(docs - before, sum(words[before:docs]), last - first, wall, stages)


def peak_memory(corpus: Path, db: Path, workers: int) -> tuple[int, int, float]:
    """Peak resident kilobytes of ``tacitus ingest`` on ``corpus``: of the whole process
    tree (writer and workers, sampled), of the writer alone, and seconds."""
    began = time.perf_counter()
    command = [*TACITUS, "ingest", str(corpus), "--db", str(db), "--workers", str(workers)]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL) as proc:
        peak = writer = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss_kb(proc.pid))
            writer = max(writer, own_peak_kb(proc.pid))
            time.sleep(MEMORY_SAMPLE_SECONDS)
    if proc.returncode:
        raise SystemExit(f"the memory run on {corpus} failed (exit {proc.returncode})")
    return max(peak, writer), writer, time.perf_counter() - began


def tree_rss_kb(root: int) -> int:
    """Resident kilobytes of process ``root`` and all its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        children.setdefault(ppid, []).append(int(stat.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB
        except (OSError, IndexError, ValueError):
            continue
    return total


def own_peak_kb(pid: int) -> int:
    """The peak resident kilobytes of process ``pid`` (Linux's ``VmHWM``); 0 once it ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+)", status, re.M)
    return int(found.group(1)) if found else 0


def profiled(corpus: Path, db: Path, settings: Settings, out: Path) -> None:
    profile = cProfile.Profile()
    with Store(db) as store:
        profile.runcall(ingest, [corpus], store, settings)
    profile.dump_stats(out)
    stats = pstats.Stats(str(out))
    stats.sort_stats("tottime").print_stats(25)


def report_rates(
    corpus: Path, tmp: Path, settings: Settings, workers: list[int], rounds: int
) -> None:
    """Bare spaCy and the full pipeline in alternation, ``rounds`` times: the machine's
    load drifts, and a ratio of two runs made side by side is steadier than of two
    made minutes apart.  The summary is the median over rounds."""
    texts = cleaned_texts(corpus, settings)
    doc_words = [len(text.split()) for text in texts]
    ratios: dict[int, list[float]] = {count: [] for count in workers}
    speedups: dict[int, list[float]] = {count: [] for count in workers}
    parse_shares: list[float] = []
    for round_no in range(1, rounds + 1):
        bare = time_bare(texts, settings)
        print(bare.line(f"[{round_no}] bare spaCy"))
        full = {}
        for count in workers:
            db = tmp / f"r{round_no}w{count}.duckdb"
            full[count] = time_full(corpus, db, settings, count, doc_words)
            print(full[count].line(f"[{round_no}] full, {count} worker(s)"))
            if full[count].stages:
                print(full[count].split_line())
                parse_shares.append(full[count].stages["parse"] / full[count].seconds)
        for count, run in full.items():
            ratios[count].append(run.rate / bare.rate)
            if 1 in full:
                speedups[count].append(run.rate / full[1].rate)
    for count in workers:
        print(f"ratio full/bare words/s, {count} worker(s): {_summary(ratios[count])}")
        if speedups[count] and count != 1:
            print(f"speed-up {count} worker(s) over 1: {_summary(speedups[count])}")
    if parse_shares:
        print(
            f"parse's share of a 1-worker run (its ratio at the pipeline's own parse speed): "
            f"{_summary(parse_shares)}"
        )


def _summary(values: list[float]) -> str:
    listed = ", ".join(f"{v:.2f}" for v in values)
    return f"{statistics.median(values):.2f} (median of {listed})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=640, help="synthetic articles to time")
    parser.add_argument("--corpus", type=Path, help="time this folder or JSON Lines file")
    parser.add_argument("--source", type=Path, default=Path("examples/corpus"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=3, help="alternations of bare and full")
    parser.add_argument("--memory-sizes", type=int, nargs="*", default=[])
    parser.add_argument("--profile", type=Path, help="cProfile a 1-worker ingest into FILE")
    parser.add_argument("--no-timing", action="store_true", help="only the memory runs")
    parser.add_argument("--memory-workers", type=int, default=1, help="workers of memory runs")
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        if not args.corpus:
            write_corpus(args.docs, corpus, args.source, seed=7)
        if args.profile:
            profiled(corpus, Path(tmp) / "profile.duckdb", settings, args.profile)
        if not args.no_timing:
            print(f"corpus: {corpus if args.corpus else f'{args.docs} synthetic articles'}")
            report_rates(corpus, Path(tmp), settings, args.workers, args.rounds)
        for size in args.memory_sizes:
            folder = Path(tmp) / f"mem{size}"
            write_corpus(size, folder, args.source, seed=11)
            db = Path(tmp) / f"mem{size}.duckdb"
            total, writer, seconds = peak_memory(folder, db, args.memory_workers)
            print(
                f"peak memory at {size} documents, {args.memory_workers} worker(s): "
                f"{total / 1024:.0f} MiB in all, {writer / 1024:.0f} MiB in the writer "
                f"({seconds:.0f} s, {size / seconds:.1f} docs/s)"
            )
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
