"""Each closed vocabulary has one home (data/vocabulary.yaml); its users agree with it."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

import networkx as nx

from tacitus.export import event_schema
from tacitus.records import Modality
from tacitus.vocabulary import EVENT_TYPES, MODALITIES, SYMMETRIC_TYPES

SRC = Path(__file__).resolve().parents[1] / "src" / "tacitus"
# The bottom layer: typed records, settings and the vocabularies import no stage.
BOTTOM = {"records", "config", "vocabulary", "datafiles"}


def test_the_schema_the_filters_and_the_records_use_the_one_vocabulary() -> None:
    schema = event_schema()["properties"]
    assert schema["event"]["enum"] == list(EVENT_TYPES)
    assert schema["modality"]["enum"] == list(MODALITIES) == list(get_args(Modality))
    assert len(EVENT_TYPES) == 16 and {"AGREE", "CONSULT", "COOPERATE"} == SYMMETRIC_TYPES


def test_no_second_list_of_event_types_or_modalities_in_the_code() -> None:
    copies = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # A Literal type spells its values out; the first test holds it to the vocabulary.
        typed = {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)
                 and isinstance(n.value, ast.Name) and n.value.id == "Literal"}  # fmt: skip
        for node in ast.walk(tree):
            if isinstance(node, ast.Tuple | ast.List | ast.Set) and id(node) not in typed:
                words = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if len(words & set(EVENT_TYPES)) >= 4 or len(words & set(MODALITIES)) >= 3:
                    copies.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert copies == []


def _package(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def import_graph() -> nx.DiGraph:
    """Which top-level package or module of tacitus imports which."""
    graph = nx.DiGraph()
    for path in SRC.rglob("*.py"):
        source = _package(".".join(("tacitus", *path.relative_to(SRC).with_suffix("").parts)))
        graph.add_node(source)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""] if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names] if isinstance(node, ast.Import) else []
            )  # fmt: skip
            for name in names:
                if name.startswith("tacitus.") and _package(name) != source:
                    graph.add_edge(source, _package(name))
    return graph


def test_packages_import_each_other_one_way_only() -> None:
    assert list(nx.simple_cycles(import_graph())) == []


def test_the_bottom_layer_imports_no_stage() -> None:
    graph = import_graph()
    assert {b: sorted(set(graph.successors(b)) - BOTTOM) for b in BOTTOM if b in graph} == {
        b: [] for b in BOTTOM if b in graph
    }
