"""Near-duplicate detection links copies of an article to the original."""

from __future__ import annotations

import json

from tacitus.clean import DuplicateIndex, clean_document
from tacitus.config import CleanConfig
from tacitus.records import CleanDocument, RawDocument

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
