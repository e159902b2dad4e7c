"""Learning the coder's decisions from the annotated corpus, and measuring them honestly.

``prepare_corpus`` reads the gold and its articles and parses them once; ``train_decisions``
fits the shipped weights (``make train``); ``cross_validate`` scores the same recipe on
outlets it did not train on (``tacitus evaluate GOLD --articles CORPUS``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tacitus.config import Settings
from tacitus.engines.stages import Resources
from tacitus.events.decisions import Decisions
from tacitus.learn.coding import Article, prepare
from tacitus.learn.crossval import CrossValidation, cross_validate
from tacitus.learn.examples import Examples, build_examples
from tacitus.learn.gold import GoldSentence, load_articles, load_gold
from tacitus.learn.synthetic import synthetic_examples
from tacitus.learn.train import train

__all__ = ["Corpus", "CrossValidation", "prepare_corpus", "train_decisions"]


@dataclass(slots=True)
class Corpus:
    gold: list[GoldSentence]
    articles: list[Article]
    examples: Examples


def prepare_corpus(
    gold_path: Path,
    articles_path: Path,
    settings: Settings,
    synthetic: Path | None = None,
    transform: Callable[[str], str] | None = None,
) -> Corpus:
    res = Resources.load(settings)
    gold = load_gold(gold_path)
    records = load_articles(articles_path, {s.doc for s in gold})
    articles = prepare([records[doc] for doc in sorted(records)], settings, res, transform)
    examples = build_examples(articles, gold, res.lexicon)
    if synthetic is not None:
        examples.weak = synthetic_examples(synthetic, res)
    return Corpus(gold, articles, examples)


def train_decisions(corpus: Corpus, sources: dict[str, str]) -> Decisions:
    return train(corpus.examples, {"sources": sources})


def cross_validate_corpus(
    corpus: Corpus, settings: Settings, folds: int, rounds: int
) -> CrossValidation:
    lexicon = Resources.load(settings).lexicon
    return cross_validate(corpus.articles, corpus.gold, corpus.examples, lexicon, folds, rounds)
