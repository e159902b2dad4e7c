"""The CAMEO verb dictionary as PLOVER votes: what a verb, with its arguments, usually codes.

``data/cameo_verbs.yaml`` is derived from PETRARCH's CAMEO dictionary by
``tools/build_lexicons.py``.  A verb votes for the code of its most specific matching pattern
(the words its subject, objects, particles and prepositional phrases hold), else for its own
default code; the CAMEO -> PLOVER table turns the code into a PLOVER type and mode.  A vote is
evidence for the learned decision, not a decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.tokens import Token

from tacitus.events.lexicon import LexiconError
from tacitus.parse import says_when
from tacitus.parse.labels import NOUNS, SUBJECTS
from tacitus.vocabulary import EVENT_TYPES

CAMEO_FILE = Path(__file__).parent / "data" / "cameo_verbs.yaml"
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "acomp", "prt", "advmod", "dative", "ccomp"})
PREP_DEPS = frozenset({"prep", "agent"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "poss", "nmod"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pattern(_Strict):
    subject: list[str] = Field(default_factory=list)
    object: list[str] = Field(default_factory=list)
    preps: list[tuple[str, list[str]]] = Field(default_factory=list)
    code: str | None = None

    @property
    def specificity(self) -> int:
        return len(self.subject) + len(self.object) + sum(1 + len(w) for _, w in self.preps)


class Verb(_Strict):
    code: str | None = None
    blocks: list[int] = Field(default_factory=list)
    patterns: list[Pattern] = Field(default_factory=list)


class PloverCode(_Strict):
    type: str
    mode: str | None = None


class CameoFile(_Strict):
    plover: dict[str, PloverCode]
    synsets: dict[str, list[str]]
    verbs: dict[str, Verb]
    blocks: list[list[Pattern]]


@dataclass(frozen=True, slots=True)
class Vote:
    """What CAMEO codes for a token: ``event`` None means 'a verb, but no PLOVER event'."""

    event: str | None
    mode: str | None
    code: str | None
    specificity: int


class CameoLexicon:
    def __init__(self, data: CameoFile) -> None:
        self.plover = data.plover
        self.synsets = {name: frozenset(words) for name, words in data.synsets.items()}
        self.verbs = data.verbs
        self.blocks = data.blocks
        # Per verb lemma, its patterns most specific first (see ``vote``).
        self._ranked: dict[str, _Ranked] = {}
        unknown = {entry.type for entry in self.plover.values()} - set(EVENT_TYPES)
        if unknown:
            raise LexiconError(f"{CAMEO_FILE}: codes map to unknown types {sorted(unknown)}")

    @classmethod
    @cache
    def load(cls, path: Path = CAMEO_FILE) -> CameoLexicon:
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
            return cls(CameoFile.model_validate(raw))
        except (OSError, yaml.YAMLError, ValidationError) as error:
            raise LexiconError(f"cannot load the CAMEO verb lexicon {path}: {error}") from error

    def vote(self, token: Token) -> Vote | None:
        """The vote of ``token``'s lemma, or None when CAMEO does not know it."""
        lemma = token.lemma_.lower()
        verb = self.verbs.get(lemma)
        if verb is None:
            return None
        best = None if token.pos_ in NOUNS else self._patterns(lemma, verb).best(_Frame(token))
        code = best.code if best is not None else verb.code
        return self._as_vote(code, best.specificity if best is not None else 0)

    def _patterns(self, lemma: str, verb: Verb) -> _Ranked:
        """The verb's own patterns and its blocks', most specific first (the first listed
        first among equals), so the first that fits is the one to vote."""
        if lemma not in self._ranked:
            patterns = [*verb.patterns, *(p for block in verb.blocks for p in self.blocks[block])]
            ranked = sorted(patterns, key=lambda p: -p.specificity)
            self._ranked[lemma] = _Ranked([_Compiled.of(p, self._options) for p in ranked])
        return self._ranked[lemma]

    def _as_vote(self, code: str | None, specificity: int) -> Vote:
        entry = self._entry(code)
        if entry is None:
            return Vote(None, None, code, specificity)
        return Vote(entry.type, entry.mode, code, specificity)

    def _entry(self, code: str | None) -> PloverCode | None:
        """The table entry of ``code`` or of its longest listed prefix."""
        while code and len(code) >= 3:
            if code in self.plover:
                return self.plover[code]
            code = code[:-1]
        return None

    def _options(self, word: str) -> frozenset[str]:
        """The words that satisfy one word of a pattern: a synonym set ('&weapon') or
        alternatives ('meet/talk')."""
        if word.startswith("&"):
            return self.synsets.get(word[1:], frozenset())
        return frozenset(word.split("/"))


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A pattern as sets of acceptable words, one per word it requires."""

    pattern: Pattern
    subject: tuple[frozenset[str], ...]
    objects: tuple[frozenset[str], ...]
    # Per prepositional phrase: the prepositions it may have, and its words' options.
    preps: tuple[tuple[tuple[str, ...], tuple[frozenset[str], ...]], ...]

    @classmethod
    def of(cls, pattern: Pattern, options: Callable[[str], frozenset[str]]) -> _Compiled:
        return cls(
            pattern,
            tuple(map(options, pattern.subject)),
            tuple(map(options, pattern.object)),
            tuple(
                (tuple(prep.split("/")), tuple(map(options, words)))
                for prep, words in pattern.preps
            ),
        )

    @property
    def gate(self) -> set[tuple[str, str]]:
        """Keys of which a frame must hold one for the pattern to fit: the words its first
        required word may be, or its first preposition; empty when it requires nothing."""
        if self.subject:
            return {("subject", word) for word in self.subject[0]}
        if self.objects:
            return {("object", word) for word in self.objects[0]}
        if self.preps:
            return {("prep", prep) for prep in self.preps[0][0]}
        return set()

    def fits(self, frame: _Frame) -> bool:
        return (
            all(not need.isdisjoint(frame.subject) for need in self.subject)
            and all(not need.isdisjoint(frame.objects) for need in self.objects)
            and all(
                any(p in frame.preps for p in preps)
                and all(not need.isdisjoint(frame.preps.get(preps[0], ())) for need in needs)
                for preps, needs in self.preps
            )
        )


class _Ranked:
    """One verb's patterns, most specific first, indexed by their gates: most of a verb's
    dozens of patterns need a word its frame lacks, and are never tried."""

    def __init__(self, patterns: list[_Compiled]) -> None:
        self.patterns = patterns
        self.open = tuple(i for i, p in enumerate(patterns) if not p.gate)
        self.gated: dict[tuple[str, str], list[int]] = {}
        for i, compiled in enumerate(patterns):
            for key in compiled.gate:
                self.gated.setdefault(key, []).append(i)

    def best(self, frame: _Frame) -> Pattern | None:
        """The most specific pattern that fits ``frame``."""
        tried = set(self.open)
        for key in frame.gate_keys():
            tried.update(self.gated.get(key, ()))
        return next(
            (self.patterns[i].pattern for i in sorted(tried) if self.patterns[i].fits(frame)), None
        )


class _Frame:
    """The words of a verb's subject, objects and prepositional phrases (forms and lemmas).

    A phrase that only dates the verb is no argument: "called X on Monday" is a call,
    not CAMEO's "call on X to ..." """

    __slots__ = ("objects", "preps", "subject")

    def __init__(self, verb: Token) -> None:
        self.subject: set[str] = set()
        self.objects: set[str] = set()
        self.preps: dict[str, set[str]] = {}
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                self.subject |= _phrase_words(child)
            elif child.dep_ in OBJECT_DEPS:
                self.objects |= _phrase_words(child)
            elif child.dep_ in PREP_DEPS and not says_when(child):
                words = self.preps.setdefault(child.lower_, set())
                for obj in child.children:
                    if obj.dep_ in ("pobj", "pcomp"):
                        words |= _phrase_words(obj)

    def gate_keys(self) -> list[tuple[str, str]]:
        """What the frame holds, as the keys of pattern gates."""
        return [
            *(("subject", word) for word in self.subject),
            *(("object", word) for word in self.objects),
            *(("prep", prep) for prep in self.preps),
        ]


def _phrase_words(token: Token) -> set[str]:
    words = {token.lower_, token.lemma_.lower()}
    for child in token.children:
        if child.dep_ in MODIFIER_DEPS:
            words |= {child.lower_, child.lemma_.lower()}
        elif child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                words |= {obj.lower_, obj.lemma_.lower()}
    return words


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
