"""Scoring coded events against the gold corpus, with bootstrap confidence intervals.

Each sentence is scored as the sentence-level evaluator does: a type is found when the coder
gives an event of that type in the sentence; actor, recipient, modality, mode and date are then
checked on the gold events of the found types.  Counts are kept per article, so the bootstrap
resamples articles (sentences of one article are not independent).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from tacitus.learn.gold import GoldEvent, GoldSentence
from tacitus.vocabulary import EVENT_TYPES

TALLIES = ("actor", "recipient", "modality", "mode", "date")
# Slots of a count vector: tp, fp, fn per type; typed-event and any-event detection; then
# correct and total of each tally.
_TYPE_SLOTS = {name: 3 * i for i, name in enumerate(EVENT_TYPES)}
_EVENTS = 3 * len(EVENT_TYPES)
_ANY = _EVENTS + 3
_TALLY = {name: _ANY + 3 + 2 * i for i, name in enumerate(TALLIES)}
SLOTS = _ANY + 3 + 2 * len(TALLIES)


@dataclass(frozen=True, slots=True)
class Predicted:
    """One coded event, reduced to what is scored."""

    type: str
    mode: str | None
    modality: str
    actor: str | None
    recipient: str | None
    date: str | None  # ISO at the event's precision: 2020, 2020-06 or 2020-06-16


def sentence_counts(gold: GoldSentence, predicted: Sequence[Predicted]) -> np.ndarray:
    counts = np.zeros(SLOTS, dtype=np.int64)
    events = gold.scored_events
    gold_types = {e.type for e in events}
    found_types = {p.type for p in predicted}
    for name in gold_types | found_types:
        slot = _TYPE_SLOTS[name]
        counts[slot] += name in gold_types and name in found_types
        counts[slot + 1] += name in found_types and name not in gold_types
        counts[slot + 2] += name in gold_types and name not in found_types
    counts[_EVENTS] = len(gold_types & found_types)
    counts[_EVENTS + 1] = len(found_types - gold_types)
    counts[_EVENTS + 2] = len(gold_types - found_types)
    counts[_ANY] = bool(events) and bool(predicted)
    counts[_ANY + 1] = not events and bool(predicted)
    counts[_ANY + 2] = bool(events) and not predicted
    for event in events:
        same = [p for p in predicted if p.type == event.type]
        if same:
            for name, ok in _checks(event, same).items():
                counts[_TALLY[name]] += ok
                counts[_TALLY[name] + 1] += 1
    return counts


def _checks(event: GoldEvent, same: list[Predicted]) -> dict[str, bool]:
    """Which of the tallies apply to ``event`` and whether one of ``same`` gets them right."""
    actors = {e.code for e in event.actor if e.code}
    recipients = {e.code for e in event.recipient if e.code}
    checks: dict[str, bool] = {}
    if actors:
        checks["actor"] = any(p.actor in actors for p in same)
    if recipients:
        checks["recipient"] = any(p.recipient in recipients for p in same)
    elif not event.recipient:
        # Reciprocal events list every side as actor: a co-actor as recipient is right.
        checks["recipient"] = any(p.recipient is None or p.recipient in actors for p in same)
    checks["modality"] = any(p.modality == event.modality for p in same)
    if event.mode:
        checks["mode"] = any(p.mode == event.mode for p in same)
    if event.date:
        checks["date"] = any(_same_date(p.date, event.date) for p in same)
    return checks


def _same_date(predicted: str | None, gold: str) -> bool:
    return predicted is not None and len(predicted) >= len(gold) and predicted[: len(gold)] == gold


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def _f1(tp: float, fp: float, fn: float) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def metrics(counts: np.ndarray) -> dict[str, float | None]:
    """Headline figures of summed counts: macro F1 over the types the gold holds, event
    precision and recall, sentence detection, and each tally's accuracy."""
    out: dict[str, float | None] = {}
    f1s = []
    for name, slot in _TYPE_SLOTS.items():
        tp, fp, fn = counts[slot : slot + 3]
        if tp + fn:
            f1s.append(_f1(tp, fp, fn))
        out[f"f1.{name}"] = _f1(tp, fp, fn) if tp + fp + fn else None
    out["macro_f1"] = sum(f1s) / len(f1s) if f1s else None
    tp, fp, fn = counts[_EVENTS : _EVENTS + 3]
    out["event_precision"] = _ratio(tp, tp + fp)
    out["event_recall"] = _ratio(tp, tp + fn)
    out["event_f1"] = _f1(tp, fp, fn)
    tp, fp, fn = counts[_ANY : _ANY + 3]
    out["sentence_precision"] = _ratio(tp, tp + fp)
    out["sentence_recall"] = _ratio(tp, tp + fn)
    for name, slot in _TALLY.items():
        out[name] = _ratio(counts[slot], counts[slot + 1])
    return out


def totals(counts: np.ndarray) -> dict[str, int]:
    """Raw counts behind the figures: per-type tp/fp/fn and each tally's correct/total."""
    out = {}
    for name, slot in _TYPE_SLOTS.items():
        out.update({f"{k}.{name}": int(counts[slot + i]) for i, k in enumerate(("tp", "fp", "fn"))})
    for name, slot in _TALLY.items():
        out[f"{name}.correct"], out[f"{name}.total"] = int(counts[slot]), int(counts[slot + 1])
    return out


def bootstrap(
    per_article: np.ndarray, rounds: int = 1000, seed: int = 0, level: float = 0.95
) -> dict[str, tuple[float, float]]:
    """Percentile intervals of every figure, resampling articles with replacement."""
    rng = np.random.default_rng(seed)
    n = len(per_article)
    draws: dict[str, list[float]] = {}
    for _ in range(rounds):
        sample = per_article[rng.integers(0, n, n)].sum(axis=0)
        for name, value in metrics(sample).items():
            if value is not None:
                draws.setdefault(name, []).append(value)
    tail = (1 - level) / 2 * 100
    return {
        name: (float(np.percentile(v, tail)), float(np.percentile(v, 100 - tail)))
        for name, v in draws.items()
    }


def per_article(
    sentences: Iterable[GoldSentence], predicted: dict[str, list[Predicted]]
) -> tuple[list[str], np.ndarray]:
    """Article ids and their summed sentence counts (rows in id order)."""
    by_doc: dict[str, np.ndarray] = {}
    for sentence in sentences:
        row = by_doc.setdefault(sentence.doc, np.zeros(SLOTS, dtype=np.int64))
        row += sentence_counts(sentence, predicted.get(sentence.sid, []))
    ids = sorted(by_doc)
    return ids, np.array([by_doc[i] for i in ids]).reshape(len(ids), SLOTS)
