"""The event lexicon: trigger words, phrase patterns and mode cues per PLOVER type, as data.

The base table ships in ``data/lexicon.yaml``; users add words with extra YAML files
(``--lexicon PATH``) that follow ``LexiconExtension``.  Everything is validated at load and
compiled once per ``Lexicon`` (lemma index) and once per spaCy vocabulary (matchers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from spacy.matcher import DependencyMatcher, Matcher
from spacy.vocab import Vocab

from tacitus.vocabulary import EVENT_TYPES

BASE_LEXICON = "lexicon.yaml"
DATA_DIR = Path(__file__).parent / "data"
# A phrase or dependency pattern outranks any single-word rule at the same token.
PATTERN_SPECIFICITY = 10
# Token pattern keys that name a word, which a sentence's lower-case words and lemmas
# show; and the operators that make a token optional (or absent).
WORD_ATTRS = ("LOWER", "LEMMA", "ORTH", "TEXT")
OPTIONAL_OPS = frozenset({"?", "*", "!"})

PartOfSpeech = Literal["VERB", "NOUN", "ADJ", "PROPN"]
Words = frozenset[str]
Model = TypeVar("Model", bound=BaseModel)


class LexiconError(ValueError):
    """A lexicon file is missing or does not validate."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TriggerRule(_Strict):
    """Words that trigger the type, with the syntactic conditions that must hold."""

    lemmas: list[str] = Field(min_length=1)
    pos: list[PartOfSpeech] = ["VERB"]
    mode: str | None = None
    objects: list[str] = Field(default_factory=list, description="a direct object lemma needed")
    preps: list[str] = Field(default_factory=list, description="a preposition child needed")
    particles: list[str] = Field(default_factory=list, description="a verb particle needed")
    not_objects: list[str] = Field(default_factory=list)
    not_preps: list[str] = Field(default_factory=list)
    not_particles: list[str] = Field(default_factory=list)
    deps: list[str] = Field(default_factory=list, description="a child relation needed")
    not_deps: list[str] = Field(default_factory=list, description="child relations that veto")
    not_clauses: list[str] = Field(
        default_factory=list, description="verbs of an open complement that veto ('to comment')"
    )
    context: list[str] = Field(default_factory=list, description="a sentence lemma needed")
    not_context: list[str] = Field(default_factory=list)
    needs_recipient: bool = False
    host: bool = Field(False, description="the subject hosts: the object is the visiting actor")
    conflict_as: str | None = Field(None, description="type when its content is a conflict act")
    joint_as: str | None = Field(None, description="type when several states do it together")
    mutual: bool = Field(False, description="conjoined subjects act on each other")

    @property
    def specificity(self) -> int:
        conditions = (self.objects, self.preps, self.particles, self.deps, self.context)
        return 1 + sum(1 for condition in conditions if condition)


class PhrasePattern(_Strict):
    """A spaCy ``Matcher`` token pattern; ``anchor`` indexes the trigger token."""

    pattern: list[dict[str, Any]] = Field(min_length=1)
    anchor: int = 0
    mode: str | None = None
    needs_recipient: bool = False
    joint_as: str | None = None

    @model_validator(mode="after")
    def _anchor_in_pattern(self) -> PhrasePattern:
        if not 0 <= self.anchor < len(self.pattern):
            raise ValueError(f"anchor {self.anchor} outside a pattern of {len(self.pattern)}")
        return self


class DependencyPattern(_Strict):
    """A spaCy ``DependencyMatcher`` pattern; ``anchor`` names the trigger node."""

    pattern: list[dict[str, Any]] = Field(min_length=1)
    anchor: str
    mode: str | None = None
    needs_recipient: bool = False
    joint_as: str | None = None

    @model_validator(mode="after")
    def _anchor_named(self) -> DependencyPattern:
        if self.anchor not in {node.get("RIGHT_ID") for node in self.pattern}:
            raise ValueError(f"anchor {self.anchor!r} is not a RIGHT_ID of the pattern")
        return self


class TypeAdditions(_Strict):
    """What an extension file may add to a type."""

    triggers: list[TriggerRule] = Field(default_factory=list)
    phrases: list[PhrasePattern] = Field(default_factory=list)
    dep_patterns: list[DependencyPattern] = Field(default_factory=list)
    mode_cues: dict[str, list[str]] = Field(default_factory=dict)


class EventType(TypeAdditions):
    """One PLOVER type: its codes, argument behaviour, recodings and words."""

    quad: Literal[1, 2, 3, 4]
    cameo: str = Field(pattern=r"^[0-9]{2}$")
    modes: list[str] = Field(default_factory=list)
    recipient_required: bool = False
    reciprocal: bool = Field(False, description="conjoined subjects act on each other")
    embeds: bool = Field(False, description="events in its complement are its content")
    charges: bool = Field(False, description="a gerund it is done 'for' is its charge")
    recipient_preps: list[str] = Field(default_factory=list)
    noun_recipient_preps: list[str] = Field(default_factory=list)
    future_as: str | None = None
    hypothetical_as: str | None = None
    negated_as: str | None = None
    content_modes: dict[str, str] = Field(default_factory=dict)
    default_mode: str | None = None
    place_recipient: bool = Field(False, description="with no recipient, the state it happens in")
    place_recipient_modes: list[str] = Field(
        default_factory=list, description="modes whose place, with no recipient, names it"
    )
    condition_recipient: bool = Field(False, description="'unless X ...': X is the recipient")
    doer_recipient: bool = Field(
        False, description="a deed it is aimed at names its recipient ('crimes committed by X')"
    )
    prepared_as: str | None = Field(None, description="type when it is being readied")
    domestic_recipient: bool = Field(
        False, description="with no recipient or place named, the actor's own state"
    )
    absorbs: list[str] = Field(
        default_factory=list, description="types its purpose clauses carry, not coded apart"
    )
    no_event_with: list[str] = Field(
        default_factory=list,
        description="sectors that, as its only recipients, make it no event ('told reporters')",
    )
    previous_sentence_modes: list[str] = Field(
        default_factory=list, description="modes a cue in the previous sentence may set"
    )


class Grammar(_Strict):
    """Closed word classes the coder reads; they are language, not event types.  Each is a
    set, as the coder asks of every word whether it belongs."""

    speech_verbs: Words
    negators: Words = Field(description="verbs whose complement did not happen")
    denials: Words = Field(description="negators that deny rather than refuse or fail")
    future_governors: Words
    preparation_governors: Words = Field(
        description="verbs whose complement is being readied ('prepared to attack')"
    )
    future_auxiliaries: Words
    hypothetical_auxiliaries: Words
    conditional_marks: Words
    future_modifiers: Words
    hypothetical_modifiers: Words
    deontic_modals: Words
    object_control: Words = Field(description="verbs whose object does their complement")
    light_verbs: Words = Field(description="verbs whose object noun carries the event")
    carrier_nouns: Words = Field(description="nouns whose 'in'/'for' object is the event")
    measure_nouns: Words = Field(description="nouns counting an event ('a wave of strikes')")
    issued_nouns: Words = Field(
        description="nouns whose participle acts for their issuer ('issued a statement urging')"
    )
    event_preps: Words = Field(description="a verb's prepositions that frame an event noun")
    travel_verbs: Words = Field(description="verbs whose 'for'/'on' object is the event")
    content_recipient_preps: list[str] = Field(
        description="recipient prepositions of content, most likely first"
    )


class GrammarAdditions(_Strict):
    speech_verbs: list[str] = Field(default_factory=list)
    negators: list[str] = Field(default_factory=list)
    denials: list[str] = Field(default_factory=list)
    future_governors: list[str] = Field(default_factory=list)
    preparation_governors: list[str] = Field(default_factory=list)
    light_verbs: list[str] = Field(default_factory=list)
    carrier_nouns: list[str] = Field(default_factory=list)
    issued_nouns: list[str] = Field(default_factory=list)
    travel_verbs: list[str] = Field(default_factory=list)


class LexiconFile(_Strict):
    version: Literal[1]
    grammar: Grammar
    types: dict[str, EventType]

    @model_validator(mode="after")
    def _all_types(self) -> LexiconFile:
        missing = [name for name in EVENT_TYPES if name not in self.types]
        unknown = [name for name in self.types if name not in EVENT_TYPES]
        if missing or unknown:
            raise ValueError(f"types missing: {missing}; not PLOVER 2.0 types: {unknown}")
        for name, spec in self.types.items():
            _check_modes(name, spec, spec.modes)
            rules = [*spec.triggers, *spec.phrases, *spec.dep_patterns]
            joint = [rule.joint_as for rule in rules]
            conflict = [rule.conflict_as for rule in spec.triggers]
            recodes = (spec.future_as, spec.hypothetical_as, spec.negated_as, spec.prepared_as)
            for target in (*recodes, *joint, *conflict):
                if target is not None and target not in EVENT_TYPES:
                    raise ValueError(f"{name}: recodes to unknown type {target}")
        return self


class LexiconExtension(_Strict):
    version: Literal[1]
    grammar: GrammarAdditions = GrammarAdditions()
    types: dict[str, TypeAdditions] = Field(default_factory=dict)


def _check_modes(name: str, spec: TypeAdditions, modes: list[str]) -> None:
    used = [rule.mode for rule in spec.triggers + spec.phrases + spec.dep_patterns]
    used += list(spec.mode_cues)
    if isinstance(spec, EventType):
        used += [spec.default_mode, *spec.content_modes.values(), *spec.previous_sentence_modes]
    bad = sorted({mode for mode in used if mode is not None and mode not in modes})
    if bad:
        raise ValueError(f"{name}: modes {bad} are not among its modes {modes}")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One way a token may trigger an event."""

    event: str
    mode: str | None
    specificity: int
    order: int
    rule: TriggerRule | None = None
    needs_recipient: bool = False
    host: bool = False
    joint_as: str | None = None


class Lexicon:
    """A validated lexicon with its lookup tables, built once."""

    def __init__(self, grammar: Grammar, types: dict[str, EventType]) -> None:
        self.grammar = grammar
        self.types = types
        self.by_lemma: dict[str, list[Candidate]] = {}
        self.cues: dict[str, list[tuple[str, str]]] = {}
        # Per type, the nouns that name its means: its noun triggers and mode cue words.
        self.means: dict[str, frozenset[str]] = {}
        # The same the other way round: per word, the types whose means it names.
        self.means_of: dict[str, tuple[str, ...]] = {}
        self._phrases: list[tuple[str, PhrasePattern]] = []
        self._dep_patterns: list[tuple[str, DependencyPattern]] = []
        self._matchers: dict[int, tuple[Vocab, Matcher, DependencyMatcher]] = {}
        self._index()
        # A sentence without one of these words (lower case or lemma) holds no phrase
        # match, a document without one of the others no dependency match; None: any may.
        self.phrase_words = _any_of([p.pattern for _, p in self._phrases])
        self.dep_words = _any_of(
            [[node["RIGHT_ATTRS"] for node in p.pattern] for _, p in self._dep_patterns]
        )

    @classmethod
    def load(cls, extra_paths: Sequence[Path] = ()) -> Lexicon:
        """The packaged lexicon plus user extensions, in the order given."""
        base = _validate(LexiconFile, _read_yaml(DATA_DIR / BASE_LEXICON), BASE_LEXICON)
        grammar = base.grammar.model_dump()
        types = {name: spec.model_dump() for name, spec in base.types.items()}
        for path in extra_paths:
            extension = _validate(LexiconExtension, _read_yaml(Path(path)), str(path))
            for key, words in extension.grammar.model_dump().items():
                grammar[key] = [*grammar[key], *words]
            for name, additions in extension.types.items():
                if name not in types:
                    raise LexiconError(f"{path}: {name} is not a PLOVER 2.0 type")
                for key, values in additions.model_dump().items():
                    if key == "mode_cues":
                        for mode, cues in values.items():
                            types[name]["mode_cues"][mode] = types[name]["mode_cues"].get(mode, [])
                            types[name]["mode_cues"][mode] += cues
                    else:
                        types[name][key] = types[name][key] + values
        merged = _validate(
            LexiconFile, {"version": 1, "grammar": grammar, "types": types}, "merged lexicon"
        )
        return cls(merged.grammar, merged.types)

    def _index(self) -> None:
        order = 0
        for name, spec in self.types.items():
            nouns = {lemma for rule in spec.triggers if "NOUN" in rule.pos for lemma in rule.lemmas}
            words = {word for cues in spec.mode_cues.values() for word in cues}
            self.means[name] = frozenset(word.lower() for word in nouns | words)
            for word in sorted(self.means[name]):
                self.means_of[word] = (*self.means_of.get(word, ()), name)
            for rule in spec.triggers:
                candidate = Candidate(
                    name,
                    rule.mode,
                    rule.specificity,
                    order,
                    rule,
                    rule.needs_recipient,
                    rule.host,
                    rule.joint_as,
                )
                for lemma in rule.lemmas:
                    self.by_lemma.setdefault(lemma.lower(), []).append(candidate)
                order += 1
            for mode, words in spec.mode_cues.items():
                for word in words:
                    self.cues.setdefault(name, []).append((word.lower(), mode))
            self._phrases += [(name, phrase) for phrase in spec.phrases]
            self._dep_patterns += [(name, pattern) for pattern in spec.dep_patterns]

    def matchers(self, vocab: Vocab) -> tuple[Matcher, DependencyMatcher]:
        """Phrase and dependency matchers for ``vocab``, compiled on first use only."""
        cached = self._matchers.get(id(vocab))
        if cached is not None and cached[0] is vocab:
            return cached[1], cached[2]
        matcher = Matcher(vocab)
        for index, (_, phrase) in enumerate(self._phrases):
            matcher.add(f"phrase-{index}", [phrase.pattern])
        dep_matcher = DependencyMatcher(vocab)
        for index, (_, pattern) in enumerate(self._dep_patterns):
            dep_matcher.add(f"dep-{index}", [pattern.pattern])
        self._matchers[id(vocab)] = (vocab, matcher, dep_matcher)
        return matcher, dep_matcher

    def phrase(self, label: str) -> tuple[str, PhrasePattern | DependencyPattern]:
        kind, index = label.split("-")
        table = self._phrases if kind == "phrase" else self._dep_patterns
        return table[int(index)]


def _any_of(patterns: list[list[dict[str, Any]]]) -> frozenset[str] | None:
    words: set[str] = set()
    for pattern in patterns:
        needed = _needed_words(pattern)
        if needed is None:
            return None
        words |= needed
    return frozenset(words)


def _needed_words(tokens: list[dict[str, Any]]) -> frozenset[str] | None:
    """Words of which a match must contain one: those the first token that must be
    present and names its word (not by a regular expression, say) may be."""
    for spec in tokens:
        spec = {key.upper(): value for key, value in spec.items()}
        if spec.get("OP") in OPTIONAL_OPS:
            continue
        for attr in WORD_ATTRS:
            value = spec.get(attr)
            if isinstance(value, str):
                return frozenset({value.lower()})
            if isinstance(value, dict) and isinstance(value.get("IN"), list):
                return frozenset(str(v).lower() for v in value["IN"])
    return None


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise LexiconError(f"cannot read event lexicon {path}: {error}") from error
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise LexiconError(f"event lexicon {path} is not valid YAML: {error}") from error


def _validate(model: type[Model], data: Any, where: str) -> Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise LexiconError(f"event lexicon {where} is invalid:\n{error}") from error
