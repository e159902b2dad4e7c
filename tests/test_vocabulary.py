"""Each closed vocabulary has one home (data/vocabulary.yaml); its users agree with it."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

import networkx as nx

from tacitus.export import event_schema
from tacitus.records import Modality
from tacitus.vocabulary import (
    EVENT_TYPES,
    MODALITIES,
    MONTHS,
    NUMBER_WORDS,
    SYMMETRIC_TYPES,
    WEEKDAYS,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "tacitus"
# The bottom layer: typed records, settings and the vocabularies import no stage.
BOTTOM = {"records", "config", "vocabulary", "datafiles"}


def test_the_schema_the_filters_and_the_records_use_the_one_vocabulary() -> None:
    schema = event_schema()["properties"]
    assert schema["event"]["enum"] == list(EVENT_TYPES)
    assert schema["modality"]["enum"] == list(MODALITIES) == list(get_args(Modality))
    assert len(EVENT_TYPES) == 16 and {"AGREE", "CONSULT", "COOPERATE"} == SYMMETRIC_TYPES


# How many words of each vocabulary make a list, set or tuple a second copy of it.
COPY_THRESHOLDS = ((set(EVENT_TYPES), 4), (set(MODALITIES), 3))
# The same for the keys of a dict too (a table of months or number words); a dict keyed by
# modality is a decision per modality, not a copy of the list.
KEY_THRESHOLDS = ((set(MONTHS), 5), (set(WEEKDAYS), 4), (set(NUMBER_WORDS), 6))


def _is_copy(node: ast.AST) -> bool:
    if isinstance(node, ast.Dict):
        items, thresholds = node.keys, KEY_THRESHOLDS
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        items, thresholds = node.elts, COPY_THRESHOLDS + KEY_THRESHOLDS
    else:
        return False
    words = {e.value for e in items if isinstance(e, ast.Constant)}
    return any(len(words & vocabulary) >= least for vocabulary, least in thresholds)


def test_no_second_list_of_a_vocabulary_in_the_code() -> None:
    copies = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # A Literal type spells its values out; the first test holds it to the vocabulary.
        typed = {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)
                 and isinstance(n.value, ast.Name) and n.value.id == "Literal"}  # fmt: skip
        for node in ast.walk(tree):
            if id(node) not in typed and _is_copy(node):
                copies.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert copies == []


def _package(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def import_graph(src: Path = SRC) -> nx.DiGraph:
    """Which top-level package or module of tacitus imports which."""
    graph = nx.DiGraph()
    for path in src.rglob("*.py"):
        source = _package(".".join(("tacitus", *path.relative_to(src).with_suffix("").parts)))
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


if __name__ == "__main__":
    # The package import graph of a tree: python tests/test_vocabulary.py [SRC/tacitus]
    import sys

    graph = import_graph(Path(sys.argv[1]) if len(sys.argv) > 1 else SRC)
    for package in sorted(graph):
        print(f"{package:<16} -> {' '.join(sorted(graph.successors(package)))}")
    cycles = sorted(sorted(c) for c in nx.simple_cycles(graph))
    print(f"{graph.number_of_edges()} edges; cycles: {cycles or 'none'}")
