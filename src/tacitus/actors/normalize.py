"""Name normalisation that survives the romanisation of Arabic and Persian names.

Two levels are used.  ``light`` folds case, accents, apostrophes, hyphens and the
Arabic article, so "al-Nakhalah" and "Nakhalah" meet.  ``name_key`` goes further
and erases the spelling choices transliterators disagree on (q/gh/k, e/i,
ou/u/o, -eh/-ah/-a endings, doubled letters), so "Esmail Ghaani" and "Ismail
Qaani" share a key.  A key is a blocking device, not a proof: callers confirm a
key match with a similarity score on the light forms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Cyrillic and Greek letters that look Latin turn up in scraped news.
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "А": "A", "Е": "E", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I",
        "Н": "H", "К": "K", "М": "M", "В": "B", "ο": "o", "α": "a",
    }
)  # fmt: skip
_APOSTROPHES = re.compile(r"[’‘`´ʿʾʼ']")
_DASHES = re.compile(r"[\u2010-\u2015\-]")
# The Arabic article when written joined to its noun, and alone before a capital.
_ARTICLE_JOINED = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ul|ud)-(?=\w)")
_ARTICLE_ALONE = re.compile(r"\b(?:al|el)\s+(?=\w)")
_POSSESSIVE = re.compile(r"'s\b|s'(?=\s|$)")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")

# Ordered rewrites from romanisation variants to one spelling.
_CONSONANTS = (
    ("kh", "x"),
    ("gh", "q"),
    ("ck", "q"),
    ("k", "q"),
    ("ph", "f"),
    ("dj", "j"),
    ("w", "v"),
    ("th", "t"),
    ("dh", "d"),
)
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_FINAL_VOWEL_H = re.compile(r"(?<=\w\w\w)(?:[aeiou]h|[aeiou])$")
_DOUBLE = re.compile(r"(\w)\1+")


def fold_confusables(text: str) -> str:
    """Latin letters for their Cyrillic and Greek look-alikes; lengths are unchanged."""
    return text.translate(_CONFUSABLES)


def fold(text: str) -> str:
    """Latin letters only: confusables mapped, accents stripped."""
    if text.isascii():  # nothing to map or strip, and most names are
        return text
    text = text.translate(_CONFUSABLES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def light(text: str) -> str:
    """Case, accents, apostrophes, hyphens, possessives and the Arabic article folded."""
    text = fold(text).lower()
    text = _APOSTROPHES.sub("'", text)
    text = _POSSESSIVE.sub("", text)
    text = _ARTICLE_JOINED.sub("", text)
    text = _DASHES.sub(" ", text)
    text = _NON_WORD.sub("", text)
    text = _ARTICLE_ALONE.sub("", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The transliteration key of one lowercase, light-normalised word."""
    if len(word) > 3:
        word = _FINAL_VOWEL_H.sub("", word)
    for source, target in _CONSONANTS:
        word = word.replace(source, target)
    word = _DOUBLE.sub(r"\1", word)
    # Every vowel run becomes one "a": vowel choice is where spellings disagree most.
    return _VOWEL_RUN.sub("a", word)


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The key under which spelling variants of one name meet."""
    return " ".join(word_key(word) for word in light(text).split())


def surname(name: str) -> str | None:
    """The family-name part of a personal name, or None for patronymic names."""
    words = light(name).split()
    if len(words) < 2 or {"bin", "ibn", "bint", "ben"} & set(words[:-1]):
        return None
    return words[-1]
