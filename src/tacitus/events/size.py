"""How many: counts of dead, injured, arrested (and other tallies) in a sentence.

A count is a number phrase ("at least 1,400", "two", "3.5 million") plus what it
counts, decided by the counted noun ("313 deaths", "100 hostages") or the verb
governing it ("153 people have been killed", "injured over 3,500").  A count
introduced by "including" or "among them" is a part of the count before it.
Vague amounts ("dozens", "hundreds") carry a floor and ``vague=True``; the
event size leaves them out rather than invent a figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from tacitus.parse import per_span, tokens
from tacitus.parse.labels import NOMINAL_SUBJECTS
from tacitus.records import Size
from tacitus.vocabulary import NUMBER_WORDS

KILLED, INJURED, ARRESTED = "killed", "injured", "arrested"
HOSTAGES, ROCKETS, MONEY, DISPLACED = "hostages", "rockets", "money", "displaced"

# Nouns that name what is counted ("313 deaths", "20 rockets").
KIND_NOUNS = {
    "death": KILLED, "dead": KILLED, "fatality": KILLED, "body": KILLED,
    "injury": INJURED, "injured": INJURED, "wounded": INJURED,
    "arrest": ARRESTED, "detainee": ARRESTED, "detention": ARRESTED,
    "hostage": HOSTAGES, "captive": HOSTAGES,
    "rocket": ROCKETS, "missile": ROCKETS, "projectile": ROCKETS, "mortar": ROCKETS,
    "drone": ROCKETS, "shell": ROCKETS,
    "refugee": DISPLACED, "evacuee": DISPLACED,
    "dollar": MONEY, "euro": MONEY, "pound": MONEY, "rial": MONEY, "riyal": MONEY,
    "shekel": MONEY, "yuan": MONEY, "yen": MONEY, "rouble": MONEY, "ruble": MONEY,
}  # fmt: skip
# Verbs whose subject or object is what they count ("killed 10 people", "600 died").
KIND_VERBS = {
    "kill": KILLED, "die": KILLED, "slay": KILLED, "murder": KILLED, "execute": KILLED,
    "massacre": KILLED, "perish": KILLED,
    "injure": INJURED, "wound": INJURED, "hurt": INJURED,
    "arrest": ARRESTED, "detain": ARRESTED, "jail": ARRESTED, "imprison": ARRESTED,
    "apprehend": ARRESTED,
    "kidnap": HOSTAGES, "abduct": HOSTAGES,
    "displace": DISPLACED, "flee": DISPLACED, "evacuate": DISPLACED, "uproot": DISPLACED,
}  # fmt: skip
# "claimed 181 lives", "the death toll rose to 200".
LIVES_VERBS = frozenset({"claim", "take", "cost"})
TOLL_NOUNS = frozenset({"toll"})
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
CURRENCY_NOUNS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "rial": "IRR",
                  "riyal": "SAR", "shekel": "ILS", "yuan": "CNY", "yen": "JPY",
                  "rouble": "RUB", "ruble": "RUB"}  # fmt: skip

SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
          "m": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "bln": 1_000_000_000}  # fmt: skip
# Documented floors of vague amounts: "dozens" is at least two dozen, "tens of
# thousands" at least twenty thousand.
VAGUE_FLOORS = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
                "millions": 2_000_000}  # fmt: skip
VAGUE_MULTIPLIERS = {"tens": 20, "hundreds": 200}
VAGUE_SCALES = {"thousands": 1000, "millions": 1_000_000}
# Words before a number that hedge it, in their canonical form.
QUALIFIERS = {
    "at least": "at least", "no fewer than": "at least", "more than": "more than",
    "over": "more than", "upwards of": "more than", "about": "about", "around": "about",
    "approximately": "about", "roughly": "about", "some": "about", "an estimated": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "up to": "up to",
    "as many as": "up to", "at most": "up to", "fewer than": "fewer than",
    "less than": "fewer than", "under": "fewer than",
}  # fmt: skip
# Hedges the parser may read as prepositions governing the number.
QUALIFIER_PREPS = frozenset({"over", "about", "around", "under", "nearly", "almost"})
# Words that make the following count a part of the previous one.
PART_MARKERS = ("including", "among them", "among whom", "of whom", "of them", "among the dead")
# Entity labels whose numbers are not counts.
NOT_COUNT_LABELS = frozenset({"DATE", "TIME", "PERCENT", "ORDINAL", "QUANTITY"})
# How far up the tree a count looks for the verb or toll that says what it counts.
MAX_HOPS = 3


@dataclass(frozen=True, slots=True)
class Count:
    """One counted quantity in a sentence (token offsets are the Doc's)."""

    kind: str
    value: int
    qualifier: str | None
    whom: str | None
    start: int
    end: int
    anchor: int  # the verb or noun the count hangs on; events and dates attach there
    part_of: int | None = None  # index of the including count in the same list
    vague: bool = False
    unit: str | None = None


def casualties(sent: Span) -> Size | None:
    """Dead, injured and arrested in ``sent``: the first stated total of each."""
    totals: dict[str, int] = {}
    for count in counts(sent):
        if count.part_of is None and not count.vague and count.kind in (KILLED, INJURED, ARRESTED):
            totals.setdefault(count.kind, count.value)
    if not totals:
        return None
    return Size(dead=totals.get(KILLED), injured=totals.get(INJURED), arrested=totals.get(ARRESTED))


@per_span
def counts(sent: Span) -> tuple[Count, ...]:
    """Every count in ``sent`` whose kind can be told, in text order."""
    found: list[Count] = []
    for run in _number_runs(sent):
        count = _count(run, sent, found)
        if count is not None:
            found.append(count)
    return tuple(found)


def _number_runs(sent: Span) -> list[Span]:
    runs: list[Span] = []
    i = sent.start
    doc = sent.doc
    words = tokens(doc)
    while i < sent.end:
        if not _numberish(words[i]):
            i += 1
            continue
        j = i + 1
        while j < sent.end and (
            _numberish(words[j]) or words[j].lower_ in SCALES or _joins(doc, j)
        ):
            j += 1
        runs.append(doc[i:j])
        i = j
    return runs


def _numberish(token: Token) -> bool:
    if token.ent_type_ in NOT_COUNT_LABELS:
        return False
    word = token.lower_
    return token.like_num or word in NUMBER_WORDS or word in VAGUE_FLOORS or word == "tens"


def _joins(doc: Doc, j: int) -> bool:
    # "tens of thousands", "hundreds of thousands".
    return doc[j].lower_ == "of" and j + 1 < len(doc) and doc[j + 1].lower_ in VAGUE_SCALES


def parse_number(words: list[str]) -> tuple[int, bool] | None:
    """The value of a number phrase and whether it is vague; None if it is not one."""
    words = [w for w in words if w != ","]
    if len(words) == 3 and words[1] == "of" and words[2] in VAGUE_SCALES:
        return VAGUE_MULTIPLIERS.get(words[0], 1) * VAGUE_SCALES[words[2]], True
    if len(words) == 1 and words[0] in VAGUE_FLOORS:
        return VAGUE_FLOORS[words[0]], True
    total, current = 0.0, 0.0
    for word in words:
        for part in word.split("-"):
            value = _word_value(part)
            if value is None:
                return None
            if part in SCALES:
                current = (current or 1) * value
                if value >= 1000:
                    total, current = total + current, 0.0
            else:
                current += value
    return round(total + current), False


def _word_value(word: str) -> float | None:
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    if word in SCALES:
        return SCALES[word]
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


def _count(run: Span, sent: Span, earlier: list[Count]) -> Count | None:
    parsed = parse_number([t.lower_ for t in run])
    if parsed is None or (parsed[0] > 1800 and _looks_like_year(run)):
        return None
    value, vague = parsed
    number = run[-1]
    noun = number.head if number.dep_ in ("nummod", "quantmod", "compound") else number
    part = _is_part(sent, run)
    kind, anchor = _kind(noun, number)
    unit = _currency(run, noun)
    if unit:
        kind, anchor = MONEY, _governor(noun)
    parent = _parent(earlier) if part else None
    if kind is None and parent is not None:
        kind, anchor = earlier[parent].kind, earlier[parent].anchor
    if kind is None:
        return None
    whom = _whom(noun, number)
    qualifier, start = _qualifier(sent, run, vague)
    end = max(run.end, noun.i + 1)
    return Count(kind, value, qualifier, whom, start, end, anchor, parent, vague, unit)


def _whom(noun: Token, number: Token) -> str | None:
    """The counted people or things: "children" in "42 children", "dozens of protesters"."""
    if noun is number:
        of = [c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"]
        objects = [c for o in of for c in o.children if c.dep_ == "pobj"]
        noun = objects[0] if objects else number
        if noun is number or noun.lower_ in VAGUE_FLOORS:
            return None
    return None if noun.lemma_.lower() in KIND_NOUNS or noun.lemma_.lower() == "life" else noun.text


def _looks_like_year(run: Span) -> bool:
    return len(run) == 1 and run[0].text.isdigit() and len(run[0].text) == 4


def _kind(noun: Token, number: Token) -> tuple[str | None, int]:
    lemma = noun.lemma_.lower()
    if lemma in KIND_NOUNS and KIND_NOUNS[lemma] != MONEY:
        return KIND_NOUNS[lemma], _governor(noun)
    for child in noun.children:
        # "10 people killed", "five wounded soldiers".
        if child.dep_ in ("acl", "amod") and child.lemma_.lower() in KIND_VERBS:
            return KIND_VERBS[child.lemma_.lower()], child.i
        if child.dep_ == "amod" and child.lemma_.lower() in KIND_NOUNS:
            return KIND_NOUNS[child.lemma_.lower()], noun.i
    node = noun
    for _ in range(MAX_HOPS):
        head = node.head
        head_lemma = head.lemma_.lower()
        if _argument(node) and head_lemma in KIND_VERBS:
            return KIND_VERBS[head_lemma], head.i
        if lemma == "life" and head_lemma in LIVES_VERBS:
            return KILLED, head.i
        if head_lemma in TOLL_NOUNS or any(
            c.dep_ in NOMINAL_SUBJECTS and c.lemma_.lower() in TOLL_NOUNS for c in head.children
        ):
            return KILLED, _governor(head)
        if head.i == node.i:
            break
        node = head
    return None, number.i


def _argument(node: Token) -> bool:
    """Subject or object of its head; "injured over 2,600" parses "over" as a preposition."""
    return node.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "appos") or (
        node.dep_ == "prep" and node.lower_ in QUALIFIER_PREPS
    )


def _governor(token: Token) -> int:
    """The verb a noun phrase hangs on, for dating and placing it."""
    node = token
    for _ in range(MAX_HOPS):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node.i
        node = node.head
    return node.i


def _currency(run: Span, noun: Token) -> str | None:
    doc = run.doc
    before = doc[run.start - 1].text if run.start > 0 else ""
    if before in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[before]
    return CURRENCY_NOUNS.get(noun.lemma_.lower())


def _is_part(sent: Span, run: Span) -> bool:
    lead = " " + sent.doc[max(sent.start, run.start - 4) : run.start].text.lower() + " "
    return any(f" {marker} " in lead for marker in PART_MARKERS)


def _parent(earlier: list[Count]) -> int | None:
    for index in range(len(earlier) - 1, -1, -1):
        if earlier[index].part_of is None:
            return index
    return None


def _qualifier(sent: Span, run: Span, vague: bool) -> tuple[str | None, int]:
    """The hedge before the number and where the whole figure starts ("at least $5")."""
    doc = sent.doc
    symbol = run.start > sent.start and doc[run.start - 1].text in CURRENCY_SYMBOLS
    start = run.start - int(symbol)
    before = [t.lower_ for t in doc[max(sent.start, start - 3) : start]]
    for width in (3, 2, 1):
        phrase = " ".join(before[-width:]) if len(before) >= width else ""
        if phrase in QUALIFIERS:
            return QUALIFIERS[phrase], start - width
    return ("at least" if vague else None), start
