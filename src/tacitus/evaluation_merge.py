"""How well merging gathers the reports of one real-world event, against hand-made gold.

The gold (YAML: ``bench/data/merge_gold.yaml`` for the sample corpus,
``bench/data/merge_gold_real.yaml`` for real articles) lists real-world events, each with
the sentences that report it: a file (or, inside a JSON Lines file, a record id) and
either a few words of the sentence or a character offset inside it (in the document's raw
text; real articles are labelled by offset only, their text stays with its publisher).
A stored event mention *matches* a gold report when it comes from that document, its
sentence contains those words or that offset, and it has the gold event's type (a
mention of another type in the same sentence is a coding error, which merging cannot
mend; those are counted apart).  A sentence counts once: when it gives several
mentions of the type ("France, Germany and Britain urged Turkey" codes one mention per
country), the report is scored by the one in the stored event that gathers the most
matched mentions (ties: the least mention id).  Matched reports are then scored as a
clustering: system cluster = stored event, gold cluster = gold event, by pairwise
precision/recall and B-cubed.  Gold reports with no mention of their type (not found,
or found with another type) are not scored: merging cannot gather what coding missed;
``found`` and ``off_type`` count them.

``split_events`` divides the gold deterministically into a development half and a
held-out half, by a stable hash of each gold event's id.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from tacitus.store import Store, event_queries


class GoldReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str = ""
    record: str | None = None
    sentence_hint: str | None = None
    offset: int | None = None

    @model_validator(mode="after")
    def _located(self) -> GoldReport:
        if not (self.file or self.record):
            raise ValueError("a report needs a file or a record")
        if (self.sentence_hint is None) == (self.offset is None):
            raise ValueError("a report needs exactly one of sentence_hint and offset")
        return self

    def told_in(self, sentence: str, raw_start: int | None, raw_end: int | None) -> bool:
        if self.offset is not None:
            return (
                raw_start is not None and raw_end is not None and raw_start <= self.offset < raw_end
            )
        return _norm(self.sentence_hint or "") in _norm(sentence)


class GoldEvent(BaseModel):
    # The gold also describes sides, dates and places; scoring merges needs only these.
    model_config = ConfigDict(extra="ignore")

    id: str
    event: str
    reports: list[GoldReport]


class MergeGold(BaseModel):
    model_config = ConfigDict(extra="forbid")

    events: list[GoldEvent]


def load_gold(path: str | Path) -> MergeGold:
    """The gold file, validated; a missing or malformed file fails with its name."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return MergeGold.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"merge gold {path}: {exc}") from exc


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass(frozen=True, slots=True)
class Match:
    mention_id: str
    event_id: str
    gold_id: str


@dataclass(slots=True)
class Scores:
    mentions: int  # matched mentions, the ones scored
    off_type: int  # mentions in a gold sentence whose type fits no gold report there
    reports: int  # gold reports
    found: int  # gold reports with at least one matched mention
    gold_events: int
    system_events: int  # distinct stored events among matched mentions
    pair_precision: float
    pair_recall: float
    bcubed_precision: float
    bcubed_recall: float
    split: list[str] = field(default_factory=list)  # gold events spread over several events
    fused: list[list[str]] = field(default_factory=list)  # gold events sharing one event

    @property
    def pair_f1(self) -> float:
        return _f1(self.pair_precision, self.pair_recall)

    @property
    def bcubed_f1(self) -> float:
        return _f1(self.bcubed_precision, self.bcubed_recall)

    def as_dict(self) -> dict[str, Any]:
        return {
            "mentions": self.mentions,
            "off_type": self.off_type,
            "reports": self.reports,
            "found": self.found,
            "gold_events": self.gold_events,
            "system_events": self.system_events,
            "pair_precision": round(self.pair_precision, 4),
            "pair_recall": round(self.pair_recall, 4),
            "pair_f1": round(self.pair_f1, 4),
            "bcubed_precision": round(self.bcubed_precision, 4),
            "bcubed_recall": round(self.bcubed_recall, 4),
            "bcubed_f1": round(self.bcubed_f1, 4),
            "split": self.split,
            "fused": self.fused,
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _doc_keys(row: dict[str, Any]) -> set[tuple[str, str | None]]:
    """The (file, record) pairs a stored document answers to."""
    name = PurePosixPath(row["source"].replace("\\", "/")).name
    keys: set[tuple[str, str | None]] = {(name, None)}
    if row["record"]:
        keys.add(("", row["record"]))
    return keys


def match_mentions(store: Store, gold: MergeGold) -> tuple[list[Match], int, set[int]]:
    """Matched mentions (one per gold report found), the count of off-type ones, and
    the indexes of reports found."""
    reports = [(event, report) for event in gold.events for report in event.reports]
    by_doc: dict[tuple[str, str | None], list[int]] = {}
    for n, (_, report) in enumerate(reports):
        key = ("", report.record) if report.record else (report.file, None)
        by_doc.setdefault(key, []).append(n)
    candidates: dict[int, list[tuple[str, str]]] = {}
    off_type = 0
    for row in event_queries.mention_sources(store):
        hits = [
            n
            for key in sorted(_doc_keys(row), key=str)
            for n in by_doc.get(key, [])
            if reports[n][1].told_in(row["sentence"] or "", row["raw_start"], row["raw_end"])
        ]
        typed = [n for n in hits if reports[n][0].event == row["event"]]
        if hits and not typed:
            off_type += 1
        if typed and row["event_id"]:
            # Two gold events of one type told in one sentence: the first listed wins.
            candidates.setdefault(min(typed), []).append((row["mention_id"], row["event_id"]))
    sizes = Counter(event_id for found in candidates.values() for _, event_id in found)
    matches = []
    for n, found in sorted(candidates.items()):
        mention_id, event_id = min(found, key=lambda m: (-sizes[m[1]], m[0]))
        matches.append(Match(mention_id, event_id, reports[n][0].id))
    return matches, off_type, set(candidates)


def split_events(gold: MergeGold, half: str) -> MergeGold:
    """The gold events of one half: ``dev`` (even hash of the event id), ``held-out``
    (odd), or ``all``.  A stable hash, so the halves never change with the file's order."""
    if half == "all":
        return gold
    if half not in ("dev", "held-out"):
        raise ValueError(f"unknown half {half!r}: dev, held-out or all")
    parity = 0 if half == "dev" else 1
    return MergeGold(events=[e for e in gold.events if _hash_parity(e.id) == parity])


def _hash_parity(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 2


def _pairs(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    return {pair for g in groups for pair in itertools.combinations(sorted(g), 2)}


def _clusters(matches: Sequence[Match], attr: str) -> dict[str, list[str]]:
    clusters: dict[str, list[str]] = {}
    for m in matches:
        clusters.setdefault(getattr(m, attr), []).append(m.mention_id)
    return clusters


def score(matches: Sequence[Match], off_type: int, reports: int, found: int) -> Scores:
    """Pairwise and B-cubed scores of the system clustering of ``matches``."""
    system, gold = _clusters(matches, "event_id"), _clusters(matches, "gold_id")
    sys_pairs, gold_pairs = _pairs(system.values()), _pairs(gold.values())
    common = sys_pairs & gold_pairs
    sys_of = {mid: set(c) for c in system.values() for mid in c}
    gold_of = {mid: set(c) for c in gold.values() for mid in c}
    ids = [m.mention_id for m in matches]
    overlap = {mid: len(sys_of[mid] & gold_of[mid]) for mid in ids}
    n = len(ids) or 1
    events_of_gold = {g: {m.event_id for m in matches if m.gold_id == g} for g in gold}
    golds_of_event = {e: sorted({m.gold_id for m in matches if m.event_id == e}) for e in system}
    return Scores(
        mentions=len(ids),
        off_type=off_type,
        reports=reports,
        found=found,
        gold_events=len(gold),
        system_events=len(system),
        # With no pairs at all there is nothing to get wrong: 1.0 by convention.
        pair_precision=len(common) / len(sys_pairs) if sys_pairs else 1.0,
        pair_recall=len(common) / len(gold_pairs) if gold_pairs else 1.0,
        bcubed_precision=sum(overlap[i] / len(sys_of[i]) for i in ids) / n,
        bcubed_recall=sum(overlap[i] / len(gold_of[i]) for i in ids) / n,
        split=sorted(g for g, events in events_of_gold.items() if len(events) > 1),
        fused=sorted(g for g in golds_of_event.values() if len(g) > 1),
    )


def evaluate_store(store: Store, gold: MergeGold) -> Scores:
    matches, off_type, found = match_mentions(store, gold)
    reports = sum(len(e.reports) for e in gold.events)
    return score(matches, off_type, reports, len(found))


def render(scores: Scores) -> str:
    lines = [
        f"gold events {scores.gold_events}, reports {scores.reports}, "
        f"reports found {scores.found} ({scores.found / max(scores.reports, 1):.1%})",
        f"matched mentions {scores.mentions} in {scores.system_events} stored events; "
        f"off-type mentions {scores.off_type}",
        f"pairwise  P {scores.pair_precision:.3f}  R {scores.pair_recall:.3f}  "
        f"F1 {scores.pair_f1:.3f}",
        f"B-cubed   P {scores.bcubed_precision:.3f}  R {scores.bcubed_recall:.3f}  "
        f"F1 {scores.bcubed_f1:.3f}",
    ]
    lines += [f"  split: {g}" for g in scores.split]
    lines += [f"  fused: {' + '.join(g)}" for g in scores.fused]
    return "\n".join(lines)
