"""Reading the actor YAML files with errors that name the file and the entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)


class KnowledgeBaseError(ValueError):
    """A knowledge-base or word-list file is missing or invalid."""


def _entry_label(data: Any, loc: tuple[int | str, ...]) -> str:
    """``actors[3] (id 'hamas')`` for an error inside the fourth actor."""
    node, parts = data, []
    for step in loc:
        parts.append(f"[{step}]" if isinstance(step, int) else f".{step}")
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "id" in node:
            parts.append(f" (id {node['id']!r})")
    return "".join(parts).lstrip(".")


def read_yaml(path: Path, model: type[Model]) -> Model:
    if not path.is_file():
        raise KnowledgeBaseError(f"{path}: file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise KnowledgeBaseError(f"{path}: not valid YAML: {error}") from error
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = _entry_label(data, tuple(first["loc"]))
        raise KnowledgeBaseError(
            f"{path}: entry {where}: {first['msg']} ({error.error_count()} error(s))"
        ) from error
