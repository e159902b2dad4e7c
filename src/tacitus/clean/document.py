"""``clean_document``: a raw input becomes a cleaned, dated, English document."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from tacitus.clean.boilerplate import TITLE, Verdict, find_boilerplate
from tacitus.clean.dated_events import load_named_events
from tacitus.clean.dates import (
    DateFinding,
    full_dates,
    infer_publication,
    parse_date_line,
)
from tacitus.clean.html import extract_html
from tacitus.clean.language import language_problem
from tacitus.clean.lexicon import load_lexicon
from tacitus.clean.lines import Line, split_lines
from tacitus.clean.mapped import MappedText, TextBuilder
from tacitus.clean.normalize import normalize
from tacitus.clean.url_dates import checked, years_in
from tacitus.config import CleanConfig
from tacitus.records import Boilerplate, CleanDocument, RawDocument, Rejection, stable_id

PARAGRAPH_BREAK = "\n\n"
LINE_BREAK = "\n"
# A line this long that stops mid-sentence was wrapped by the source, not ended there.
WRAPPED_LINE_CHARS = 60
# A sentence needs at least this many words in a row.
SENTENCE_MIN_WORDS = 3
# A dateline at the start of the first paragraph is looked for this far in.
DATELINE_CHARS = 120
# Longest article text coded: spaCy's parser refuses longer texts (its default
# ``max_length``), which would stop the whole batch; no news article comes near it.
MAX_TEXT_CHARS = 1_000_000
_RUN_OF_WORDS = re.compile(rf"(?:[^\W\d_][\w'-]*[\s,;:]+){{{SENTENCE_MIN_WORDS - 1}}}[^\W\d_]")
# Where a publication date may be given, most trusted first: the input's own field,
# the page's metadata, then the feed entry that listed the page.
_DATE_FIELDS = {
    "published": "input field 'published'",
    "html_published": "HTML page metadata",
    "feed_published": "feed entry",
}


def clean_item(item: RawDocument | Rejection, config: CleanConfig) -> CleanDocument | Rejection:
    """An input as read, cleaned; an input the reader refused stays refused."""
    return item if isinstance(item, Rejection) else clean_document(item, config)


def clean_document(raw: RawDocument, config: CleanConfig) -> CleanDocument | Rejection:
    meta = dict(raw.meta)
    if raw.fmt == "html":
        page = extract_html(raw.raw, _text(meta.get("url")))
        if page is None:
            return Rejection(raw.source, "no article text found in the HTML")
        source = page.text
        for key, value in (("title", page.title), ("url", page.url), ("outlet", page.outlet)):
            meta.setdefault(key, value)
        if page.author:
            meta.setdefault("author", page.author)
        meta.setdefault("html_published", page.published)
    else:
        source = MappedText.identity(raw.raw)
    text = normalize(source)
    if not _RUN_OF_WORDS.search(text.text):
        return Rejection(raw.source, "no sentence at all (no run of words)")
    lexicon = load_lexicon()
    lines = split_lines(text.text, lexicon)
    verdict = find_boilerplate(lines, lexicon, _text(meta.get("title")))
    kept = [line for line in lines if line.number not in verdict.removed]
    body = _assemble(text, kept)
    declared = _text(meta.get("language")) or config.language
    rejection = _reject(raw.source, body.text, verdict, config, declared)
    if rejection:
        return rejection
    return _document(raw, meta, text, lines, verdict, body, config)


def _reject(
    source: str, body: str, verdict: Verdict, config: CleanConfig, declared: str | None
) -> Rejection | None:
    if not body.strip():
        reasons = sorted(set(verdict.removed.values()) - {TITLE})
        return Rejection(source, f"only boilerplate ({'; '.join(reasons) or 'no article body'})")
    if len(body) > MAX_TEXT_CHARS:
        return Rejection(
            source, f"too long: {len(body)} characters of article text (limit {MAX_TEXT_CHARS})"
        )
    words = len(re.findall(r"[^\W_]+", body))
    if words < config.min_words:
        return Rejection(
            source, f"too short: {words} words of article text (minimum {config.min_words})"
        )
    if not _RUN_OF_WORDS.search(body):
        return Rejection(source, "no sentence at all in the article text")
    problem = language_problem(body, declared)
    return Rejection(source, problem) if problem else None


def _document(
    raw: RawDocument,
    meta: dict[str, Any],
    text: MappedText,
    lines: list[Line],
    verdict: Verdict,
    body: MappedText,
    config: CleanConfig,
) -> CleanDocument:
    finding = _publication(meta, text, lines, verdict, body.text, raw.source, config)
    extra = {k: v for k, v in meta.items() if k not in ("title", "url", "outlet", "html_published")}
    if finding and finding.value is None:
        extra["published_partial"] = finding.evidence
    return CleanDocument(
        doc_id=stable_id(raw.source, " ".join(body.text.split())),
        source=raw.source,
        raw=raw.raw,
        text=body.text,
        offsets=body.to_offset_map(len(raw.raw)),
        outlet=_text(meta.get("outlet")),
        url=_text(meta.get("url")),
        title=verdict.title,
        published=finding.value if finding else None,
        published_source=finding.source if finding and finding.value else None,  # type: ignore[arg-type]
        published_evidence=finding.evidence if finding and finding.value else None,
        language="en",
        boilerplate=_blocks(text, lines, verdict),
        meta=extra,
    )


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def _assemble(text: MappedText, kept: list[Line]) -> MappedText:
    """Kept lines joined by paragraph breaks mapped to the preceding character; a line the
    source wrapped mid-sentence continues its paragraph."""
    out = TextBuilder()
    previous: Line | None = None
    for line in kept:
        if previous is not None:
            joint = LINE_BREAK if _wrapped(previous, line) else PARAGRAPH_BREAK
            out.append(joint, out.last_offset())
        out.extend(text, line.start, line.end)
        previous = line
    return out.build()


def _wrapped(line: Line, following: Line) -> bool:
    """``following`` continues ``line``'s sentence: next in the source, and ``line`` stops
    mid-sentence, either long (a wrapped line) or before a lower-case word."""
    if following.number != line.number + 1 or line.terminal:
        return False
    return len(line.text) >= WRAPPED_LINE_CHARS or following.text[:1].islower()


def _blocks(text: MappedText, lines: list[Line], verdict: Verdict) -> list[Boilerplate]:
    """Consecutive removed lines make one block (the title always its own)."""
    groups: list[list[Line]] = [[]]
    for line in lines:
        reason = verdict.removed.get(line.number)
        previous = groups[-1]
        joins = previous and reason and TITLE not in (reason, verdict.removed[previous[-1].number])
        if joins:
            previous.append(line)
        else:
            groups.append([line] if reason else [])
    return [_block(text, group, verdict) for group in groups if group]


def _block(text: MappedText, group: list[Line], verdict: Verdict) -> Boilerplate:
    reasons = list(dict.fromkeys(verdict.removed[line.number] for line in group))
    return Boilerplate(
        raw_start=text.offsets[group[0].start],
        raw_end=text.offsets[group[-1].end - 1] + 1,
        text="\n".join(line.text for line in group),
        reason="; ".join(reasons),
    )


def _publication(
    meta: dict[str, Any],
    text: MappedText,
    lines: list[Line],
    verdict: Verdict,
    body: str,
    source: str,
    config: CleanConfig,
) -> DateFinding | None:
    """Metadata first, then a stated date line, then inference from the body."""
    for key, origin in _DATE_FIELDS.items():
        value = _as_date(meta.get(key))
        if value:
            return DateFinding(value, "metadata", f"{origin}: {meta[key]}")
    stated = _date_line(lines, verdict)
    if stated:
        return stated
    url = _text(meta.get("url"))
    # A full date opening the body may be history ("Sept. 11, 2001, changed ..."): the URL
    # is asked as for any date read from the body.
    opening = _opening_dateline(body)
    if opening:
        return checked(opening, url)
    hints = _year_hints(meta, source, verdict, text)
    found = infer_publication(body, hints, load_named_events(tuple(config.named_events)))
    return checked(found, url)


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return parse_date_line(value)
    return None


def _date_line(lines: list[Line], verdict: Verdict) -> DateFinding | None:
    first_kept = next(
        (
            line.number
            for line in lines
            if line.number not in verdict.removed and line.sentence_like
        ),
        0,
    )
    for line in lines:
        if line.number < first_kept and verdict.removed.get(line.number) == "date line":
            value = parse_date_line(line.text)
            if value:
                return DateFinding(value, "text", f"date line '{line.text.strip()}'")
    return None


def _opening_dateline(body: str) -> DateFinding | None:
    opening = full_dates(body[:DATELINE_CHARS])
    if not opening:
        return None
    value, ref = opening[0]
    return DateFinding(value, "text", f"dateline '{ref.text}' opening the article")


def _year_hints(meta: dict[str, Any], source: str, verdict: Verdict, text: MappedText) -> list[int]:
    """Years outside the article body: in the URL, the path, dates in the page chrome."""
    hints = years_in(_text(meta.get("url")) or "")
    hints += years_in(source.replace("\\", "/").rsplit("/", 1)[0])
    removed = "\n".join(
        line for number, line in enumerate(text.text.split("\n")) if number in verdict.removed
    )
    hints += [value.year for value, _ in full_dates(removed)]
    return hints
