"""A copy spun with look-alike letters codes exactly like the original."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.clean import clean_document
from tacitus.config import Settings
from tacitus.pipeline import Resources, code_documents
from tacitus.records import CleanDocument, RawDocument

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
ORIGINAL = "meridian-press__2024-03-12__iran-fm-meets-hamas-chief-in-doha.txt"
# Cyrillic and Greek letters that look like Latin ones, as spinning tools use them.
LOOKALIKES = str.maketrans({"e": "е", "a": "а", "o": "ο", "c": "с", "p": "р", "E": "Е"})


def _clean(text: str, source: str) -> CleanDocument:
    settings = Settings()
    doc = clean_document(RawDocument(source, text, "text", {"published": "2024-03-12"}),
                         settings.clean)  # fmt: skip
    assert isinstance(doc, CleanDocument)
    return doc


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(Settings())


def test_spun_copy_is_plain_latin_and_codes_the_same_events(resources: Resources) -> None:
    text = (CORPUS / ORIGINAL).read_text(encoding="utf-8")
    original = _clean(text, "original.txt")
    spun = _clean(text.translate(LOOKALIKES), "spun.txt")
    assert spun.text == original.text
    assert not any("\u0400" <= ch <= "\u04ff" for ch in spun.text)

    def signature(doc: CleanDocument) -> list[str]:
        coded = code_documents([doc], resources)[0]
        return sorted(
            repr((e.event, e.mode, e.actor and e.actor.id, e.recipient and e.recipient.id,
                  e.event_text, e.date))
            for e in coded.events
        )  # fmt: skip

    events = signature(original)
    assert events, "the article has events"
    assert signature(spun) == events
