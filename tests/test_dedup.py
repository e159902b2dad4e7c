"""Near-duplicate detection links copies of an article to the original."""

from __future__ import annotations

import json
from pathlib import Path

from tacitus.clean import DuplicateIndex, clean_document
from tacitus.config import CleanConfig, Settings
from tacitus.pipeline import ingest
from tacitus.records import CleanDocument, RawDocument
from tacitus.store import Store

ORIGINAL = "\n\n".join(
    (
        "Negotiators from the two coastal states agreed on Friday to extend their fishing "
        "truce by six months, ending a dispute that had kept hundreds of boats in port since "
        "the spring.",
        "Under the deal, each side will allow the other's licensed trawlers into a shared zone "
        "around the disputed reef, officials said after talks in the border town of Essa.",
        "The agreement also sets up a joint patrol to stop illegal nets, which both governments "
        "blame for a sharp fall in catches over the past three years.",
        "Fishermen's groups welcomed the extension but said they wanted a permanent settlement "
        "before the next season begins in October.",
    )
)
OTHER_STORY = "\n\n".join(
    (
        "Negotiators from the two coastal states failed on Friday to agree on a new border "
        "crossing, officials said, after talks in the town of Essa broke up without a statement.",
        "Each side blamed the other for the collapse, and both governments said they would "
        "recall their envoys for consultations over the weekend.",
        "Traders who rely on the crossing said delays had already doubled the cost of moving "
        "goods and warned that some firms could close within weeks.",
        "The talks are due to resume next month, although no date has been set.",
    )
)
CHROME_HEAD = "Menu | Politics | Economy | Weather\nAdvertisement\n\n"
CHROME_TAIL = "\n\nMost Read\nFlood warning issued for lowlands\nLocal club wins cup\n"
SWAPS = {"agreed": "decided", "officials": "authorities", "talks": "negotiations",
         "sharp": "steep", "welcomed": "praised", "permanent": "lasting"}  # fmt: skip
LOOK_ALIKE = str.maketrans({"e": "\u0435", "o": "\u043e", "a": "\u0430"})


def cleaned(text: str, source: str) -> CleanDocument:
    doc = clean_document(RawDocument(source, text, "text"), CleanConfig())
    assert isinstance(doc, CleanDocument), doc
    return doc


def indexed(*docs: CleanDocument) -> DuplicateIndex:
    index = DuplicateIndex(CleanConfig().dedup_threshold)
    for doc in docs:
        index.add(doc.doc_id, index.signature(doc.text))
    return index


def reworded(text: str) -> str:
    for old, new in SWAPS.items():
        text = text.replace(old, new)
    return text


def test_copies_link_to_the_original_and_other_stories_do_not() -> None:
    original = cleaned(ORIGINAL, "wire/original.txt")
    other = cleaned(OTHER_STORY, "wire/other.txt")
    index = indexed(original, other)
    copies = {
        "syndicated": ORIGINAL,
        "reworded": reworded(ORIGINAL),
        "look-alike letters": ORIGINAL.translate(LOOK_ALIKE),
        "different boilerplate": CHROME_HEAD + ORIGINAL + CHROME_TAIL,
    }

    for kind, text in copies.items():
        copy = cleaned(text, f"mirror/{kind}.txt")
        found = index.find(index.signature(copy.text))
        assert found is not None, kind
        assert found[0] == original.doc_id, kind
        assert CleanConfig().dedup_threshold <= found[1] <= 1.0

    assert indexed(original).find(indexed().signature(other.text)) is None


def test_signatures_are_deterministic_and_survive_a_round_trip() -> None:
    original = cleaned(ORIGINAL, "wire/original.txt")
    first, second = DuplicateIndex(0.7), DuplicateIndex(0.7)

    signature = first.signature(original.text)
    assert signature == second.signature(original.text)
    assert all(isinstance(value, int) for value in signature)

    stored = json.loads(json.dumps(signature))
    second.add(original.doc_id, stored)
    assert second.find(first.signature(original.text)) == (original.doc_id, 1.0)


def test_ties_go_to_the_smallest_document_id() -> None:
    index = DuplicateIndex(0.7)
    signature = index.signature(ORIGINAL)
    index.add("b-second", signature)
    index.add("a-first", signature)

    assert index.find(signature) == ("a-first", 1.0)


def test_copies_in_later_runs_and_in_the_same_batch_link_to_the_stored_original(
    tmp_path: Path,
) -> None:
    db = tmp_path / "news.duckdb"
    first, second = tmp_path / "monday", tmp_path / "tuesday"
    first.mkdir(), second.mkdir()
    (first / "original.txt").write_text(ORIGINAL)
    (second / "mirror.txt").write_text(CHROME_HEAD + ORIGINAL.translate(LOOK_ALIKE))
    (second / "other.txt").write_text(OTHER_STORY)
    (second / "reworded-other.txt").write_text(reworded(OTHER_STORY))
    for folder in (first, second):
        with Store(db) as store:  # a new run: nothing is carried over in memory
            ingest([folder], store, Settings())

    with Store(db, read_only=True) as store:
        rows = store.query("SELECT source, doc_id, duplicate_of FROM documents")
    by_file = {Path(r["source"]).name: r for r in rows}
    assert by_file["mirror.txt"]["duplicate_of"] == by_file["original.txt"]["doc_id"]
    assert by_file["reworded-other.txt"]["duplicate_of"] == by_file["other.txt"]["doc_id"]
    assert by_file["original.txt"]["duplicate_of"] is None
    assert by_file["other.txt"]["duplicate_of"] is None
