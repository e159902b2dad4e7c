"""Cross-validation by outlet: train on some outlets, score on the others.

Outlets are dealt into ``k`` folds (largest first, each to the fold with the fewest sentences
so far), so no outlet's house style is both trained on and scored.  Held-out figures pool every
fold's held-out articles, each scored once, with bootstrap intervals over articles; training
figures score each fold's model on its own training articles, and their gap to the held-out
figures says how much the model memorises.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tacitus.events import code_events
from tacitus.events.decisions import Decisions
from tacitus.events.lexicon import Lexicon
from tacitus.learn.coding import Article, file_under_sentences
from tacitus.learn.examples import Examples
from tacitus.learn.gold import GoldSentence
from tacitus.learn.score import bootstrap, metrics, per_article, totals
from tacitus.learn.train import subset, train
from tacitus.vocabulary import EVENT_TYPES

HEADLINE = (
    "macro_f1",
    "event_precision",
    "event_recall",
    "event_f1",
    "sentence_precision",
    "sentence_recall",
    "actor",
    "recipient",
    "modality",
    "mode",
    "date",
)


def outlet_folds(gold: list[GoldSentence], k: int) -> list[set[str]]:
    sizes = Counter(s.outlet for s in gold)
    folds: list[set[str]] = [set() for _ in range(k)]
    load = [0] * k
    for outlet, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        smallest = load.index(min(load))
        folds[smallest].add(outlet)
        load[smallest] += size
    return folds


@dataclass(slots=True)
class Scored:
    """Per-article counts of one coder on some articles."""

    ids: list[str]
    counts: np.ndarray

    def figures(self) -> dict[str, float | None]:
        return metrics(self.counts.sum(axis=0))


@dataclass(slots=True)
class CrossValidation:
    folds: list[set[str]]
    heldout: Scored
    training: Scored
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)
    unreached: int = 0
    gold_events: int = 0

    def as_dict(self) -> dict[str, Any]:
        held, trained = self.heldout.figures(), self.training.figures()
        return {
            "folds": [sorted(f) for f in self.folds],
            "articles": len(self.heldout.ids),
            "gold_events": self.gold_events,
            "gold_events_no_candidate": self.unreached,
            "heldout": held,
            "training": trained,
            "gap": {
                k: round(trained[k] - held[k], 4)
                for k in held
                if held[k] is not None and trained.get(k) is not None
            },
            "intervals": {k: list(v) for k, v in self.intervals.items()},
            "counts": totals(self.heldout.counts.sum(axis=0)),
        }


def score_coder(
    articles: list[Article], gold: list[GoldSentence], lexicon: Lexicon, decisions: Decisions
) -> Scored:
    docs = {a.id for a in articles}
    sentences = [s for s in gold if s.doc in docs]

    def coder(article: Article) -> list:
        assert article.doc is not None and article.document is not None
        return code_events(article.doc, article.document, article.actors, lexicon, decisions)

    ids, counts = per_article(sentences, file_under_sentences(sentences, articles, coder))
    return Scored(ids, counts)


def cross_validate(
    articles: list[Article],
    gold: list[GoldSentence],
    examples: Examples,
    lexicon: Lexicon,
    k: int = 5,
    rounds: int = 1000,
) -> CrossValidation:
    folds = outlet_folds(gold, k)
    held: list[Scored] = []
    trained: list[Scored] = []
    for outlets in folds:
        test = [a for a in articles if a.outlet in outlets]
        rest = [a for a in articles if a.outlet not in outlets]
        decisions = train(subset(examples, {a.id for a in rest}))
        held.append(score_coder(test, gold, lexicon, decisions))
        trained.append(score_coder(rest, gold, lexicon, decisions))
    heldout = _pool(held)
    return CrossValidation(
        folds=folds,
        heldout=heldout,
        training=_pool(trained),
        intervals=bootstrap(heldout.counts, rounds) if rounds else {},
        unreached=len(examples.unreached),
        gold_events=examples.gold_events,
    )


@dataclass(slots=True)
class CurvePoint:
    """Held-out figures of the decisions trained on a share of each fold's training articles."""

    share: float
    training_articles: int  # summed over the folds
    figures: dict[str, float | None]
    intervals: dict[str, tuple[float, float]]


def learning_curve(
    articles: list[Article],
    gold: list[GoldSentence],
    examples: Examples,
    lexicon: Lexicon,
    shares: Sequence[float],
    k: int = 5,
    rounds: int = 1000,
    seed: int = 0,
) -> Iterator[CurvePoint]:
    """Held-out figures as the annotated training articles grow: whether more annotation of
    the same kind would pay.  Each share draws its training articles at random (``seed``)
    from each fold's training outlets; the held-out articles stay the same."""
    folds = outlet_folds(gold, k)
    for share in shares:
        rng = random.Random(f"{seed}:{share}")
        held: list[Scored] = []
        used = 0
        for outlets in folds:
            test = [a for a in articles if a.outlet in outlets]
            rest = sorted(a.id for a in articles if a.outlet not in outlets)
            kept = set(rng.sample(rest, max(1, round(share * len(rest)))))
            used += len(kept)
            held.append(score_coder(test, gold, lexicon, train(subset(examples, kept))))
        pooled = _pool(held)
        intervals = bootstrap(pooled.counts, rounds) if rounds else {}
        yield CurvePoint(share, used, pooled.figures(), intervals)


def _pool(parts: list[Scored]) -> Scored:
    ids = [i for part in parts for i in part.ids]
    return Scored(ids, np.vstack([part.counts for part in parts]))


def render(result: CrossValidation, title: str = "held-out outlets") -> str:
    data = result.as_dict()
    held, trained, ci = data["heldout"], data["training"], data["intervals"]

    def cell(name: str) -> str:
        value = held.get(name)
        if value is None:
            return f"{'n/a':>22}"
        low, high = ci.get(name, (value, value))
        return f"{value:6.3f} [{low:5.3f}, {high:5.3f}]"

    lines = [
        f"{data['articles']} articles in {len(result.folds)} folds by outlet; "
        f"{data['gold_events']} gold events, {data['gold_events_no_candidate']} with no candidate",
        "",
        f"{'figure':<20} {title + ' (95% CI)':>24} {'training':>9} {'gap':>7}",
    ]
    for name in HEADLINE:
        train_value = trained.get(name)
        gap = data["gap"].get(name)
        lines.append(
            f"{name:<20} {cell(name):>24} "
            f"{train_value if train_value is None else f'{train_value:9.3f}':>9} "
            f"{'' if gap is None else f'{gap:+7.3f}'}"
        )
    lines += ["", f"{'type':<10} {'F1 ' + title + ' (95% CI)':>24} {'tp':>4} {'fp':>4} {'fn':>4}"]
    counts = data["counts"]
    for name in EVENT_TYPES:
        lines.append(
            f"{name:<10} {cell('f1.' + name):>24} {counts['tp.' + name]:4d} "
            f"{counts['fp.' + name]:4d} {counts['fn.' + name]:4d}"
        )
    return "\n".join(lines)
