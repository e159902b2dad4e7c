"""Score event merging on the sample corpus against its gold real-world events.

    python bench/merge_eval.py [--db FILE] [--corpus DIR] [--gold YAML] [--json]

Ingests the corpus into a fresh database (a temporary one unless --db is given;
an existing --db file is replaced), then prints how many gold reports were
found, pairwise precision/recall/F1 of merging and B-cubed precision/recall/F1,
and the gold events that were split or fused.  See ``tacitus.evaluation_merge``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from tacitus.config import Settings
from tacitus.evaluation_merge import Scores, evaluate_store, load_gold, render
from tacitus.pipeline import ingest
from tacitus.store import Store

ROOT = Path(__file__).resolve().parents[1]


def run(db: Path, corpus: Path, gold: Path) -> Scores:
    db.unlink(missing_ok=True)
    with Store(db) as store:
        ingest([corpus], store, Settings())
        return evaluate_store(store, load_gold(gold))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database file to (re)create and keep")
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--gold", type=Path, default=ROOT / "bench" / "data" / "merge_gold.yaml")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scores = run(args.db or Path(tmp) / "merge.duckdb", args.corpus, args.gold)
    print(json.dumps(scores.as_dict(), indent=2) if args.json else render(scores))


if __name__ == "__main__":
    main()
