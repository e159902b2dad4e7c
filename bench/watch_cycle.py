"""Time one ``tacitus watch`` cycle over a large feed, then the cycle after it.

    python bench/watch_cycle.py [--corpus ../shared/corpus/allsides_dev.jsonl] [--items 1000]

The first ``--items`` articles of a JSON Lines corpus (``text``, ``title``, ``published``,
``outlet``) are served by the bundled feed server on 127.0.0.1 as one Atom feed of that
many entries, and ``tacitus watch --once`` (one worker) reads it into a fresh database:
every entry is fetched, cleaned, coded and stored.  Then it runs again, when the feed
answers 304.  Printed: items, documents stored and rejected, wall seconds, items per
second, and the peak resident memory of the watcher process.  Needs the corpus; nothing
is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import yaml

from tacitus.watch.feed_server import make_server

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "allsides_dev.jsonl"


def write_site(corpus: Path, items: int, folder: Path) -> int:
    """The first ``items`` records with text, as one JSON Lines file the server lists."""
    kept = 0
    with corpus.open(encoding="utf-8") as lines, (folder / "items.jsonl").open("w") as out:
        for line in lines:
            record = json.loads(line)
            if not (record.get("text") or "").strip():
                continue
            keep = ("id", "title", "text", "published", "outlet")
            out.write(json.dumps({k: record.get(k) for k in keep}) + "\n")
            kept += 1
            if kept == items:
                break
    return kept


def watch_once(sources: Path, db: Path) -> tuple[float, str]:
    began = time.perf_counter()
    command = [sys.executable, "-m", "tacitus", "watch", str(sources), "--db", str(db),
               "--once", "--alerts", str(db.with_suffix(".alerts.jsonl"))]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - began, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--items", type=int, default=1000)
    args = parser.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"no corpus at {args.corpus}")
    with tempfile.TemporaryDirectory(prefix="tacitus-watch-bench-") as tmp:
        folder = Path(tmp) / "site"
        folder.mkdir()
        items = write_site(args.corpus, args.items, folder)
        server = make_server(folder)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        sources = Path(tmp) / "sources.yaml"
        url = f"http://127.0.0.1:{server.server_port}/feed.xml"
        sources.write_text(yaml.safe_dump({
            "sources": [{"name": "bench", "url": url, "language": "en"}],
            "politeness": {"host_interval": 0}}))  # fmt: skip
        db = Path(tmp) / "watch.duckdb"
        first, line = watch_once(sources, db)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        second, again = watch_once(sources, db)
        server.shutdown()
        con = duckdb.connect(str(db), read_only=True)
        stored, events = con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)"
        ).fetchone()
        rejected = con.execute("SELECT count(*) FROM watch_pages WHERE outcome <> 'stored'")
        rejected_n = rejected.fetchone()[0]
    print(f"feed items:         {items}")
    print(f"first cycle:        {line}")
    print(f"documents stored:   {stored}, not stored {rejected_n}, events {events}")
    print(f"wall:               {first:.1f} s  ({items / first:.2f} items/s, one worker)")
    print(f"peak memory:        {peak_kb / 1024:.0f} MB (watcher process)")
    print(f"second cycle (304): {second:.1f} s  {again}")


if __name__ == "__main__":
    main()
