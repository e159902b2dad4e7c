"""Find the lines of an extracted text that are page chrome, not article.

Two passes.  Line rules flag what is boilerplate wherever it stands (site
notices, link teasers, captions, bylines, codes, date lines, menus, repeats).
Position rules then use the article's body, the span from the first to the
last sentence-like line, to judge the rest: short lines before the body are
title, kicker or tags; non-prose lines after it are lists and footers; runs of
headline-like lines inside it are link lists.  A lone headline between body
paragraphs is a subheading and stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from tacitus.clean.dates import full_dates, is_date_line
from tacitus.clean.lexicon import BoilerplateLexicon
from tacitus.clean.lines import Line

# A notice addresses the reader about the page: this many web words at least.
NOTICE_MIN_WEB_WORDS = 2
NOTICE_MAX_WORDS = 80
# A short line that carries a full date (with a byline or source) is page metadata.
DATED_META_MAX_WORDS = 14
# A notice needs this many web words when it does not address the reader.
NOTICE_MIN_WEB_WORDS_ALONE = 3
# Titles are looked for among head lines of this many words; the first long
# enough to be a headline wins over shorter lines such as the outlet's name.
TITLE_MIN_WORDS = 3
TITLE_PREFERRED_WORDS = 5
TITLE_MAX_WORDS = 25
# Captions, bylines, codes and headings are short.
CAPTION_MAX_WORDS = 40
BYLINE_MAX_WORDS = 14
CODE_MAX_WORDS = 6
HEADING_MAX_WORDS = 6
# A menu: at least this many short segments between separators.
MENU_MIN_SEGMENTS = 3
MENU_SEGMENT_MAX_WORDS = 4
# Inside the body, this many headline-like lines in a row form a link list.
LIST_MIN_RUN = 3
# A footer section (after a heading with a section word) holds at most this
# share of the document's words; more than that is article, not footer.
FOOTER_MAX_SHARE = 0.4
# A title match against metadata, in rapidfuzz ratio points.
TITLE_MATCH_MIN = 85
# A paragraph of running prose this long is reporting wherever it stands: no position rule,
# caption or footer rule removes it (only a second copy of it, or a page notice with web
# addresses, still goes).
RUNNING_PROSE_MIN_WORDS = 25
KEPT_WHEN_PROSE = frozenset({"repeated line", "copyright notice"})
# Long unpunctuated prose at the very end is taken as body, not chrome.
TAIL_PROSE_MIN_WORDS = 15
TAIL_PROSE_MIN_STOP_RATIO = 0.3

TITLE = "title (kept in the title field)"
_CREDIT_TAIL = re.compile(r"(?:^|[.!?]\s*|\s)\((?:[A-Z][A-Z0-9&./ -]{1,30})\)$")
_COPYRIGHT = re.compile(r"©|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|info|news|tv)\b", re.I)
_SELF_DESCRIPTION = re.compile(r"^About\b|^[A-Z][\w'. -]{0,40}?\s(?:is|are)\s(?:a|an|the)\s")
_PHOTO_BY = re.compile(r"\((?:photo|image|picture|file photo)\b[^)]*\)$", re.IGNORECASE)
_MENU_SEPARATOR = re.compile(r"\s+[|»›>•·]\s+|\s*\|\s*")
_CODE_LINE = re.compile(r"^[A-Za-z][A-Za-z .'-]{0,30}\s*[:#]\s*[\w-]*\d[\w-]*$")
_LINK_TAIL = re.compile(r"(?:[.!?\"')]\s*|\s[»›>]\s*)([A-Z][A-Za-z ]{1,24}?)\s*[»›>.]*$")
_NON_WORD = re.compile(r"[^\w' ]+")


@dataclass(slots=True)
class Verdict:
    """Which lines go (line number -> reason) and which line is the title."""

    removed: dict[int, str] = field(default_factory=dict)
    title: str | None = None


def find_boilerplate(
    lines: list[Line], lexicon: BoilerplateLexicon, known_title: str | None = None
) -> Verdict:
    verdict = Verdict(title=known_title)
    for line in lines:
        reason = line_reason(line, lexicon)
        if reason:
            verdict.removed[line.number] = reason
    _mark_repeats(lines, verdict)
    body = [i for i, line in enumerate(lines) if _is_anchor(line, verdict)]
    if not body:
        return verdict
    _judge_head(lines[: body[0]], lexicon, verdict)
    _judge_tail(lines, lexicon, verdict)
    _judge_middle(lines[body[0] : body[-1] + 1], lexicon, verdict)
    _keep_running_prose(lines, lexicon, verdict)
    return verdict


def _keep_running_prose(lines: list[Line], lexicon: BoilerplateLexicon, verdict: Verdict) -> None:
    """A long paragraph of sentences is the article's, whatever its place on the page."""
    for line in lines:
        reason = verdict.removed.get(line.number)
        if (
            reason is not None
            and reason != TITLE
            and reason not in KEPT_WHEN_PROSE
            and line.sentence_like
            and line.n_words >= RUNNING_PROSE_MIN_WORDS
            and not _WEB_ADDRESS.search(line.text)
        ):
            del verdict.removed[line.number]


def _is_anchor(line: Line, verdict: Verdict) -> bool:
    return line.sentence_like and line.number not in verdict.removed


def line_reason(line: Line, lexicon: BoilerplateLexicon) -> str | None:
    """Why ``line`` is boilerplate wherever it stands, or None."""
    for rule in (
        _date_line,
        _copyright,
        _code_line,
        _menu_line,
        _link_line,
        _widget_line,
        _link_teaser,
        _site_notice,
        _caption,
        _byline,
    ):
        reason = rule(line, lexicon)
        if reason:
            return reason
    return None


def _date_line(line: Line, lexicon: BoilerplateLexicon) -> str | None:
    if is_date_line(line.text, lexicon.date_words):
        return "date line"
    short = line.n_words <= DATED_META_MAX_WORDS and not line.sentence_like
    return "date line" if short and full_dates(line.text) else None


def _copyright(line: Line, lexicon: BoilerplateLexicon) -> str | None:
    if line.n_words <= NOTICE_MAX_WORDS and _COPYRIGHT.search(line.text):
        return "copyright notice"
    return None


def _code_line(line: Line, lexicon: BoilerplateLexicon) -> str | None:
    if line.n_words <= CODE_MAX_WORDS and _CODE_LINE.match(line.text.strip()):
        return "story code or metadata line"
    return None


def _menu_line(line: Line, lexicon: BoilerplateLexicon) -> str | None:
    segments = [s for s in _MENU_SEPARATOR.split(line.text) if s.strip()]
    short = all(len(segment.split()) <= MENU_SEGMENT_MAX_WORDS for segment in segments)
    if len(segments) >= MENU_MIN_SEGMENTS and short and not line.terminal:
        return "navigation menu"
    return None


def _link_line(line: Line, lexicon: BoilerplateLexicon) -> str | None:
    bare = " ".join(_NON_WORD.sub(" ", line.text).lower().split())
    bare = re.sub(r"\s*\d+$", "", bare)
    if bare in lexicon.link_words:
        return "link or button text"
    head = line.text.split(":", 1)[0].strip().lower()
    if ":" in line.text and head in lexicon.link_prefixes:
        return "link to another story"
    return None


def _widget_line(line: Line, lexicon: BoilerplateLexicon) -> str | None:
    lowered = line.text.lower()
    if line.n_words <= NOTICE_MAX_WORDS and any(p in lowered for p in lexicon.widget_phrases):
        return "video or photo player"
    return None


def _link_teaser(line: Line, lexicon: BoilerplateLexicon) -> str | None:
    match = _LINK_TAIL.search(line.text)
    if match and match.group(1).strip().lower() in lexicon.link_words:
        return "teaser of another story (ends in a link)"
    return None


def _site_notice(line: Line, lexicon: BoilerplateLexicon) -> str | None:
    if line.n_words > NOTICE_MAX_WORDS:
        return None
    words = line.unquoted_words()
    speaks = any(w in lexicon.second_person or w in lexicon.first_person_plural for w in words)
    web = _web_words(line, lexicon)
    if (web >= NOTICE_MIN_WEB_WORDS and speaks) or web >= NOTICE_MIN_WEB_WORDS_ALONE:
        return "site notice (speaks to the reader about the page)"
    return None


def _web_words(line: Line, lexicon: BoilerplateLexicon) -> int:
    words = line.unquoted_words()
    return sum(1 for w in words if w in lexicon.web_words) + len(_WEB_ADDRESS.findall(line.text))


def _caption(line: Line, lexicon: BoilerplateLexicon) -> str | None:
    if line.n_words > CAPTION_MAX_WORDS:
        return None
    text = line.text.strip()
    if _CREDIT_TAIL.search(text) and line.n_words >= 2:
        return "picture caption or credit"
    if _PHOTO_BY.search(text):
        return "picture caption or credit"
    last_sentence = re.split(r"(?<=[.!?])\s+", text)[-1]
    head = last_sentence.split(":", 1)[0].lower().split()
    if ":" in last_sentence and head and len(head) <= 3 and head[-1] in lexicon.credit_words:
        return "picture caption or credit"
    return None


def _byline(line: Line, lexicon: BoilerplateLexicon) -> str | None:
    if line.n_words > BYLINE_MAX_WORDS or line.sentence_like:
        return None
    lowered = line.text.strip().lstrip("(").lower()
    for prefix in lexicon.byline_prefixes:
        if lowered.startswith(prefix) and lowered[len(prefix) : len(prefix) + 1] in (" ", ":"):
            rest = line.words[len(prefix.split()) :]
            names = [w for w in rest if w.lower() not in lexicon.stop_words]
            if names and sum(1 for w in names if w[0].isupper()) / len(names) >= 0.5:
                return "byline or credit line"
    return None


def _mark_repeats(lines: list[Line], verdict: Verdict) -> None:
    seen: dict[str, Line] = {}
    for line in lines:
        key = " ".join(line.lower_words())
        if line.n_words >= 2 and key in seen and line.number not in verdict.removed:
            verdict.removed[line.number] = "repeated line"
        seen.setdefault(key, line)


def _judge_head(head: list[Line], lexicon: BoilerplateLexicon, verdict: Verdict) -> None:
    """Before the body: the title, standfirsts (kept) and fragments (removed)."""
    title = _title_line(head, verdict)
    for line in head:
        if line.number in verdict.removed:
            continue
        if line is title or (title is None and _is_title(line, verdict)):
            verdict.title = verdict.title or line.text.strip()
            verdict.removed[line.number] = TITLE
        elif not line.prose_like:
            verdict.removed[line.number] = "short line before the article (kicker, tag or caption)"
    _drop_title_repeats(head, verdict)


def _title_line(head: list[Line], verdict: Verdict) -> Line | None:
    """The first headline-shaped head line, preferring one long enough to be a headline."""
    if verdict.title is not None:
        return None
    shaped = [
        line
        for line in head
        if line.number not in verdict.removed
        and TITLE_MIN_WORDS <= line.n_words <= TITLE_MAX_WORDS
        and (line.title_cased or not line.terminal)
        and not line.truncated
        and " | " not in line.text
    ]
    long_enough = [line for line in shaped if line.n_words >= TITLE_PREFERRED_WORDS]
    return (long_enough or shaped or [None])[0]


def _is_title(line: Line, verdict: Verdict) -> bool:
    """Whether ``line`` matches the title already known from metadata."""
    if verdict.title is None:
        return False
    return fuzz.ratio(verdict.title.lower(), line.text.strip().lower()) >= TITLE_MATCH_MIN


def _drop_title_repeats(head: list[Line], verdict: Verdict) -> None:
    if verdict.title is None:
        return
    for line in head:
        reason = verdict.removed.get(line.number)
        if reason == "repeated line" and _is_title(line, verdict):
            verdict.removed[line.number] = "repeats the title"


def _judge_tail(lines: list[Line], lexicon: BoilerplateLexicon, verdict: Verdict) -> None:
    """From the end back to the last news sentence: lists, headings and site footers go."""
    _footer_section(lines, lexicon, verdict)
    for line in reversed(lines):
        if line.number in verdict.removed:
            continue
        if line.sentence_like and not _site_footer(line, lexicon):
            break
        if _tail_prose(line):
            break
        verdict.removed[line.number] = _tail_reason(line, lexicon)


def _tail_prose(line: Line) -> bool:
    return (
        not line.sentence_like
        and line.n_words >= TAIL_PROSE_MIN_WORDS
        and line.stop_ratio >= TAIL_PROSE_MIN_STOP_RATIO
        and not line.title_cased
        and not line.truncated
    )


def _site_footer(line: Line, lexicon: BoilerplateLexicon) -> bool:
    """A sentence at the foot of the page that is about the site, not the news."""
    words = line.unquoted_words()
    to_reader = any(word in lexicon.second_person for word in words)
    web = _web_words(line, lexicon)
    describes_itself = bool(_SELF_DESCRIPTION.search(line.text)) and any(
        word in lexicon.media_nouns for word in words
    )
    return (
        _speaks_as_we(line, lexicon)
        or (to_reader and web >= 1)
        or web >= NOTICE_MIN_WEB_WORDS
        or describes_itself
        or bool(words and words[0] in lexicon.call_to_action)
    )


def _tail_reason(line: Line, lexicon: BoilerplateLexicon) -> str:
    if line.sentence_like:
        return "site footer after the article (about the site or its readers)"
    if line.truncated:
        return "teaser of another story (cut off with an ellipsis)"
    if _is_section_heading(line, lexicon):
        return "heading of a list or footer after the article"
    return "headline or link after the article"


def _speaks_as_we(line: Line, lexicon: BoilerplateLexicon) -> bool:
    return any(word in lexicon.first_person_plural for word in line.unquoted_words())


def _is_section_heading(line: Line, lexicon: BoilerplateLexicon) -> bool:
    if line.n_words > HEADING_MAX_WORDS or line.terminal:
        return False
    return any(word in lexicon.section_words for word in line.lower_words())


def _footer_section(lines: list[Line], lexicon: BoilerplateLexicon, verdict: Verdict) -> None:
    """A section heading late in the text, followed only by short non-body lines."""
    total = sum(line.n_words for line in lines) or 1
    first_body = next((i for i, line in enumerate(lines) if _is_anchor(line, verdict)), None)
    if first_body is None:
        return
    for i in range(first_body + 1, len(lines)):
        heading = lines[i]
        if heading.number in verdict.removed or not _is_section_heading(heading, lexicon):
            continue
        rest = lines[i + 1 :]
        share = sum(line.n_words for line in rest) / total
        footer_like = all(
            line.number in verdict.removed or not line.sentence_like or _site_footer(line, lexicon)
            for line in rest
        )
        if rest and share <= FOOTER_MAX_SHARE and footer_like:
            verdict.removed[heading.number] = "heading of a list or footer after the article"
            for line in rest:
                verdict.removed.setdefault(line.number, _tail_reason(line, lexicon))
            return


def _judge_middle(body: list[Line], lexicon: BoilerplateLexicon, verdict: Verdict) -> None:
    """Inside the body: runs of headline-like lines are link lists."""
    run: list[Line] = []
    for line in [*body, None]:
        if line is not None and not line.prose_like:
            run.append(line)
            continue
        headed = len(run) >= 2 and _is_section_heading(run[0], lexicon)
        if len(run) >= LIST_MIN_RUN or headed:
            for member in run:
                verdict.removed.setdefault(member.number, "list of headlines or links")
        run = []
