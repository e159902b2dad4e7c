"""Scoring, folds and training of the learned decisions.

The unit tests build gold sentences by hand; the end-to-end test trains and cross-validates
on a slice of the annotated corpus and skips cleanly without ``../shared``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tacitus.learn.crossval import outlet_folds
from tacitus.learn.gold import GoldEntity, GoldEvent, GoldSentence
from tacitus.learn.score import Predicted, bootstrap, metrics, per_article, sentence_counts

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "allsides_dev.jsonl"
GOLD = ROOT / "annotations" / "events" / "gold.jsonl"


def sentence(sid: str, doc: str, outlet: str, *events: GoldEvent) -> GoldSentence:
    return GoldSentence(sid=sid, doc=doc, outlet=outlet, start=0, end=10, events=list(events))


def event(kind: str, actor: str, recipient: str | None = None, **extra: object) -> GoldEvent:
    return GoldEvent(
        type=kind,
        actor=[GoldEntity(code=actor)],
        recipient=[GoldEntity(code=recipient)] if recipient else [],
        **extra,  # type: ignore[arg-type]
    )


def coded(kind: str, actor: str | None, recipient: str | None = None) -> Predicted:
    return Predicted(kind, None, "asserted", actor, recipient, None)


def test_a_right_event_with_a_wrong_recipient_counts_for_type_not_for_recipient() -> None:
    gold = sentence("s1", "d1", "Wire", event("ASSAULT", "ISR", "LBN"))
    figures = metrics(sentence_counts(gold, [coded("ASSAULT", "ISR", "SYR")]))
    assert figures["event_precision"] == figures["event_recall"] == 1.0
    assert figures["actor"] == 1.0 and figures["recipient"] == 0.0


def test_an_event_in_an_empty_sentence_costs_precision_only() -> None:
    counts = sentence_counts(sentence("s1", "d1", "Wire"), [coded("ACCUSE", "USA")])
    figures = metrics(counts)
    assert figures["event_precision"] == 0.0 and figures["event_recall"] is None
    assert figures["sentence_precision"] == 0.0


def test_an_undated_background_event_is_not_scored() -> None:
    gold = sentence("s1", "d1", "Wire", event("SANCTION", "USA", "IRN", background=True))
    figures = metrics(sentence_counts(gold, []))
    assert figures["event_recall"] is None and figures["sentence_recall"] is None


def test_bootstrap_intervals_cover_the_pooled_figure() -> None:
    sentences = [
        sentence(f"s{n}", f"d{n}", "Wire", event("CONSULT", "KEN", "UGA")) for n in range(30)
    ]
    predicted = {f"s{n}": [coded("CONSULT", "KEN", "UGA")] for n in range(0, 30, 2)}
    ids, rows = per_article(sentences, predicted)
    assert len(ids) == 30
    pooled = metrics(rows.sum(axis=0))["event_recall"]
    low, high = bootstrap(rows, rounds=200)["event_recall"]
    assert pooled == pytest.approx(0.5)
    assert low < pooled < high and low > 0.2 and high < 0.8


def test_no_outlet_is_in_two_folds_and_folds_are_balanced() -> None:
    sizes = {"A": 40, "B": 30, "C": 20, "D": 10, "E": 10, "F": 5}
    gold = [sentence(f"{o}{n}", f"{o}{n}", o) for o, k in sizes.items() for n in range(k)]
    folds = outlet_folds(gold, 3)
    assert sorted(o for fold in folds for o in fold) == sorted(sizes)
    loads = [sum(sizes[o] for o in fold) for fold in folds]
    assert max(loads) - min(loads) <= 10
    assert np.isclose(sum(loads), sum(sizes.values()))


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpus")
def test_training_on_some_outlets_codes_articles_of_others(tmp_path: Path) -> None:
    from tacitus.config import Settings
    from tacitus.learn import cross_validate_corpus, prepare_corpus, train_decisions
    from tacitus.learn.gold import load_gold

    gold = load_gold(GOLD)
    outlets = sorted({s.outlet for s in gold})[:6]
    part = tmp_path / "gold.jsonl"
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    part.write_text(
        "\n".join(line for line, s in zip(lines, gold, strict=True) if s.outlet in outlets) + "\n"
    )
    corpus = prepare_corpus(part, CORPUS, Settings())
    decisions = train_decisions(corpus, {"gold": str(part)})
    decisions.save(tmp_path / "decisions.npz")
    assert (tmp_path / "decisions.npz").stat().st_size > 1000
    result = cross_validate_corpus(corpus, Settings(), folds=2, rounds=50)
    held = result.heldout.figures()
    assert held["event_precision"] is not None and held["event_precision"] > 0.1
    assert held["modality"] is not None and held["modality"] > 0.5
    # The learning curve trains the same recipe: at the whole share it is the held-out figure.
    from tacitus.engines.stages import Resources
    from tacitus.learn.crossval import learning_curve

    lexicon = Resources.load(Settings()).lexicon
    half, whole = learning_curve(
        corpus.articles, corpus.gold, corpus.examples, lexicon, [0.5, 1.0], k=2, rounds=0
    )
    assert whole.figures == held
    assert abs(half.training_articles - whole.training_articles / 2) <= 2
