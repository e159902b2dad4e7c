"""Assemble the gold: the first annotator's records, with the adjudicated ones in their place.

    python tools/annotation/assemble.py annotations/events/annotator_a.jsonl \
        --adjudicated annotations/events/adjudicated.jsonl --out annotations/events/gold.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("annotations", type=Path, nargs="+")
    parser.add_argument("--adjudicated", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    records = {}
    for path in args.annotations:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records[record["sid"]] = record
    for line in args.adjudicated.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records[record["sid"]] = record
    rows = [records[sid] for sid in sorted(records)]
    args.out.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows))
    print(f"{len(rows)} sentences, {sum(len(r['events']) for r in rows)} events")


if __name__ == "__main__":
    main()
