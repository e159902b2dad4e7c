"""Reading the actor YAML files with errors that name the file and the entry."""

from __future__ import annotations

from pathlib import Path

from tacitus.datafiles import Model, read_model


class KnowledgeBaseError(ValueError):
    """A knowledge-base or word-list file is missing or invalid."""


def read_yaml(path: Path, model: type[Model]) -> Model:
    return read_model(path, model, KnowledgeBaseError)
