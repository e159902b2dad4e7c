"""Evaluate the event coder against hand-coded gold sentences (PLOVER GSR layout).

A gold file holds one JSON record per line: ``id``, ``text``, ``event``, ``mode``, and
``actor`` / ``recipient`` lists of ``{text, code, sector}``.  Records sharing a text are one
sentence with several gold events.  A gold event is matched when the coder returns an event
of the same type for its sentence; actor, recipient and mode are then scored on the matched
event that agrees best with the gold one.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from tacitus.config import Settings
from tacitus.engines.stages import Resources, code_parsed
from tacitus.learn.coding import predicted as as_predicted
from tacitus.learn.gold import GoldEntity as CorpusEntity
from tacitus.learn.gold import GoldEvent as CorpusEvent
from tacitus.learn.gold import GoldSentence
from tacitus.learn.score import Predicted, bootstrap, sentence_counts
from tacitus.parse import parse
from tacitus.records import CleanDocument, EventMention, OffsetMap, stable_id

Coder = Callable[[str], list[EventMention]]
NO_EVENT = "NONE"
BOOTSTRAP_ROUNDS = 1000
# The public PLOVER gold predates ISO codes for some states and the UNO/EUR codes; both
# sides are compared in the older spelling.
CODE_EQUIVALENTS = {"JPN": "JAP", "ITA": "ITL", "VNM": "VTN", "UNO": "IGO", "EUR": "IGO"}
# Mode names of PLOVER 0.5 that 2.0 renamed or merged.
LEGACY_MODES = {
    "host": "visit",
    "assassinate": "targeted",
    "detain": "arrest",
    "confiscate": "seize",
    "demo-org": "demo",
    "demo-spon": "demo",
    "riot-spon": "riot",
    "strike-gen": "strike",
    "strike-hun": "hunger",
}


class GoldEntity(BaseModel):
    model_config = ConfigDict(extra="allow")

    text: str
    code: str | None = None
    sector: str | None = None


class GoldRecord(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    text: str
    event: str
    mode: str | None = None
    modality: str | None = None
    actor: list[GoldEntity] = []
    recipient: list[GoldEntity] = []


@dataclass(slots=True)
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Tally:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1


@dataclass(slots=True)
class Report:
    sentences: int = 0
    gold_events: int = 0
    per_type: dict[str, TypeScore] = field(default_factory=dict)
    mode: Tally = field(default_factory=Tally)
    modality: Tally = field(default_factory=Tally)
    actor: Tally = field(default_factory=Tally)
    recipient: Tally = field(default_factory=Tally)
    confusion: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_events: list[dict[str, Any]] = field(default_factory=list)
    gold_types: set[str] = field(default_factory=set)
    # Counts per sentence (``tacitus.learn.score``), for bootstrap intervals.
    rows: list[np.ndarray] = field(default_factory=list)

    def intervals(self, rounds: int = BOOTSTRAP_ROUNDS) -> dict[str, tuple[float, float]]:
        """95% intervals of the headline figures, resampling sentences."""
        return bootstrap(np.array(self.rows), rounds) if self.rows else {}

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the types the gold contains."""
        types = sorted(self.gold_types)
        return sum(self.per_type[t].f1 for t in types) / len(types) if types else 0.0

    @property
    def actor_recipient_accuracy(self) -> float | None:
        return Tally(
            self.actor.correct + self.recipient.correct, self.actor.total + self.recipient.total
        ).accuracy

    def as_dict(self) -> dict[str, Any]:
        return {
            "intervals": {k: list(v) for k, v in self.intervals().items()},
            "sentences": self.sentences,
            "gold_events": self.gold_events,
            "macro_f1": round(self.macro_f1, 4),
            "per_type": {
                name: {
                    "precision": round(score.precision, 4),
                    "recall": round(score.recall, 4),
                    "f1": round(score.f1, 4),
                    **asdict(score),
                }
                for name, score in sorted(self.per_type.items())
            },
            "mode_accuracy": _round(self.mode.accuracy),
            "modality_accuracy": _round(self.modality.accuracy),
            "actor_accuracy": _round(self.actor.accuracy),
            "recipient_accuracy": _round(self.recipient.accuracy),
            "actor_recipient_accuracy": _round(self.actor_recipient_accuracy),
            "counts": {
                "mode": asdict(self.mode),
                "modality": asdict(self.modality),
                "actor": asdict(self.actor),
                "recipient": asdict(self.recipient),
            },
            "confusion": {
                gold: dict(sorted(row.items())) for gold, row in sorted(self.confusion.items())
            },
            "misses": self.misses,
            "false_events": self.false_events,
        }


def load_gold(path: Path) -> dict[str, list[GoldRecord]]:
    """Gold records grouped by sentence text, in file order; a bad line fails loudly."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ValueError(f"cannot read gold file {path}: {error}") from error
    sentences: dict[str, list[GoldRecord]] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = GoldRecord.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as error:
            raise ValueError(f"{path}:{number}: not a gold record: {error}") from error
        sentences.setdefault(record.text.strip(), []).append(record)
    if not sentences:
        raise ValueError(f"{path}: no gold records")
    return sentences


def evaluate(gold_path: Path, coder: Coder) -> Report:
    report = Report()
    for text, records in load_gold(gold_path).items():
        predicted = coder(text)
        report.sentences += 1
        _score_sentence(report, records, predicted)
        found = [_normed(as_predicted(e)) for e in predicted]
        report.rows.append(sentence_counts(_as_gold(records), found))
    return report


def _normed(found: Predicted) -> Predicted:
    return replace(found, actor=_norm(found.actor), recipient=_norm(found.recipient))


def _as_gold(records: list[GoldRecord]) -> GoldSentence:
    """Sentence gold in the corpus gold's terms, legacy codes and modes made current."""

    def entities(side: list[GoldEntity]) -> list[CorpusEntity]:
        return [CorpusEntity(code=_norm(e.code), sector=e.sector) for e in side]

    events = [
        CorpusEvent(
            type=r.event,
            mode=LEGACY_MODES.get(r.mode, r.mode) if r.mode else None,
            modality=r.modality or "asserted",
            actor=entities(r.actor),
            recipient=entities(r.recipient),
        )
        for r in records
    ]
    first = records[0]
    return GoldSentence(sid=first.id, doc=first.id, outlet="", start=0, end=0, events=events)


def _score_sentence(
    report: Report, records: list[GoldRecord], predicted: list[EventMention]
) -> None:
    gold_types = {r.event for r in records}
    predicted_types = {e.event for e in predicted}
    report.gold_types |= gold_types
    for name in gold_types | predicted_types:
        score = report.per_type.setdefault(name, TypeScore())
        score.tp += name in gold_types and name in predicted_types
        score.fp += name in predicted_types and name not in gold_types
        score.fn += name in gold_types and name not in predicted_types
    missed, spurious = gold_types - predicted_types, predicted_types - gold_types
    for name in gold_types & predicted_types:
        report.confusion[name][name] += 1
    for name in sorted(missed):
        for other in sorted(spurious) or [NO_EVENT]:
            report.confusion[name][other] += 1
    if not missed:
        for other in sorted(spurious):
            report.confusion[NO_EVENT][other] += 1
    for record in records:
        report.gold_events += 1
        candidates = [e for e in predicted if e.event == record.event]
        if candidates:
            _score_roles(report, record, candidates)
        else:
            report.misses.append(
                {
                    "id": record.id,
                    "text": record.text,
                    "event": record.event,
                    "predicted": sorted(predicted_types),
                }
            )
    for event in predicted:
        if event.event in spurious:
            report.false_events.append(
                {
                    "text": event.sentence,
                    "event": event.event,
                    "mode": event.mode,
                    "actor": _code(event.actor),
                    "recipient": _code(event.recipient),
                    "event_text": event.event_text,
                    "modality": event.modality,
                }
            )


def _score_roles(report: Report, record: GoldRecord, candidates: list[EventMention]) -> None:
    actors = {_norm(a.code) for a in record.actor if a.code}
    recipients = {_norm(r.code) for r in record.recipient if r.code}

    def roles(event: EventMention) -> tuple[bool, bool]:
        actor_ok = _norm(_code(event.actor)) in actors
        if recipients:
            recipient_ok = _norm(_code(event.recipient)) in recipients
        else:
            # Reciprocal events pair co-actors; the gold lists them all as actors.
            recipient_ok = event.recipient is None or _norm(_code(event.recipient)) in actors
        return actor_ok, recipient_ok

    best = max(candidates, key=lambda e: sum(roles(e)))
    actor_ok, recipient_ok = roles(best)
    if actors:
        report.actor.add(actor_ok)
    report.recipient.add(recipient_ok)
    if record.mode is not None:
        gold_mode = LEGACY_MODES.get(record.mode, record.mode)
        report.mode.add(any(e.mode == gold_mode for e in candidates))
    if record.modality is not None:
        report.modality.add(any(e.modality == record.modality for e in candidates))


def _code(ref: Any) -> str | None:
    return ref.code if ref is not None else None


def _norm(code: str | None) -> str | None:
    return CODE_EQUIVALENTS.get(code, code) if code else code


def _round(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def _percent(value: float | None) -> str:
    return f"{value:6.1%}" if value is not None else "   n/a"


def render(report: Report) -> str:
    """A plain-text summary: per-type table, headline figures, confusion, errors."""
    lines = [
        f"{report.sentences} sentences, {report.gold_events} gold events",
        "",
        f"{'type':<10} {'prec':>6} {'recall':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}",
    ]
    for name, score in sorted(report.per_type.items()):
        marker = "" if name in report.gold_types else "  (not in gold)"
        lines.append(
            f"{name:<10} {score.precision:6.2f} {score.recall:6.2f} {score.f1:6.2f} "
            f"{score.tp:4d} {score.fp:4d} {score.fn:4d}{marker}"
        )
    ci = report.intervals()

    def interval(name: str) -> str:
        low, high = ci.get(name, (float("nan"), float("nan")))
        return f"  95% CI [{low:.3f}, {high:.3f}]"

    lines += [
        "",
        f"macro F1 (gold types): {report.macro_f1:.3f}{interval('macro_f1')}",
        f"actor code accuracy:     {_percent(report.actor.accuracy)} "
        f"({report.actor.correct}/{report.actor.total}){interval('actor')}",
        f"recipient code accuracy: {_percent(report.recipient.accuracy)} "
        f"({report.recipient.correct}/{report.recipient.total}){interval('recipient')}",
        f"actor+recipient:         {_percent(report.actor_recipient_accuracy)}",
        f"mode accuracy:           {_percent(report.mode.accuracy)} "
        f"({report.mode.correct}/{report.mode.total}, gold modes only)",
        f"modality accuracy:       {_percent(report.modality.accuracy)} "
        f"({report.modality.correct}/{report.modality.total})",
        "",
        "confusion (gold -> predicted):",
    ]
    for gold, row in sorted(report.confusion.items()):
        cells = ", ".join(f"{name} {count}" for name, count in sorted(row.items()))
        lines.append(f"  {gold:<10} {cells}")
    lines += ["", f"misses ({len(report.misses)}):"]
    lines += [f"  {m['event']:<9} got {m['predicted'] or '-'}: {m['text']}" for m in report.misses]
    lines += ["", f"false events ({len(report.false_events)}):"]
    lines += [
        f"  {f['event']:<9} {f['actor']}->{f['recipient']} [{f['event_text']}]: {f['text']}"
        for f in report.false_events
    ]
    return "\n".join(lines)


def make_text_coder(settings: Settings) -> Coder:
    """Parse one sentence (truecased if it needs it) and code it as ``tacitus ingest``
    codes a document (without a publication date)."""
    res = Resources.load(settings)

    def code(text: str) -> list[EventMention]:
        document = CleanDocument(
            doc_id=stable_id("evaluate", text),
            source="evaluate",
            raw=text,
            text=text,
            offsets=OffsetMap.identity(len(text)),
        )
        doc = next(parse([text], res.nlp, recase=res.recase))
        return code_parsed(doc, document, res).events

    return code
