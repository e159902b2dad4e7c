"""Agreement between two independent annotations of the same sentences.

    python tools/annotation/agreement.py annotations/events/annotator_a.jsonl \
        annotations/events/annotator_b.jsonl [--disagreements OUT.jsonl]

Events of the two annotators in one sentence are aligned by trigger overlap (same type
first), then by type; an event with no partner is aligned to NONE.  Reported: Cohen's kappa
on the type over aligned events, Cohen's kappa on whether a sentence holds any event, and
actor and recipient code agreement on aligned events of the same type.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

NONE = "NONE"


def cohen_kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def _overlap(a: list[int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def align(left: list[dict[str, Any]], right: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
    """Pairs of events (or None) of two annotators in one sentence."""
    pairs, free = [], list(range(len(right)))
    rest = []
    for event in left:
        ranked = sorted(
            (i for i in free if _overlap(event["trigger"], right[i]["trigger"])),
            key=lambda i: right[i]["type"] != event["type"],
        )
        if ranked:
            pairs.append((event, right[ranked[0]]))
            free.remove(ranked[0])
        else:
            rest.append(event)
    for event in rest:
        same = [i for i in free if right[i]["type"] == event["type"]]
        if same:
            pairs.append((event, right[same[0]]))
            free.remove(same[0])
        else:
            pairs.append((event, None))
    pairs += [(None, right[i]) for i in free]
    return pairs


def _codes(event: dict[str, Any], side: str) -> frozenset[str]:
    return frozenset(e["code"] for e in event[side] if e["code"])


def _coded(event: dict[str, Any], side: str) -> frozenset[tuple[str, str]]:
    return frozenset((e["code"], e["sector"]) for e in event[side] if e["code"])


def agreement(left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    shared = sorted(set(left) & set(right))
    type_pairs, sentence_pairs = [], []
    roles = {"actor": [0, 0], "recipient": [0, 0]}
    sectors = {"actor": 0, "recipient": 0}
    disagreements = []
    for sid in shared:
        a, b = left[sid]["events"], right[sid]["events"]
        sentence_pairs.append((str(bool(a)), str(bool(b))))
        aligned = align(a, b)
        differs = False
        for x, y in aligned:
            type_pairs.append((x["type"] if x else NONE, y["type"] if y else NONE))
            differs |= x is None or y is None or x["type"] != y["type"]
            if x and y and x["type"] == y["type"]:
                for side in roles:
                    same = _codes(x, side) == _codes(y, side)
                    roles[side][0] += same
                    roles[side][1] += 1
                    sectors[side] += _coded(x, side) == _coded(y, side)
                    differs |= not same
        if differs:
            disagreements.append(sid)
    return {
        "sentences": len(shared),
        "aligned_events": len(type_pairs),
        "type_kappa": cohen_kappa(type_pairs),
        "type_agreement": sum(a == b for a, b in type_pairs) / max(1, len(type_pairs)),
        "sentence_kappa": cohen_kappa(sentence_pairs),
        "actor_agreement": roles["actor"][0] / max(1, roles["actor"][1]),
        "recipient_agreement": roles["recipient"][0] / max(1, roles["recipient"][1]),
        "actor_sector_agreement": sectors["actor"] / max(1, roles["actor"][1]),
        "recipient_sector_agreement": sectors["recipient"] / max(1, roles["recipient"][1]),
        "same_type_pairs": roles["actor"][1],
        "disagreements": disagreements,
    }


def _load(path: Path) -> dict[str, dict[str, Any]]:
    return {r["sid"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("left", type=Path)
    parser.add_argument("right", type=Path)
    parser.add_argument("--disagreements", type=Path, help="write the sentence ids that differ")
    args = parser.parse_args()
    result = agreement(_load(args.left), _load(args.right))
    for key, value in result.items():
        if key != "disagreements":
            print(f"{key:22s} {value:.3f}" if isinstance(value, float) else f"{key:22s} {value}")
    print(f"{'sentences differing':22s} {len(result['disagreements'])}")
    if args.disagreements:
        args.disagreements.write_text("\n".join(result["disagreements"]) + "\n")


if __name__ == "__main__":
    main()
