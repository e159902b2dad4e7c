"""Held-out coding figures as the annotated training data grows.

    python bench/learning_curve.py annotations/events/gold.jsonl \\
        --articles ../shared/corpus/allsides_dev.jsonl \\
        [--synthetic ../shared/resources/ngec/gpt_synthetic_events_2023-10-19_19.csv] \\
        [--shares 0.25 0.5 0.75 1.0] [--folds 5] [--bootstrap 1000] [--json]

Cross-validates by outlet as ``tacitus evaluate --articles`` does, training each fold's
decisions on a random share of its training articles (the weak synthetic examples, when
given, at every share) and scoring the same held-out outlets each time.  A curve that is
still climbing at 1.0 says more annotation would pay; a flat one says the features or the
candidates, not the amount of data, hold the coder back.  See
``tacitus.learn.crossval.learning_curve``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tacitus.config import Settings
from tacitus.engines.stages import Resources
from tacitus.learn import prepare_corpus
from tacitus.learn.crossval import CurvePoint, learning_curve

FIGURES = ("macro_f1", "event_precision", "event_recall", "actor", "recipient")


def render(point: CurvePoint) -> str:
    cells = []
    for name in FIGURES:
        value = point.figures.get(name)
        low, high = point.intervals.get(name, (value, value))
        cells.append("n/a" if value is None else f"{value:.3f} [{low:.3f}, {high:.3f}]")
    return f"{point.share:5.2f} {point.training_articles:6d}  " + "  ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--synthetic", type=Path)
    parser.add_argument("--shares", type=float, nargs="+", default=[0.25, 0.5, 0.75, 1.0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not all(0 < share <= 1 for share in args.shares):
        parser.error("--shares must lie in (0, 1]")
    settings = Settings()
    corpus = prepare_corpus(args.gold, args.articles, settings, args.synthetic)
    lexicon = Resources.load(settings).lexicon
    points = learning_curve(
        corpus.articles, corpus.gold, corpus.examples, lexicon, args.shares,
        args.folds, args.bootstrap,
    )  # fmt: skip
    if not args.json:
        print("share  train  " + "  ".join(f"{n} (95% CI)" for n in FIGURES))
    for point in points:
        if args.json:
            print(
                json.dumps(
                    {
                        "share": point.share,
                        "training_articles": point.training_articles,
                        "figures": point.figures,
                        "intervals": point.intervals,
                    }
                )
            )
        else:
            print(render(point), flush=True)


if __name__ == "__main__":
    main()
