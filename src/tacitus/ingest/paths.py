"""Expand the user's paths into input files, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

STDIN = "-"
# A folder's sidecar of per-file metadata (outlet, published, url, title): not a document.
MANIFEST = "manifest.jsonl"
FORMATS = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}


def expand(paths: Sequence[str | Path]) -> Iterator[str | Path]:
    """Each file as given, each folder's known-format files (recursive, sorted)."""
    for path in paths:
        if str(path) == STDIN:
            yield STDIN
            continue
        path = Path(path)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root``; a folder reached twice through symlinks is read once."""
    seen: set[tuple[int, int]] = set()
    for folder, subfolders, files in os.walk(root, followlinks=True):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:
            subfolders[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name == MANIFEST or name.startswith("."):
                continue
            if Path(name).suffix.lower() in FORMATS:
                yield Path(folder) / name
