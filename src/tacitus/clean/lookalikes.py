"""Fold look-alike letters (UTS #39 confusables) back to Latin, word by word.

Spun copies of articles swap Latin letters for Cyrillic or Greek twins so the
text looks the same but matches nothing.  A word is folded when its foreign
letters all have a single Latin twin and the word is Latin in intent: it holds
Latin letters too, or its line is mostly Latin.  A genuinely Cyrillic or Greek
word keeps its script, because such words contain letters with no Latin twin.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables

FOLDED_SCRIPTS = ("CYRILLIC", "GREEK")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """First word of the Unicode name: LATIN, CYRILLIC, GREEK, ..."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


@lru_cache(maxsize=4096)
def latin_twin(char: str) -> str | None:
    """The single ASCII letter ``char`` is confusable with, if any."""
    if script_of(char) not in FOLDED_SCRIPTS:
        return None
    found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"])
    for entry in found or []:
        for glyph in entry["homoglyphs"]:
            twin = glyph["c"]
            if len(twin) == 1 and twin.isascii() and twin.isalpha():
                return twin
    return None


def _word_kind(word: str) -> tuple[int, int, bool]:
    """(Latin letters, foreign letters, every foreign letter has a Latin twin)."""
    latin = foreign = 0
    foldable = True
    for char in word:
        if char.isascii() or script_of(char) == "LATIN":
            latin += 1
        else:
            foreign += 1
            if latin_twin(char) is None:
                foldable = False
    return latin, foreign, foldable


def fold_line(line: str) -> str:
    """``line`` with look-alike letters folded; same length, so offsets are unchanged."""
    if line.isascii():
        return line
    words = [(m.start(), m.group(), *_word_kind(m.group())) for m in _WORD.finditer(line)]
    latin_words = sum(1 for _, _, latin, _, _ in words if latin)
    foreign_words = sum(1 for _, _, latin, foreign, ok in words if foreign and not latin and not ok)
    latin_context = latin_words > foreign_words
    chars = list(line)
    for start, word, latin, foreign, foldable in words:
        if not foreign or not foldable:
            continue
        if (latin and latin >= foreign) or latin_context:
            for i, char in enumerate(word):
                twin = latin_twin(char)
                if twin is not None:
                    chars[start + i] = twin
    return "".join(chars)


def fold_text(text: str) -> str:
    """Fold every line of ``text`` (line by line, since context is per line)."""
    if text.isascii():
        return text
    return "\n".join(fold_line(line) for line in text.split("\n"))
