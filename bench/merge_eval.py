"""Score event merging against gold real-world events.

    python bench/merge_eval.py [--db FILE] [--corpus PATH] [--gold YAML]
                               [--split dev|held-out|all] [--json]
    python bench/merge_eval.py --corpus ../shared/corpus/allsides_dev.jsonl \
        --gold bench/data/merge_gold_real.yaml

Ingests the corpus (the sample corpus by default; from a JSON Lines corpus only the
records the gold names) into a fresh database (a temporary one unless --db is given;
an existing --db file is replaced), then prints how many gold reports were
found, pairwise precision/recall/F1 of merging and B-cubed precision/recall/F1,
and the gold events that were split or fused.  ``--split`` scores only the gold events of
the development half or the held-out half (a stable hash of the event id; the whole corpus
is still ingested), ``--split all`` (the default) every one.  See ``tacitus.evaluation_merge``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from tacitus.config import Settings
from tacitus.evaluation_merge import (
    MergeGold,
    Scores,
    evaluate_store,
    load_gold,
    render,
    split_events,
)
from tacitus.pipeline import ingest
from tacitus.store import Store

ROOT = Path(__file__).resolve().parents[1]


def run(db: Path, corpus: Path, gold_path: Path, half: str = "all") -> Scores:
    db.unlink(missing_ok=True)
    gold = load_gold(gold_path)
    if corpus.suffix == ".jsonl":
        # Every record the gold names, whatever the half: the halves share one merge.
        corpus = _named_records(corpus, gold, db.with_suffix(".jsonl"))
    with Store(db) as store:
        ingest([corpus], store, Settings())
        return evaluate_store(store, split_events(gold, half))


def _named_records(corpus: Path, gold: MergeGold, out: Path) -> Path:
    """The records of ``corpus`` the gold names, copied to ``out``."""
    wanted = {r.record for e in gold.events for r in e.reports if r.record}
    with corpus.open(encoding="utf-8") as lines, out.open("w", encoding="utf-8") as kept:
        kept.writelines(line for line in lines if json.loads(line).get("id") in wanted)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database file to (re)create and keep")
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--gold", type=Path, default=ROOT / "bench" / "data" / "merge_gold.yaml")
    parser.add_argument(
        "--split", choices=("dev", "held-out", "all"), default="all", help="gold half to score"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "merge.duckdb"
        scores = run(db, args.corpus, args.gold, args.split)
    print(json.dumps(scores.as_dict(), indent=2) if args.json else render(scores))


if __name__ == "__main__":
    main()
