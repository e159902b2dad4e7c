"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language

from tacitus.parse import load_nlp
from tacitus.records import CleanDocument, OffsetMap, stable_id


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture()
def make_document() -> Callable[..., CleanDocument]:
    """A cleaned document straight from text, for tests of later stages."""

    def make(
        text: str, published: date | None = None, outlet: str | None = "Test Wire"
    ) -> CleanDocument:
        return CleanDocument(
            doc_id=stable_id("test", text),
            source="test",
            raw=text,
            text=text,
            offsets=OffsetMap.identity(len(text)),
            outlet=outlet,
            published=published,
            published_source="metadata" if published else None,
        )

    return make
