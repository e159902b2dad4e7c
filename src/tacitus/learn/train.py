"""Fitting the learned decisions: one logistic regression each, exported as plain weights.

scikit-learn (the ``train`` extra) fits; the package scores with ``events.decisions`` and needs
no learning library to code.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from tacitus.events.decisions import NONE, Decisions, LinearModel
from tacitus.learn.examples import Example, Examples

# Inverse regularisation strengths, chosen by outlet-grouped cross-validation (README,
# "Training"); weights under PRUNE in every class are dropped from the shipped model.
C_TYPE = 0.5
C_ROLE = 0.5
C_BACKGROUND = 0.5
# Weak (synthetic) type examples count this much each against an annotated one.
SYNTHETIC_WEIGHT = 0.2
# Added to the log-odds of NONE: below zero trades precision for recall.
NONE_SHIFT = 0.0
MAX_ITER = 3000
PRUNE = 1e-4


def fit(examples: list[Example], c: float, weights: list[float] | None = None) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if not examples:
        raise ValueError("no training examples")
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([e.features for e in examples])
    y = [e.label for e in examples]
    labels = sorted(set(y))
    if len(labels) == 1:
        # One class only: a model that always answers it.
        return LinearModel(labels, {}, np.zeros((0, 1)), np.zeros(1))
    model = LogisticRegression(C=c, max_iter=MAX_ITER)
    model.fit(x, y, sample_weight=weights)
    coef = model.coef_.T
    bias = model.intercept_
    if len(model.classes_) == 2:
        # A binary model has one row: class 1 against class 0.
        coef = np.hstack([np.zeros_like(coef), coef])
        bias = np.array([0.0, bias[0]])
    names = vectorizer.get_feature_names_out()
    keep = np.abs(coef).max(axis=1) >= PRUNE
    kept = [str(n) for n, k in zip(names, keep, strict=True) if k]
    return LinearModel(
        [str(c) for c in model.classes_],
        {name: i for i, name in enumerate(kept)},
        _as_shipped(coef[keep]),
        _as_shipped(bias),
    )


def _as_shipped(values: np.ndarray) -> np.ndarray:
    """Weights at the precision the package stores them in (float32), scored as float64:
    a model scores the same trained in memory and loaded from the package."""
    return values.astype(np.float32).astype(np.float64)


def train(examples: Examples, about: dict[str, Any] | None = None) -> Decisions:
    summary = {
        "type_examples": dict(sorted(Counter(e.label for e in examples.type).items())),
        "role_examples": dict(sorted(Counter(e.label for e in examples.role).items())),
        "background_examples": dict(sorted(Counter(e.label for e in examples.background).items())),
        "weak_examples": len(examples.weak),
        "articles": len({e.doc for e in examples.type}),
        "outlets": len({e.outlet for e in examples.type}),
    }
    # A candidate that shares its sentence's gold type without being its trigger is no
    # counterexample ("attacked and killed"): left out.
    typed = [e for e in examples.type if not e.ambiguous]
    weights = [1.0] * len(typed) + [SYNTHETIC_WEIGHT] * len(examples.weak)
    type_model = fit(typed + examples.weak, C_TYPE, weights)
    type_model.bias[type_model.labels.index(NONE)] += NONE_SHIFT
    return Decisions(
        type=type_model,
        role=fit(examples.role, C_ROLE),
        background=fit(examples.background, C_BACKGROUND),
        about={**summary, **(about or {})},
    )


def subset(examples: Examples, docs: set[str]) -> Examples:
    """The examples of the articles ``docs``."""
    return Examples(
        type=[e for e in examples.type if e.doc in docs],
        role=[e for e in examples.role if e.doc in docs],
        background=[e for e in examples.background if e.doc in docs],
        weak=examples.weak,
    )
