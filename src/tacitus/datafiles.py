"""Reading the YAML data files users may extend: load, validate, and fail naming the entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)


def entry_label(data: Any, loc: tuple[int | str, ...]) -> str:
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


def read_model(path: Path, model: type[Model], error: type[Exception], label: str = "") -> Model:
    """``path`` validated as ``model``; any problem raises ``error`` naming file and entry."""
    if not path.is_file():
        raise error(f"{label}{path}: cannot read: file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise error(f"{label}{path}: not valid YAML: {exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = entry_label(data, tuple(first["loc"])) or "file"
        raise error(
            f"{label}{path} is invalid: entry {where}: {first['msg']} "
            f"({exc.error_count()} error(s))"
        ) from exc
