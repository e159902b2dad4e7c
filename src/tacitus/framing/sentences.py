"""Re-parsing the stored sentences that hold actor mentions, once per process.

Naming and tone read the parse of a mention's sentence; the store keeps the sentence
text and the mention's character span in the document, so the sentence is found in
the document again and parsed on its own.  Parses are kept in a bounded cache, so a
server answers repeated comparisons without parsing again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from tacitus.parse import load_nlp

# Parsed sentences kept in memory (a few kB each).
CACHE_SIZE = 20_000


class SentenceParser:
    def __init__(self, nlp: Language | None = None, cache_size: int = CACHE_SIZE) -> None:
        self._nlp = nlp
        self._cache: OrderedDict[str, Doc] = OrderedDict()
        self._size = cache_size

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

    def parse_all(self, sentences: Iterable[str]) -> dict[str, Doc]:
        """Every sentence parsed; the ones seen before come from the cache."""
        wanted = list(dict.fromkeys(sentences))
        missing = [s for s in wanted if s not in self._cache]
        for text, doc in zip(missing, self.nlp.pipe(missing), strict=True):
            self._cache[text] = doc
        parsed = {}
        for text in wanted:
            self._cache.move_to_end(text)
            parsed[text] = self._cache[text]
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return parsed


def sentence_start(text: str, sentence: str, start: int, end: int) -> int | None:
    """Where ``sentence`` begins in ``text`` such that it holds ``[start, end)``."""
    at = text.find(sentence, max(0, end - len(sentence)))
    return at if 0 <= at <= start else None


def mention_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens of ``doc`` covering characters ``[start, end)``."""
    return doc.char_span(start, end, alignment_mode="expand")


@lru_cache(maxsize=1)
def shared_parser() -> SentenceParser:
    """The process-wide parser (and its cache)."""
    return SentenceParser()
