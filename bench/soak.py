"""Soak test: ingest a whole real corpus and fail loudly on any traceback.

    python bench/soak.py PATH [--workers 2] [--db FILE] [--json]

Runs ``tacitus ingest PATH`` into a fresh database (a temporary one unless --db is given;
an existing --db file is replaced) and prints documents stored, copies, documents whose
coding failed (stored uncoded), rejections by reason (with their share of the documents
read), event mentions and events, wall time and peak memory (the resident size of the
ingest's whole process tree, sampled, and of the writer alone).  Exits non-zero when the
ingest fails or prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tacitus.store import Store
from throughput import MEMORY_SAMPLE_SECONDS, TACITUS, own_peak_kb, tree_rss_kb


def soak(path: Path, db: Path, workers: int, log: Path) -> dict[str, Any]:
    db.unlink(missing_ok=True)
    command = [*TACITUS, "ingest", str(path), "--db", str(db), "--workers", str(workers)]
    began = time.perf_counter()
    with log.open("w") as err, subprocess.Popen(command, stdout=err, stderr=err) as proc:
        peak = writer = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss_kb(proc.pid))
            writer = max(writer, own_peak_kb(proc.pid))
            time.sleep(MEMORY_SAMPLE_SECONDS)
    output = log.read_text(errors="replace")
    figures: dict[str, Any] = {
        "exit_code": proc.returncode,
        "tracebacks": output.count("Traceback (most recent call last)"),
        "wall_seconds": round(time.perf_counter() - began, 1),
        "peak_tree_mb": round(max(peak, writer) / 1024),
        "peak_writer_mb": round(writer / 1024),
    }
    if proc.returncode == 0:
        figures |= stored_figures(db)
    return figures


def stored_figures(db: Path) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        documents = store.count("documents")
        copies = store.query("SELECT count(*) AS n FROM documents WHERE duplicate_of IS NOT NULL")
        uncoded = store.query(
            "SELECT count(*) AS n FROM documents "
            "WHERE json_extract(meta, '$.coding_error') IS NOT NULL"
        )
        rejected = Counter(
            r["reason"].split(":")[0].split(" (")[0]
            for r in store.query("SELECT reason FROM rejected")
        )
        read = documents + sum(rejected.values())
        return {
            "documents_read": read,
            "stored": documents,
            "copies": copies[0]["n"],
            "coding_errors": uncoded[0]["n"],
            "rejected": sum(rejected.values()),
            "rejected_share": round(sum(rejected.values()) / read, 4) if read else 0.0,
            "rejected_by_reason": dict(sorted(rejected.items(), key=lambda kv: (-kv[1], kv[0]))),
            "event_mentions": store.count("event_mentions"),
            "events": store.count("events"),
        }


def render(figures: dict[str, Any]) -> str:
    lines = [f"{key:<16} {value}" for key, value in figures.items() if key != "rejected_by_reason"]
    for reason, count in figures.get("rejected_by_reason", {}).items():
        lines.append(f"  {count:>5} x {reason}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="file or folder of articles")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, help="database file to (re)create and keep")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args()
    if not args.path.exists():
        raise SystemExit(f"soak: no such file or folder: {args.path}")
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "ingest.log"
        figures = soak(args.path, args.db or Path(tmp) / "soak.duckdb", args.workers, log)
        failed = figures["exit_code"] != 0 or figures["tracebacks"]
        if failed:
            sys.stderr.write(log.read_text(errors="replace")[-5000:])
    print(json.dumps(figures, indent=2) if args.json else render(figures))
    if failed:
        raise SystemExit("soak: FAILED (non-zero exit or a traceback in the ingest's output)")


if __name__ == "__main__":
    main()
