"""The actor network: actors as nodes, events between them as weighted edges."""

from __future__ import annotations

import json
from io import BytesIO
from typing import Any

import networkx as nx

from tacitus.actors import KnowledgeBase
from tacitus.actors.labels import distinct_labels
from tacitus.store import Store, event_queries

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}  # fmt: skip


def network(store: Store, where: str = "", params: list[Any] | None = None) -> dict[str, Any]:
    """Nodes and weighted edges of the events matching ``where`` (built by code)."""
    edges = event_queries.network_edges(store, where, params or [])
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for side in ("source", "target"):
            node = nodes.setdefault(
                edge[side],
                {"id": edge[side], "name": edge[f"{side}_name"], "code": edge[f"{side}_code"],
                 "sector": edge[f"{side}_sector"], "events": 0},
            )  # fmt: skip
            node["events"] += edge["events"]
    labels = distinct_labels(KnowledgeBase.load(), nodes.values())
    for node in nodes.values():
        node["label"] = labels[node["id"]]
    return {
        "nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])),
        "edges": [
            {k: e[k] for k in ("source", "target", "quad_code", "events", "mentions", "types")}
            | {"quad": QUADS.get(e["quad_code"], "")}
            for e in edges
        ],
    }


def to_networkx(graph: dict[str, Any]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node in graph["nodes"]:
        g.add_node(node["id"], label=node["label"], code=node["code"] or "",
                   events=node["events"])  # fmt: skip
    for edge in graph["edges"]:
        g.add_edge(edge["source"], edge["target"], weight=edge["events"], quad=edge["quad"],
                   quad_code=edge["quad_code"], types=",".join(edge["types"]))  # fmt: skip
    return g


def serialize(graph: dict[str, Any], fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(graph, ensure_ascii=False, indent=1).encode("utf-8")
    buffer = BytesIO()
    writer = nx.write_gexf if fmt == "gexf" else nx.write_graphml
    writer(to_networkx(graph), buffer)
    return buffer.getvalue()
