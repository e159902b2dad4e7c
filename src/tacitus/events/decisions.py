"""The learned decisions: linear models over ``features``, shipped as weights in the package.

Three decisions are learned from the annotated corpus (``make train``, see ``tacitus.learn``):
- ``type``: is a candidate an event, and of which PLOVER type (``NONE`` when not);
- ``role``: is an actor mention the event's actor, its recipient, or neither;
- ``background``: is the event past context rather than the article's news.

Each is a multinomial logistic regression; scoring is a sparse dot product, so the package
needs no learning library at run time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

from tacitus.events.features import Choices, Features

DECISIONS_FILE = Path(__file__).parent / "data" / "decisions.npz"
NONE = "NONE"
DECISION_NAMES = ("type", "role", "background")


class DecisionsError(ValueError):
    pass


@dataclass(slots=True)
class LinearModel:
    labels: list[str]
    features: dict[str, int]
    weights: np.ndarray  # features x labels, float64 as scored (stored as float32)
    bias: np.ndarray  # labels
    _ranges: dict[Choices, tuple[np.ndarray, np.ndarray]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def probabilities(self, features: Features) -> dict[str, float]:
        scores = self.bias + self._sum(features)
        scores -= scores.max()
        exp = np.exp(scores)
        exp /= exp.sum()
        return dict(zip(self.labels, exp.tolist(), strict=True))

    def surely(
        self,
        label: str,
        features: Features,
        unknown: Sequence[Choices],
        floor: float | None = None,
    ) -> bool:
        """Whether ``label`` wins (with at least ``floor`` probability) whichever choice of
        each group of ``unknown`` joins ``features``: then the costly features need not be
        worked out.  Exact: it bounds every label's score over the choices."""
        low = high = self.bias + self._sum(features)
        for choices in unknown:
            least, most = self._range(choices)
            low, high = low + least, high + most
        at = self.labels.index(label)
        rivals = np.delete(high, at)
        if floor is None:
            return bool(low[at] > rivals.max())
        # The lowest chance ``label`` can have: its lowest score against the rivals' highest.
        return bool(1.0 / (1.0 + np.exp(rivals - low[at]).sum()) >= floor)

    def _range(self, choices: Choices) -> tuple[np.ndarray, np.ndarray]:
        """The least and the most each label's score may gain from one of ``choices``."""
        found = self._ranges.get(choices)
        if found is None:
            sums = np.stack([self._sum(dict.fromkeys(choice, 1.0)) for choice in choices])
            found = self._ranges[choices] = (sums.min(axis=0), sums.max(axis=0))
        return found

    def _sum(self, features: Features) -> np.ndarray:
        """The features' weighted sum, per label."""
        count = len(features)
        # Rows of the features the model knows (-1: unknown), looked up without a Python loop.
        rows = np.fromiter(map(self.features.get, features, repeat(-1, count)), np.intp, count)
        values = np.fromiter(features.values(), np.float64, count)
        known = rows >= 0
        return values[known] @ self.weights[rows[known]]

    def best(self, features: Features) -> tuple[str, float]:
        probs = self.probabilities(features)
        label = max(probs, key=probs.__getitem__)
        return label, probs[label]


@dataclass(slots=True)
class Decisions:
    type: LinearModel
    role: LinearModel
    background: LinearModel
    about: dict[str, Any]

    @classmethod
    @cache
    def load(cls, path: Path = DECISIONS_FILE) -> Decisions:
        try:
            with np.load(path, allow_pickle=False) as data:
                models = {name: _model(data, name) for name in DECISION_NAMES}
                about = json.loads(str(data["about"]))
        except (OSError, KeyError, ValueError) as error:
            raise DecisionsError(f"cannot load the learned decisions {path}: {error}") from error
        return cls(**models, about=about)

    def save(self, path: Path) -> None:
        arrays: dict[str, Any] = {"about": np.array(json.dumps(self.about, sort_keys=True))}
        for name in DECISION_NAMES:
            model: LinearModel = getattr(self, name)
            names = sorted(model.features, key=model.features.__getitem__)
            arrays[f"{name}_labels"] = np.array(model.labels)
            arrays[f"{name}_features"] = np.array(names)
            arrays[f"{name}_weights"] = model.weights.astype(np.float32)
            arrays[f"{name}_bias"] = model.bias.astype(np.float32)
        np.savez_compressed(path, **arrays)


def _model(data: Any, name: str) -> LinearModel:
    names = [str(n) for n in data[f"{name}_features"]]
    weights = np.asarray(data[f"{name}_weights"], dtype=np.float64)
    labels = [str(label) for label in data[f"{name}_labels"]]
    if weights.shape != (len(names), len(labels)):
        raise ValueError(f"{name}: weights of shape {weights.shape} do not fit the names")
    return LinearModel(
        labels,
        {n: i for i, n in enumerate(names)},
        weights,
        np.asarray(data[f"{name}_bias"], dtype=np.float64),
    )
