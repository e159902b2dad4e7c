"""The learned decisions' scoring: the bound that lets the coder skip reading a candidate."""

from __future__ import annotations

from itertools import product

import numpy as np
import pytest

from tacitus.events.decisions import NONE, LinearModel
from tacitus.events.features import Choices

LABELS = [NONE, "ASSAULT", "CONSULT"]
BASE = [f"word={i}" for i in range(8)]
# Two proposed types, each with the four readings a candidate may get.
GROUPS: list[Choices] = [
    ((f"{t}|agent", f"{t}|recipient"), (f"{t}|agent",), (f"{t}|no_agent", f"{t}|recipient"),
     (f"{t}|no_agent",))
    for t in ("ASSAULT", "CONSULT")
]  # fmt: skip


def model(seed: int) -> LinearModel:
    rng = np.random.default_rng(seed)
    names = [*BASE, *{n for group in GROUPS for choice in group for n in choice}]
    weights = rng.normal(0, 1.5, (len(names), len(LABELS)))
    bias = np.array([2.5, 0.0, 0.0])
    return LinearModel(LABELS, {n: i for i, n in enumerate(sorted(names))}, weights, bias)


def outcomes(m: LinearModel, base: dict[str, float]) -> list[dict[str, float]]:
    """The label probabilities under every combination of the groups' choices."""
    found = []
    for picks in product(*GROUPS):
        features = dict(base)
        for choice in picks:
            features.update(dict.fromkeys(choice, 1.0))
        found.append(m.probabilities(features))
    return found


@pytest.mark.parametrize("floor", [None, 0.8])
def test_a_sure_decision_holds_whatever_the_readings_give(floor: float | None) -> None:
    rng = np.random.default_rng(7)
    sure = unsure = 0
    for seed in range(40):
        m = model(seed)
        for _ in range(10):
            base = {n: 1.0 for n in BASE if rng.random() < 0.4}
            every = outcomes(m, base)
            if m.surely(NONE, base, GROUPS, floor):
                sure += 1
                assert all(max(p, key=p.__getitem__) == NONE for p in every)
                assert floor is None or all(p[NONE] >= floor for p in every)
            else:
                unsure += 1
    # Both answers occur, so the bound is neither vacuous nor always refusing.
    assert sure > 20 and unsure > 20, (sure, unsure)


def test_without_unknown_features_surely_is_the_decision_itself() -> None:
    m = model(3)
    base = {"word=1": 1.0, "word=4": 1.0}
    probs = m.probabilities(base)
    best = max(probs, key=probs.__getitem__)
    assert m.surely(best, base, [])
    assert not any(m.surely(label, base, []) for label in LABELS if label != best)
