"""Main text and metadata from HTML, with every character mapped into the markup.

trafilatura picks the article text; its output is then located in the page's
visible text (markup with tags dropped, entities decoded and whitespace
collapsed, each character remembering its offset in the markup), paragraph by
paragraph, so the offset map points at the markup itself.
"""

from __future__ import annotations

import html as html_entities
import re
from collections.abc import Iterator
from dataclasses import dataclass

import trafilatura

from tacitus.clean.mapped import MappedText, TextBuilder

# How far past the last match a paragraph's words are looked for, when the
# paragraph as a whole is not found verbatim.
WORD_SEARCH_WINDOW = 2000

# Where markup may start: a tag, comment or raw-text element opens with "<".
_MARKUP_START = re.compile(r"<|&(?:#\d+|#x[0-9a-fA-F]+|\w+);")
_OPENER = re.compile(r"<(?:(!--)|(head|script|style|noscript|template)\b)", re.IGNORECASE)
_CLOSERS = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("head", "script", "style", "noscript", "template")
}
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|nav|aside"
    r"|blockquote|figure|figcaption|title|main|dd|dt|pre|hr)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    text: MappedText
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    author: str | None


def extract_html(markup: str, url: str | None = None) -> HtmlExtraction | None:
    """The article text and metadata, or None when the page has no main text."""
    found = trafilatura.bare_extraction(
        markup, url=url, with_metadata=True, include_comments=False, deduplicate=False
    )
    if found is None or not (found.text or "").strip():
        return None
    text = align(found.text, visible_text(markup))
    return HtmlExtraction(text, found.title, found.date, found.sitename, found.url, found.author)


def visible_text(markup: str) -> MappedText:
    """Text content of ``markup``; block tags become a space, runs of space one."""
    out = TextBuilder()
    last = 0
    for start, end in _markup_spans(markup):
        _append_text(out, markup, last, start)
        last = end
        token = markup[start:end]
        if token.startswith("&"):
            out.append(html_entities.unescape(token), start)
        elif _BLOCK_TAG.match(token):
            _append_space(out, start)
    _append_text(out, markup, last, len(markup))
    return out.build()


class _Closers:
    """Finds the next closer of each kind; a kind found missing once is never looked for again.

    That memory keeps the scan linear: without it, a page with thousands of
    unclosed ``<script`` or ``<!--`` openers (or ``<`` signs and no ``>``)
    would be searched to its end once per opener.
    """

    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.missing: set[str] = set()

    def end_of(self, kind: str, start: int) -> int | None:
        """End of the first closer of ``kind`` at or after ``start``, if any."""
        if kind in self.missing:
            return None
        if kind in _CLOSERS:
            match = _CLOSERS[kind].search(self.markup, start)
            end = match.end() if match else None
        else:
            at = self.markup.find(kind, start)
            end = at + len(kind) if at >= 0 else None
        if end is None:
            self.missing.add(kind)
        return end


def _markup_spans(markup: str) -> Iterator[tuple[int, int]]:
    """Spans of comments, raw-text elements, tags and entities, in order, in linear time.

    An opener whose closer never comes is read as the next construct that
    fits: an unclosed ``<script`` as a plain tag, a ``<`` without ``>`` as text.
    """
    closers = _Closers(markup)
    position = 0
    while match := _MARKUP_START.search(markup, position):
        start = match.start()
        if match.group() != "<":
            yield start, match.end()
            position = match.end()
            continue
        end = _element_end(markup, start, closers) or closers.end_of(">", start + 1)
        if end is None:
            position = start + 1
            continue
        yield start, end
        position = end


def _element_end(markup: str, start: int, closers: _Closers) -> int | None:
    """End of the comment or raw-text element opening at ``start``, if it is one and closes."""
    opener = _OPENER.match(markup, start)
    if opener is None:
        return None
    if opener.group(1):
        return closers.end_of("-->", opener.end())
    return closers.end_of(opener.group(2).lower(), opener.end())


def _append_text(out: TextBuilder, markup: str, start: int, end: int) -> None:
    for offset in range(start, end):
        char = markup[offset]
        if char.isspace():
            _append_space(out, offset)
        else:
            out.append(char, offset)


def _append_space(out: TextBuilder, offset: int) -> None:
    if len(out) and not out.endswith(" "):
        out.append(" ", offset)


def align(extracted: str, visible: MappedText) -> MappedText:
    """``extracted`` with each character mapped to its place in the markup."""
    out = TextBuilder()
    cursor = 0
    for index, line in enumerate(extracted.split("\n")):
        if index:
            out.append("\n", out.last_offset())
        paragraph = " ".join(line.split())
        at = visible.text.find(paragraph, cursor) if paragraph else -1
        if at < 0 and paragraph:
            at = visible.text.find(paragraph)
        if at >= 0:
            out.extend(visible, at, at + len(paragraph))
            cursor = max(cursor, at + len(paragraph))
        else:
            cursor = _align_words(out, paragraph, visible, cursor)
    return out.build()


def _align_words(out: TextBuilder, paragraph: str, visible: MappedText, cursor: int) -> int:
    """Word by word; a word not found maps to the nearest preceding mapped offset."""
    for index, word in enumerate(paragraph.split(" ")):
        if index:
            out.append(" ", out.last_offset(visible.raw_at(cursor)))
        at = visible.text.find(word, cursor, cursor + WORD_SEARCH_WINDOW)
        if at >= 0:
            out.extend(visible, at, at + len(word))
            cursor = at + len(word)
        else:
            out.append(word, out.last_offset(visible.raw_at(cursor)))
    return cursor
