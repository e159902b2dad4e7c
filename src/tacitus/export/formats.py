"""Export formats by name: the writer, media type and file extension of each.

The CLI's ``--format`` choices, the API's ``/api/export.{fmt}`` and its OpenAPI document
all read ``EXPORT_FORMATS``; a new format is a writer and one entry here.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, Literal

from tacitus.export import stored_events, write_csv, write_jsonl, write_parquet
from tacitus.export.graph import network, serialize
from tacitus.store import Store

# Writes what ``WHERE`` (built by code, with ``params``) selects to a binary stream;
# returns how many events (or actors, for a graph) it wrote.
Writer = Callable[[Store, str, list[Any], IO[bytes]], int]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    kind: Literal["events", "graph"]
    media_type: str
    extension: str
    description: str
    write: Writer
    # Bytes no terminal can show: the CLI asks for --out.
    binary: bool = False


def _as_text(writer: Callable[[Any, IO[str]], int]) -> Writer:
    def write(store: Store, where: str, params: list[Any], out: IO[bytes]) -> int:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        try:
            return writer(stored_events(store, where, params), text)
        finally:
            text.flush()
            text.detach()

    return write


def _parquet(store: Store, where: str, params: list[Any], out: IO[bytes]) -> int:
    return write_parquet(stored_events(store, where, params), out)


def _graph(fmt: str) -> Writer:
    def write(store: Store, where: str, params: list[Any], out: IO[bytes]) -> int:
        graph = network(store, where, params)
        out.write(serialize(graph, fmt))
        return len(graph["nodes"])

    return write


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("jsonl", "events", "application/x-ndjson; charset=utf-8", "jsonl",
                     "events in the PLOVER layout, one JSON object a line", _as_text(write_jsonl)),
        ExportFormat("csv", "events", "text/csv; charset=utf-8", "csv",
                     "one event a row, flat columns, cells on one line", _as_text(write_csv)),
        ExportFormat("parquet", "events", "application/vnd.apache.parquet", "parquet",
                     "typed columns; each event's reports as a list of structs", _parquet,
                     binary=True),
        ExportFormat("gexf", "graph", "application/xml", "gexf",
                     "the actor network for Gephi", _graph("gexf")),
        ExportFormat("graphml", "graph", "application/xml", "graphml",
                     "the actor network as GraphML", _graph("graphml")),
        ExportFormat("json", "graph", "application/json", "json",
                     "the actor network as nodes and edges", _graph("json")),
    )
}  # fmt: skip


def format_names(kind: Literal["events", "graph"] | None = None) -> tuple[str, ...]:
    return tuple(name for name, f in EXPORT_FORMATS.items() if kind in (None, f.kind))
