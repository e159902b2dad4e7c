"""Lines of a normalized text and the shape features boilerplate detection reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tacitus.clean.lexicon import BoilerplateLexicon

# A line reads as a sentence from this many words up.
SENTENCE_MIN_WORDS = 4
# Prose has many function words; headlines and menus have few.
PROSE_MIN_STOP_RATIO = 0.1
# Above this share of capitalized non-initial words a line is Title Cased.
TITLE_CASE_MIN_RATIO = 0.6
# A line without final punctuation still reads as prose (a standfirst) when
# it is this long and this rich in function words.
DEK_MIN_WORDS = 8
DEK_MIN_STOP_RATIO = 0.15

_WORD = re.compile(r"[^\W_][\w'’.-]*")
_TERMINAL = re.compile(r"(?<!\.\.)[.!?][\"')\]]*$|[.!?][\"')\]]+$")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)[\"')\]]*$")
_QUOTED = re.compile(r"\"[^\"]*(?:\"|$)")


@dataclass(slots=True)
class Line:
    """One non-empty line: its number in the text, span and derived features."""

    number: int
    start: int
    end: int
    text: str
    words: list[str] = field(default_factory=list)
    stop_ratio: float = 0.0
    title_ratio: float = 0.0

    @property
    def n_words(self) -> int:
        return len(self.words)

    @property
    def terminal(self) -> bool:
        return bool(_TERMINAL.search(self.text)) and not self.truncated

    @property
    def truncated(self) -> bool:
        return bool(_ELLIPSIS.search(self.text))

    @property
    def title_cased(self) -> bool:
        return self.n_words >= 2 and self.title_ratio >= TITLE_CASE_MIN_RATIO

    @property
    def sentence_like(self) -> bool:
        return (
            self.n_words >= SENTENCE_MIN_WORDS
            and self.terminal
            and self.stop_ratio >= PROSE_MIN_STOP_RATIO
            and not self.title_cased
        )

    @property
    def prose_like(self) -> bool:
        """A sentence, or a long unpunctuated line that reads like one."""
        return self.sentence_like or (
            self.n_words >= DEK_MIN_WORDS
            and self.stop_ratio >= DEK_MIN_STOP_RATIO
            and not self.title_cased
            and not self.truncated
        )

    def lower_words(self) -> list[str]:
        return [word.lower().strip(".'’-") for word in self.words]

    def unquoted_words(self) -> list[str]:
        """Lower-cased words outside quotation marks (an unclosed quote runs to the
        line end); all-capital words are dropped, as "US" is not "us"."""
        words = _WORD.findall(_QUOTED.sub(" ", self.text))
        kept = [word for word in words if not (len(word) > 1 and word.isupper())]
        return [word.lower().rstrip(".'’-") for word in kept]


def split_lines(text: str, lexicon: BoilerplateLexicon) -> list[Line]:
    """Every non-empty line of ``text`` with its features."""
    lines = []
    position = 0
    for number, raw_line in enumerate(text.split("\n")):
        if raw_line.strip():
            line = Line(number, position, position + len(raw_line), raw_line)
            _measure(line, lexicon)
            lines.append(line)
        position += len(raw_line) + 1
    return lines


def _measure(line: Line, lexicon: BoilerplateLexicon) -> None:
    line.words = _WORD.findall(line.text)
    lowered = line.lower_words()
    if not lowered:
        return
    line.stop_ratio = sum(1 for word in lowered if word in lexicon.stop_words) / len(lowered)
    later = [word for word in line.words[1:] if word[0].isalpha()]
    if later:
        line.title_ratio = sum(1 for word in later if word[0].isupper()) / len(later)
