"""``read_inputs``: paths in, ``RawDocument`` or ``Rejection`` out, one input at a time."""

from __future__ import annotations

import json
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from tacitus.config import IngestConfig
from tacitus.ingest.decode import UndecodableError, decode_bytes
from tacitus.ingest.paths import FORMATS, MANIFEST, STDIN, expand
from tacitus.records import RawDocument, Rejection

STDIN_SOURCE = "<stdin>"
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.IGNORECASE)
# What a ``\ud800`` escape in JSON decodes to when no partner follows: not text UTF-8 can hold.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")

Item = RawDocument | Rejection


def read_inputs(paths: Sequence[str | Path], config: IngestConfig) -> Iterator[Item]:
    """Every document in ``paths``; unreadable inputs become rejections, the batch goes on.

    Raises ``FileNotFoundError`` for a path that does not exist.
    """
    for path in expand(paths):
        if path == STDIN:
            yield from _read_stdin(config)
        else:
            yield from _read_file(Path(path), config)


def count_inputs(paths: Sequence[str | Path]) -> int:
    """How many documents ``paths`` hold (a JSON Lines file: its non-empty lines), or -1 when
    that cannot be known without reading them (standard input)."""
    total = 0
    for path in expand(paths):
        if path == STDIN:
            return -1
        if FORMATS.get(Path(path).suffix.lower()) == "jsonl":
            with Path(path).open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def _read_stdin(config: IngestConfig) -> Iterator[Item]:
    stream = sys.stdin.buffer
    first = stream.readline(config.max_bytes + 1)
    if first.lstrip().startswith(b"{") and first.rstrip().endswith(b"}"):
        # One JSON object a line: a stream of any length, read one record at a time.
        yield from _json_lines(_lines(stream, config, first), STDIN_SOURCE, config)
        return
    data = first + stream.read(config.max_bytes + 1 - len(first))
    yield from _read_bytes(data, STDIN_SOURCE, None, config)


def _lines(
    handle: BinaryIO, config: IngestConfig, first: bytes = b""
) -> Iterator[tuple[int, str | Rejection]]:
    """(line number, decoded line) of a JSON Lines stream; a line over the size limit, or
    not text, is a one-line reason instead, and reading goes on at the next line."""
    number = 0
    line = first or handle.readline(config.max_bytes + 1)
    while line:
        number += 1
        if len(line) > config.max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(config.max_bytes + 1)
            yield number, Rejection("", f"line {number} too large: over {config.max_bytes} bytes")
        elif line.strip():
            try:
                yield number, decode_bytes(line)
            except UndecodableError as error:
                yield number, Rejection("", f"line {number}: {error}")
        line = handle.readline(config.max_bytes + 1)


def _read_file(path: Path, config: IngestConfig) -> Iterator[Item]:
    source = str(path)
    try:
        info = path.stat()
        # A pipe or device has no size to check and may never end: only files are read.
        if not stat.S_ISREG(info.st_mode):
            yield Rejection(source, "not a regular file")
            return
        if FORMATS.get(path.suffix.lower()) == "jsonl":
            # The limit is per record: a corpus of any size is read one line at a time.
            with path.open("rb") as handle:
                yield from _json_lines(_lines(handle, config), source, config)
            return
        if info.st_size > config.max_bytes:
            yield Rejection(source, f"too large: {info.st_size} bytes (limit {config.max_bytes})")
            return
        with path.open("rb") as handle:
            # The file may have grown since stat: never read past the limit.
            data = handle.read(config.max_bytes + 1)
    except OSError as error:
        yield Rejection(source, f"cannot read: {error.strerror or error}")
        return
    sidecar = _manifest(path.parent.resolve()).get(path.name, {})
    yield from _read_bytes(data, source, FORMATS.get(path.suffix.lower()), config, sidecar)


@lru_cache(maxsize=256)
def _manifest(folder: Path) -> dict[str, dict[str, Any]]:
    """Per-file metadata from the folder's manifest, if it has one (bad lines are ignored)."""
    try:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    entries: dict[str, dict[str, Any]] = {}
    for line in lines:
        try:
            record = _loads_json(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("file"), str):
            meta = {k: v for k, v in record.items() if k != "file" and v is not None}
            entries[Path(record["file"]).name] = meta
    return entries


def _read_bytes(
    data: bytes,
    source: str,
    fmt: str | None,
    config: IngestConfig,
    sidecar: dict[str, Any] | None = None,
) -> Iterator[Item]:
    if len(data) > config.max_bytes:
        yield Rejection(source, f"too large: over {config.max_bytes} bytes")
        return
    try:
        text = decode_bytes(data)
    except UndecodableError as error:
        yield Rejection(source, str(error))
        return
    if not text.strip():
        yield Rejection(source, "empty input")
        return
    fmt = fmt or _sniff(text)
    if fmt == "jsonl":
        lines = enumerate(text.splitlines(), start=1)
        yield from _json_lines(((n, line) for n, line in lines if line.strip()), source, config)
    elif fmt == "json":
        yield from _json_document(text, source, config)
    else:
        meta = _with_outlet(dict(sidecar or {}), config)
        yield RawDocument(
            source=source, raw=text, fmt="html" if fmt == "html" else "text", meta=meta
        )


def _sniff(text: str) -> str:
    """Format of an input without a telling file name (standard input)."""
    start = text.lstrip()[:1]
    if start == "[":
        return "json"
    if start == "{":
        first_line = text.lstrip().split("\n", 1)[0]
        try:
            _loads_json(first_line)
        except ValueError:
            return "json"
        return "jsonl"
    return "html" if _HTML_START.match(text) else "text"


def _loads_json(text: str) -> Any:
    """Parsed JSON, every string valid Unicode: a lone surrogate escape becomes U+FFFD.

    Raises ``ValueError`` for malformed JSON and for nesting too deep to parse.
    """
    try:
        return _valid_unicode(json.loads(text))
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _valid_unicode(value: Any) -> Any:
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_valid_unicode(item) for item in value]
    if isinstance(value, dict):
        return {_valid_unicode(key): _valid_unicode(item) for key, item in value.items()}
    return value


def _json_problem(error: ValueError) -> str:
    return error.msg if isinstance(error, json.JSONDecodeError) else str(error)


def _json_lines(
    lines: Iterable[tuple[int, str | Rejection]], path: str, config: IngestConfig
) -> Iterator[Item]:
    for number, line in lines:
        where = f"{path}#L{number}"
        if isinstance(line, Rejection):
            yield Rejection(where, line.reason)
            continue
        try:
            record = _loads_json(line)
        except ValueError as error:
            problem = _json_problem(error)
            yield Rejection(where, f"malformed JSON on line {number} of {path}: {problem}")
            continue
        yield from_record(record, where, config)


def _json_document(text: str, path: str, config: IngestConfig) -> Iterator[Item]:
    try:
        data = _loads_json(text)
    except json.JSONDecodeError as error:
        yield Rejection(path, f"malformed JSON at line {error.lineno} of {path}: {error.msg}")
        return
    except ValueError as error:
        yield Rejection(path, f"malformed JSON in {path}: {error}")
        return
    if isinstance(data, list):
        for index, record in enumerate(data, start=1):
            yield from_record(record, f"{path}#{index}", config)
    else:
        yield from_record(data, path, config)


def from_record(record: Any, where: str, config: IngestConfig) -> Item:
    """One JSON object: ``text`` or ``html`` is the document, the rest is ``meta``."""
    if not isinstance(record, dict):
        return Rejection(where, f"expected a JSON object, got {type(record).__name__}")
    body_field = "html" if isinstance(record.get("html"), str) else "text"
    body = record.get(body_field)
    if not isinstance(body, str) or not body.strip():
        return Rejection(where, "record has no 'text' or 'html' content")
    meta = _with_outlet({k: v for k, v in record.items() if k not in ("text", "html")}, config)
    url = meta.get("url")
    source = url if isinstance(url, str) and url.strip() else where
    return RawDocument(source=source, raw=body, fmt=body_field, meta=meta)  # type: ignore[arg-type]


def _with_outlet(meta: dict[str, Any], config: IngestConfig) -> dict[str, Any]:
    if config.outlet and not meta.get("outlet"):
        meta["outlet"] = config.outlet
    return meta
