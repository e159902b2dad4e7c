"""Features of the learned decisions, read from the parse: one function per decision.

The same functions build training examples (``tacitus.learn``) and score candidates when
coding, so what the model learned from is what it sees.  Features are sparse names with
values; the trigger's contextual vector from spaCy's tok2vec (``Doc.tensor``, computed by the
parse anyway) adds dense ones, so that a verb never seen in training still resembles the
verbs that were.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import cache

from spacy.tokens import Span, Token

from tacitus.events.candidates import Candidate
from tacitus.events.dates import DateResolution
from tacitus.events.dyads import ActorIndex, subject_of
from tacitus.events.lexicon import Lexicon
from tacitus.events.reading import Context, stated
from tacitus.parse import memo, per_span, tokens_in
from tacitus.parse.labels import NOUNS, VERBAL
from tacitus.records import ActorMention

Features = dict[str, float]
# Binary features that may join a decision's: the names of each choice, one of which will.
Choices = tuple[tuple[str, ...], ...]
# Dense features are the tok2vec vector scaled to the range of the binary ones.
TENSOR_SCALE = 0.25
QUOTE_MARKS = frozenset({'"', "“", "”"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
MAX_PATH = 4
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
PAST_CUES = frozenset(
    {"since", "ago", "former", "previous", "previously", "earlier", "once", "then", "history"}
)


def present(*names: str) -> Features:
    """Binary features: each of ``names`` is present."""
    return dict.fromkeys(names, 1.0)


def _proposals(candidate: Candidate, lemma: str) -> list[str]:
    """What the hand rules and the CAMEO dictionary propose, as feature names."""
    rule, vote = candidate.rule, candidate.vote
    names = (
        ["no_rule"] if rule is None else [f"rule={rule.event}", f"rule_lemma={rule.event}|{lemma}"]
    )
    if rule is not None and rule.suppressed:
        names += ["rule_content", f"rule_content={rule.event}"]
    if rule is not None and rule.rule is None:
        names.append("rule_pattern")
    if vote is not None:
        event = vote.event or "none"
        names += [f"cameo={event}", f"cameo_root={(vote.code or '---')[:2]}"]
        if vote.specificity:
            names += ["cameo_pattern", f"cameo_pattern={event}"]
    return names


def trigger_features(candidate: Candidate, sent: Span, ctx: Context) -> Features:
    """Whether ``candidate`` is an event, and of which type."""
    f = context_features(candidate, sent, ctx)
    f.update(reading_features(candidate, ctx))
    return f


def context_features(candidate: Candidate, sent: Span, ctx: Context) -> Features:
    """The trigger features but the readings': its words, its syntax, what proposes it."""
    index, lexicon = ctx.index, ctx.lexicon
    token = candidate.token
    lemma = token.lemma_.lower()
    grammar = lexicon.grammar
    f = present(
        f"lemma={lemma}",
        f"lemma_pos={lemma}|{token.pos_}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"modality={stated(token, ctx)}",
        *_proposals(candidate, lemma),
    )
    for child in token.children:
        word = child.lemma_.lower()
        if child.dep_ in OBJECT_DEPS:
            f[f"obj={word}"] = 1.0
        elif child.dep_ in ("prep", "agent"):
            f[f"prep={word}"] = 1.0
            for obj in child.children:
                if obj.dep_ == "pobj":
                    f[f"prep_obj={word}|{obj.lemma_.lower()}"] = 1.0
                    if index.at(obj) is not None:
                        f[f"prep_actor={word}"] = 1.0
        elif child.dep_ == "prt":
            f[f"prt={word}"] = 1.0
        elif child.dep_ == "xcomp":
            # What is refused or promised: "refused to comment" is no refusal of a demand.
            f[f"xcomp={word}"] = 1.0
        elif child.dep_ in ("aux", "auxpass", "neg"):
            f[f"aux={child.lower_}"] = 1.0
    _subject(f, token, index, lexicon)
    head = token.head
    if head != token:
        f[f"head={head.lemma_.lower()}"] = 1.0
        f[f"head_dep={token.dep_}|{head.pos_}"] = 1.0
    if any(a.lemma_.lower() in grammar.speech_verbs for a in token.ancestors):
        f["under_speech"] = 1.0
    if token.lemma_.lower() in grammar.speech_verbs:
        f["speech_verb"] = 1.0
    f[f"actors={min(_actor_count(sent, index), 3)}"] = 1.0
    for event, places in _type_words(sent, lexicon).items():
        if places != {token.i}:
            f[f"sent_cue={event}"] = 1.0
    if _quoted(token, sent):
        f["quoted"] = 1.0
    if token.i > sent.start:
        f[f"prev={token.nbor(-1).lower_}"] = 1.0
    _tensor(f, token)
    return f


def reading_features(candidate: Candidate, ctx: Context) -> Features:
    """What the grammar makes of each proposed type: whether a reading finds a doer and a
    target.  (Also finishing each reading, to see whether PLOVER's checks keep it and what
    type it ends as, cost a tenth of the coder's time and no held-out F1: 0.321 without,
    0.320 with.)"""
    f: Features = {}
    for event in sorted(candidate.proposed):
        reading = candidate.read(event, ctx)
        f.update(_reading_names(event, bool(reading.agents), bool(reading.recipients)))
    return f


def reading_outcomes(candidate: Candidate) -> list[Choices]:
    """Per proposed type, every set of features its reading may give: what the type
    decision may bound instead of reading (``LinearModel.surely``)."""
    return [_outcomes(event) for event in sorted(candidate.proposed)]


@cache
def _outcomes(event: str) -> Choices:
    return tuple(
        tuple(_reading_names(event, agent, recipient))
        for agent in (True, False)
        for recipient in (True, False)
    )


def _reading_names(event: str, agent: bool, recipient: bool) -> Features:
    f = {f"read={event}|{'agent' if agent else 'no_agent'}": 1.0}
    if recipient:
        f[f"read={event}|recipient"] = 1.0
    return f


def _subject(f: Features, token: Token, index: ActorIndex, lexicon: Lexicon) -> None:
    control = lexicon.grammar.object_control
    verb = token if token.pos_ in VERBAL else None
    subject = subject_of(verb, control) if verb is not None else None
    if subject is None:
        f["subj=none"] = 1.0
        return
    mention = index.at(subject)
    if mention is None:
        f[f"subj_word={subject.lemma_.lower()}" if subject.pos_ != "PRON" else "subj=pron"] = 1.0
        return
    f[f"subj_kind={mention.kind}"] = 1.0
    if mention.ref.sector:
        f[f"subj_sector={mention.ref.sector}"] = 1.0


def _actor_count(sent: Span, index: ActorIndex) -> int:
    """How many actor mentions the sentence holds (read by each of its candidates)."""
    return memo(
        sent.doc,
        ("actor count", index, sent.start),
        lambda: len({id(m) for t in tokens_in(sent) if (m := index.at(t)) is not None}),
    )


def _type_words(sent: Span, lexicon: Lexicon) -> dict[str, set[int]]:
    """Per type, where the sentence uses its words (its trigger nouns and mode cues): "broke
    cover" or "clashed with his wishes" has no weapon, no wound, nothing of an attack
    beside the verb itself."""

    def build() -> dict[str, set[int]]:
        found: dict[str, set[int]] = {}
        means_of = lexicon.means_of
        for t in tokens_in(sent):
            for event in {*means_of.get(t.lower_, ()), *means_of.get(t.lemma_.lower(), ())}:
                found.setdefault(event, set()).add(t.i)
        return found

    return memo(sent.doc, ("type words", id(lexicon), sent.start), build)


def _quoted(token: Token, sent: Span) -> bool:
    """Whether the token sits inside quotation marks opened in its sentence."""
    return bisect_left(_quote_marks(sent), token.i) % 2 == 1


@per_span
def _quote_marks(sent: Span) -> list[int]:
    return [t.i for t in tokens_in(sent) if t.text in QUOTE_MARKS]


def _tensor(f: Features, token: Token) -> None:
    tensor = token.doc.tensor
    if tensor is None or len(tensor) <= token.i:
        return
    values = (tensor[token.i] * TENSOR_SCALE).tolist()
    f.update(zip(_tensor_names(len(values)), values, strict=True))


@cache
def _tensor_names(width: int) -> tuple[str, ...]:
    return tuple(f"t{dim}" for dim in range(width))


def role_features(
    token: Token, event: str, mention: ActorMention, proposed: str | None
) -> Features:
    """Whether ``mention`` is the actor, the recipient or neither of the event at ``token``;
    ``proposed`` is what the grammar rules make of it ('actor', 'recipient' or None)."""
    doc = token.doc
    f = present(
        f"kind={mention.kind}",
        f"method={mention.method}",
        f"proposed={proposed}",
        f"proposed_type={proposed}|{event}",
        f"type={event}",
    )
    if mention.place_like:
        f["place_like"] = 1.0
    if not mention.ref.code:
        f["uncoded"] = 1.0
    if mention.start == mention.end:
        f["place_or_state"] = 1.0
        return f
    head = doc[mention.head]
    side = "before" if head.i < token.i else "after"
    f[f"side={side}"] = 1.0
    f[f"side_type={side}|{event}"] = 1.0
    f[f"distance={min(abs(head.i - token.i) // 3, 5)}"] = 1.0
    f[f"head_dep={head.dep_}"] = 1.0
    if head.dep_ == "pobj":
        prep = head.head.lemma_.lower()
        f[f"prep={prep}"] = 1.0
        f[f"prep_type={prep}|{event}"] = 1.0
    path = dependency_path(head, token)
    f[f"path={path}"] = 1.0
    f[f"path_type={path}|{event}"] = 1.0
    f[f"path_len={min(path.count(' ') + 1, MAX_PATH + 1) if path else 0}"] = 1.0
    return f


def dependency_path(start: Token, end: Token) -> str:
    """Relations from ``start`` up to the common ancestor (^) and down to ``end`` (v)."""
    up = [start, *start.ancestors]
    down = [end, *end.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        return "none"
    steps = [f"^{t.dep_}" for t in up[: up.index(common)]]
    steps += [f"v{t.dep_}" for t in reversed(down[: down.index(common)])]
    if len(steps) > MAX_PATH:
        return "long"
    return " ".join(steps) or "self"


def background_features(
    token: Token, sent: Span, event: str, published: date | None, when: DateResolution
) -> Features:
    """Whether the event at ``token`` is past context rather than the article's news."""
    f: Features = {
        f"type={event}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"date_source={when.source}": 1.0,
    }
    for child in token.children:
        if child.dep_ in ("aux", "auxpass"):
            f[f"aux={child.lower_}"] = 1.0
    if token.head != token:
        f[f"head_dep={token.dep_}|{token.head.lemma_.lower()}"] = 1.0
    words = {t.lower_ for t in sent}
    for cue in PAST_CUES & words:
        f[f"cue={cue}"] = 1.0
    years = [int(y) for y in _YEAR.findall(sent.text)]
    if published is not None:
        if any(y < published.year for y in years):
            f["earlier_year"] = 1.0
        if when.date is not None:
            gap = (published - when.date).days
            bucket = next(b for b in (7, 31, 183, 366, 10**6) if gap <= b)
            f[f"gap<={bucket}"] = 1.0
    if token.pos_ in NOUNS:
        f["nominal"] = 1.0
    return f
