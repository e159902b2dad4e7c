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
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

from tacitus.events.features import Features

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

    def probabilities(self, features: Features) -> dict[str, float]:
        count = len(features)
        # Rows of the features the model knows (-1: unknown), looked up without a Python loop.
        rows = np.fromiter(map(self.features.get, features, repeat(-1, count)), np.intp, count)
        values = np.fromiter(features.values(), np.float64, count)
        known = rows >= 0
        scores = self.bias + values[known] @ self.weights[rows[known]]
        scores -= scores.max()
        exp = np.exp(scores)
        exp /= exp.sum()
        return dict(zip(self.labels, exp.tolist(), strict=True))

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
