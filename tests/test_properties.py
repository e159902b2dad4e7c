"""Hostile and broken input: every stage either gives a result or a clear reason, and ends.

Property tests (hypothesis, derandomized, a bounded number of examples) drive the
readers, the cleaner and the coder with hostile Unicode, broken JSON and tag soup;
fixed cases cover pathological HTML, binary files, symlink loops, special files
and a 100 MB input.  A generous alarm turns a hang into a failure instead of a
stuck test run; it is far above the time any case takes.
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.clean import clean_document
from tacitus.clean.document import MAX_TEXT_CHARS
from tacitus.config import CleanConfig, IngestConfig, Settings
from tacitus.ingest import read_inputs
from tacitus.ingest.decode import UndecodableError, decode_bytes
from tacitus.pipeline import Resources, code_documents, ingest
from tacitus.records import CleanDocument, CodedDocument, RawDocument, Rejection
from tacitus.store import Store

# Seconds after which a single case counts as hung (each takes well under a tenth of it).
HANG_SECONDS = 120
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

ARTICLE = (
    "Fishermen in the port of Valmora staged a protest on Monday against new quotas, "
    "blocking the harbour entrance with dozens of boats for several hours.\n\n"
    "The regional fisheries minister said she would meet union leaders on Thursday "
    "to discuss the rules, which cut catches by a third.\n"
)
WORDS = [
    "the", "minister", "said", "police", "arrested", "protesters", "in", "capital", "on",
    "Tuesday", "after", "talks", "between", "both", "governments", "broke", "down", "over",
    "border", "dispute", "and", "trade",
]  # fmt: skip
HOSTILE = [
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\r", "\t", "\u2028", "\u2029",  # controls
    "e\u0301", "a\u0308\u0323\u0304", "\u0338" * 8,  # combining marks, stacked
    "\u202e", "\u200f", "\u2066",  # right-to-left overrides and marks
    "\u0627\u0644\u0633\u0644\u0627\u0645", "\u05e9\u05dc\u05d5\u05dd",  # Arabic, Hebrew
    "\U0001f600", "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1f8",  # emoji
    "\u200b", "\ufeff", "\u00ad", "\ufffd", "\uffff", "\U0010ffff",  # invisible, noncharacters
    "\u0430\u0440\u0435", "\uff21\uff22", "\ufb01", "\u2126",  # look-alikes, compatibility forms
    "\u00c3\u00a9", "\u00e2\u20ac\u2122",  # mojibake
]  # fmt: skip
TAGS = [
    "<p>", "</p>", "<div>", "</div>", "<article>", "</article>", "<br>", "<", ">", "<!--",
    "-->", "<script>", "</script>", "<style>", "<head>", "<title>", "</title>", "&amp;",
    "&#0;", "&#x110000;", "&nosuch;", "<html>", "</html>", "<![CDATA[", "<?xml ?>",
]  # fmt: skip

hostile_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(HOSTILE), st.sampled_from([". ", "\n"])),
    min_size=0,
    max_size=80,
).map(" ".join)
tag_soup = st.lists(
    st.one_of(st.sampled_from(TAGS), st.sampled_from(WORDS), st.sampled_from(HOSTILE)),
    max_size=120,
).map("".join)


@contextmanager
def no_hang(seconds: int = HANG_SECONDS) -> Iterator[None]:
    def hung(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read(*paths: Path, **config: object) -> list[RawDocument | Rejection]:
    with no_hang():
        return list(read_inputs(list(paths), IngestConfig(**config)))


def clean(raw: str, fmt: str = "text") -> CleanDocument | Rejection:
    with no_hang():
        return clean_document(RawDocument("hostile", raw, fmt), CleanConfig())  # type: ignore[arg-type]


def assert_maps_into_raw(doc: CleanDocument) -> None:
    assert len(doc.offsets) == len(doc.text)
    assert all(0 <= offset <= len(doc.raw) for offset in doc.offsets.raw_offsets)


def assert_clear(rejection: Rejection) -> None:
    assert rejection.reason.strip() and "\n" not in rejection.reason
    assert "Traceback" not in rejection.reason


# -- readers -----------------------------------------------------------------------
@PROPERTY
@given(st.binary(max_size=3000))
def test_any_bytes_decode_to_text_or_a_reason(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except UndecodableError as error:
        assert str(error).strip()
    else:
        text.encode("utf-8")  # storable: no lone surrogates


@PROPERTY
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".json", ".jsonl"]))
def test_any_file_is_read_or_rejected_with_a_reason(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for item in read(path):
            if isinstance(item, Rejection):
                assert_clear(item)
            else:
                item.raw.encode("utf-8")
                json.dumps(item.meta, ensure_ascii=False).encode("utf-8")


@PROPERTY
@given(
    st.lists(st.tuples(hostile_text, st.booleans()), min_size=1, max_size=8),
    st.randoms(use_true_random=False),
)
def test_broken_json_lines_are_rejected_naming_file_and_line(
    lines: list[tuple[str, bool]], random: object
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl"
        rendered, broken = [], set()
        for number, (text, truncate) in enumerate(lines, start=1):
            line = json.dumps({"title": f"Report {number}", "text": f"Report {number}: {text}"})
            if truncate:
                line = line[: random.randrange(1, len(line) - 1)]  # type: ignore[attr-defined]
                broken.add(number)
            rendered.append(line)
        feed.write_text("\n".join(rendered), encoding="utf-8")

        items = read(feed)

    assert len(items) == len(lines)
    for number, item in enumerate(items, start=1):
        if number in broken:
            assert isinstance(item, Rejection)
            assert f"line {number} of {feed}" in item.reason
        else:
            assert isinstance(item, RawDocument)


def test_unpaired_surrogates_in_json_are_stored_as_replacement_characters(
    tmp_path: Path,
) -> None:
    body = ARTICLE.replace("protest", "protest \\ud83d").replace("quotas", "quotas \\udc00")
    text = body.replace("\n", "\\n")
    record = '{"title": "Boats \\udfff block harbour", "text": "' + text + '", "tag\\ud800": 1}'
    (tmp_path / "feed.jsonl").write_text(record + "\n", encoding="utf-8")

    [raw] = read(tmp_path / "feed.jsonl")
    doc = clean_document(raw, CleanConfig())  # type: ignore[arg-type]
    assert isinstance(doc, CleanDocument)
    with Store(tmp_path / "db.duckdb") as store:
        store.write_batch([CodedDocument(doc, [], [])])
        [stored] = store.query("SELECT raw, meta FROM documents")

    assert "a protest \ufffd on Monday against new quotas \ufffd," in stored["raw"]
    assert json.loads(stored["meta"]) == {"tag\ufffd": 1}


def test_json_nested_too_deeply_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    (tmp_path / "deep.jsonl").write_text('{"text": ' + "[" * 100_000 + "\n", encoding="utf-8")

    rejections = read(tmp_path)

    assert [type(r) for r in rejections] == [Rejection, Rejection]
    assert all("nested too deeply" in r.reason for r in rejections)  # type: ignore[union-attr]


def test_binary_file_named_txt_is_rejected_as_binary(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)

    [item] = read(tmp_path)

    assert isinstance(item, Rejection) and "binary" in item.reason


def test_symlink_loops_and_special_files_end_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "self").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "ping.txt").symlink_to(tmp_path / "pong.txt")
    (tmp_path / "pong.txt").symlink_to(tmp_path / "ping.txt")
    (tmp_path / "zeros.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")

    items = {Path(item.source).name: item for item in read(tmp_path)}

    assert isinstance(items.pop("story.txt"), RawDocument)
    assert {name: item.reason for name, item in items.items()} == {  # type: ignore[union-attr]
        "ping.txt": "cannot read: Too many levels of symbolic links",
        "pong.txt": "cannot read: Too many levels of symbolic links",
        "pipe.txt": "not a regular file",
        "zeros.txt": "not a regular file",
    }


def test_a_100_megabyte_file_is_rejected_by_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "dump.txt"
    with huge.open("wb") as handle:  # sparse: no 100 MB written to disk
        handle.truncate(100 * 1024 * 1024)

    [item] = read(huge)

    assert isinstance(item, Rejection)
    assert item.reason == f"too large: {100 * 1024 * 1024} bytes (limit 5000000)"


# -- cleaner -------------------------------------------------------------------------
@PROPERTY
@given(hostile_text)
def test_hostile_unicode_is_cleaned_or_rejected(text: str) -> None:
    result = clean(ARTICLE + text)
    if isinstance(result, Rejection):
        assert_clear(result)
        return
    assert_maps_into_raw(result)
    result.text.encode("utf-8")
    assert not any(c < " " and c != "\n" for c in result.text), "control characters removed"


@PROPERTY
@given(tag_soup)
def test_tag_soup_is_cleaned_or_rejected(markup: str) -> None:
    result = clean(f"<html><body><p>{ARTICLE}</p>{markup}", "html")
    if isinstance(result, Rejection):
        assert_clear(result)
    else:
        assert_maps_into_raw(result)


PARAGRAPH = "<p>" + ARTICLE.split("\n")[0] + "</p>"


@pytest.mark.parametrize(
    ("name", "markup"),
    [
        ("a megabyte of paragraphs", "<html><body>" + PARAGRAPH * 5_000 + "</body></html>"),
        ("deeply nested", "<div>" * 50_000 + PARAGRAPH + "</div>" * 50_000),
        ("unclosed tags", PARAGRAPH + "<" * 300_000),
        ("unclosed scripts", PARAGRAPH + "<script " * 100_000),
        ("unclosed comments", PARAGRAPH + "<!--" * 200_000),
        ("not HTML at all", ARTICLE),
        ("markup-like noise", "\x01<\x02>&#;" * 50_000),
    ],
)
def test_pathological_html_ends_with_a_document_or_a_reason(name: str, markup: str) -> None:
    result = clean(markup, "html")
    if isinstance(result, Rejection):
        assert_clear(result)
    else:
        assert_maps_into_raw(result)


def test_article_text_too_long_to_parse_is_rejected() -> None:
    sentences = (f"Officials in district {i} said the road had reopened." for i in range(20_000))
    text = " ".join(sentences)
    assert len(text) > MAX_TEXT_CHARS

    result = clean(text)

    assert isinstance(result, Rejection) and result.reason.startswith("too long:")


# -- coder and whole pipeline -----------------------------------------------------------
@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(Settings())


@pytest.mark.slow
@settings(PROPERTY, max_examples=15, suppress_health_check=list(HealthCheck))
@given(st.lists(hostile_text, min_size=1, max_size=4))
def test_coder_handles_hostile_text(resources: Resources, paragraphs: list[str]) -> None:
    cleaned = clean(ARTICLE + "\n\n".join(paragraphs))
    if isinstance(cleaned, Rejection):
        return
    with no_hang():
        [coded] = code_documents([cleaned], resources)
    for event in coded.events:
        assert 0 <= event.start <= event.end <= len(cleaned.text)
        assert 0 <= event.raw_start <= event.raw_end <= len(cleaned.raw)


@pytest.mark.slow
def test_one_ingest_over_every_kind_of_bad_input_stores_the_good_article(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.jsonl").write_text('{"text": "cut off\n[1, 2\n', encoding="utf-8")
    (folder / "soup.html").write_text("<" * 10_000 + "<script " * 1_000, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)

    with Store(tmp_path / "db.duckdb") as store, no_hang():
        report = ingest([folder], store, Settings())
        rejected = {
            Path(r["source"]).name: r["reason"] for r in store.query("SELECT * FROM rejected")
        }

    assert (report.read, report.stored, report.rejected_total) == (7, 1, 6)
    assert sorted(rejected) == [
        "binary.txt", "empty.txt", "feed.jsonl#L1", "feed.jsonl#L2", "huge.txt", "soup.html",
    ]  # fmt: skip
    assert all(reason.strip() for reason in rejected.values())
