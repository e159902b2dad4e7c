"""Unicode hygiene that keeps an exact map back to the raw text.

Steps, each a ``MappedText -> MappedText`` pass: mojibake repair (ftfy, per
line, aligned back with an edit-distance opcode walk), NFKC plus removal of
invisible characters and canonical quotes and dashes, whitespace tidying, and
look-alike folding (same length, so it only rewrites characters).
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
from rapidfuzz.distance import Indel

from tacitus.clean.lookalikes import fold_line
from tacitus.clean.mapped import MappedText, TextBuilder

# ftfy's own heuristics need context, but a whole 5 MB line would make the
# alignment below slow; chunks this long keep both bounded.
FTFY_CHUNK_CHARS = 4000

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
}  # fmt: skip
DASHES = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\ufe63": "-",
    "\u2014": "\u2014", "\u2015": "\u2014", "\ufe58": "\u2014",
}  # fmt: skip
LINE_BREAKS = {"\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"}

_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CLUSTER = re.compile(rf"(?:[^\n\x20-\x7e]|[\x20-\x7e](?=[{_COMBINING}]))[{_COMBINING}]*")
_SPACES = re.compile(r" {2,}")


def normalize(source: MappedText) -> MappedText:
    """All hygiene passes in order."""
    text = repair_mojibake(source)
    text = normalize_chars(text)
    text = tidy_whitespace(text)
    return fold_lookalikes(text)


def repair_mojibake(source: MappedText) -> MappedText:
    out = TextBuilder()
    start = 0
    text = source.text
    while start < len(text):
        end = _chunk_end(text, start)
        chunk = text[start:end]
        fixed = chunk if chunk.isascii() else ftfy.fix_text(chunk, _FTFY_CONFIG)
        if fixed == chunk:
            out.extend(source, start, end)
        else:
            _append_aligned(out, source.slice(start, end), fixed)
        start = end
    return out.build()


def _chunk_end(text: str, start: int) -> int:
    newline = text.find("\n", start)
    end = len(text) if newline < 0 else newline + 1
    if end - start <= FTFY_CHUNK_CHARS:
        return end
    space = text.rfind(" ", start + FTFY_CHUNK_CHARS // 2, start + FTFY_CHUNK_CHARS)
    return space + 1 if space > 0 else start + FTFY_CHUNK_CHARS


def _append_aligned(out: TextBuilder, source: MappedText, fixed: str) -> None:
    """Map each char of ``fixed`` to the raw offset of the source char it came from.

    Unchanged stretches map one to one; a repaired char (an insertion in the
    opcode walk) maps to the garbled sequence it replaced, which starts where
    the insertion happens or just before it.
    """
    pending_delete: int | None = None
    for op in Indel.opcodes(source.text, fixed):
        if op.tag == "equal":
            out.extend_mapped(
                fixed[op.dest_start : op.dest_end], source.offsets[op.src_start : op.src_end]
            )
            pending_delete = None
        elif op.tag == "delete":
            pending_delete = op.src_start
        else:
            anchor = op.src_start if pending_delete is None else pending_delete
            raw = source.raw_at(anchor)
            out.extend_mapped(
                fixed[op.dest_start : op.dest_end], [raw] * (op.dest_end - op.dest_start)
            )


def normalize_chars(source: MappedText) -> MappedText:
    out = TextBuilder()
    text = source.text
    last = 0
    for match in _CLUSTER.finditer(text):
        start = match.start()
        out.extend(source, last, start)
        last = match.end()
        replacement = _normalize_cluster(match.group(), text[last : last + 1])
        if replacement:
            out.append(replacement, source.offsets[start])
    out.extend(source, last, len(text))
    return out.build()


def _normalize_cluster(cluster: str, following: str) -> str:
    first = cluster[0]
    if first == "\r":
        return "" if following == "\n" else "\n"
    if first in LINE_BREAKS:
        return "\n"
    if first == "\t":
        return " "
    category = unicodedata.category(first)
    if category in ("Cf", "Cc", "Cs", "Co", "Cn") and len(cluster) == 1:
        return ""
    folded = unicodedata.normalize("NFKC", cluster)
    return "".join(QUOTES.get(c) or DASHES.get(c) or _printable(c) for c in folded)


def _printable(char: str) -> str:
    if unicodedata.category(char) in ("Cf", "Cc", "Cs", "Co", "Cn") and char != "\n":
        return ""
    return char


def tidy_whitespace(source: MappedText) -> MappedText:
    """Collapse runs of spaces and strip them at line ends."""
    out = TextBuilder()
    position = 0
    for line in source.text.split("\n"):
        end = position + len(line)
        stripped = line.strip(" ")
        first = position + (len(line) - len(line.lstrip(" ")))
        last = 0
        for match in _SPACES.finditer(stripped):
            out.extend(source, first + last, first + match.start() + 1)
            last = match.end()
        out.extend(source, first + last, first + len(stripped))
        if end < len(source.text):
            out.extend(source, end, end + 1)
        position = end + 1
    return out.build()


def fold_lookalikes(source: MappedText) -> MappedText:
    if source.text.isascii():
        return source
    folded = "\n".join(fold_line(line) for line in source.text.split("\n"))
    return MappedText(folded, source.offsets)
