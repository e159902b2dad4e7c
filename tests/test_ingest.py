"""Ingest: files, folders and standard input in; raw documents or rejections out."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tacitus.config import IngestConfig
from tacitus.ingest import read_inputs
from tacitus.records import RawDocument, Rejection

ARTICLE = (
    "Port workers in Valmora walked off the job on Monday, halting container traffic "
    "for the second time this month, union leaders said.\n"
)


def read(paths: list, **config: object) -> list[RawDocument | Rejection]:
    return list(read_inputs(paths, IngestConfig(**config)))


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(ARTICLE)
    (tmp_path / "notes.md").write_text("not an input format")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)

    items = read([tmp_path])

    assert [Path(item.source).name for item in items] == ["a.html", "b.txt", "c.txt"]
    assert [item.fmt for item in items] == ["html", "text", "text"]


def test_jsonl_records_keep_unknown_fields_and_bad_lines_are_named(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "w-1", "url": "https://wire.example/a", "title": "Strike", "text": ARTICLE,
         "section": "labour"},
        "{not json",
        {"id": "w-2", "outlet": "Harbour Times", "html": f"<p>{ARTICLE}</p>"},
        {"id": "w-3", "title": "no body"},
    ]  # fmt: skip
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")

    first, bad, second, empty = read([feed], outlet="Default Wire")

    assert isinstance(first, RawDocument) and first.source == "https://wire.example/a"
    assert first.meta["section"] == "labour" and first.meta["outlet"] == "Default Wire"
    assert isinstance(bad, Rejection) and bad.source == f"{feed}#L2"
    assert "line 2" in bad.reason and str(feed) in bad.reason
    assert isinstance(second, RawDocument) and second.fmt == "html"
    assert second.source == f"{feed}#L3" and second.meta["outlet"] == "Harbour Times"
    assert isinstance(empty, Rejection) and "text" in empty.reason


def test_json_list_gives_one_document_per_object(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": ARTICLE}, {"text": ARTICLE, "published": "2024-05-02"}]))

    items = read([path])

    assert [item.source for item in items] == [f"{path}#1", f"{path}#2"]
    assert items[1].meta["published"] == "2024-05-02"


def test_legacy_and_utf16_encodings_are_decoded(tmp_path: Path) -> None:
    text = "The café owner said the “strike” – now in its third week – must end.\n"
    (tmp_path / "a_cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "b_utf16.txt").write_bytes(text.encode("utf-16"))
    mixed = text.encode("utf-8") + "Prices rose in Zürich.\n".encode("cp1252")
    (tmp_path / "c_mixed.txt").write_bytes(mixed)

    legacy, utf16, both = read([tmp_path])

    assert legacy.raw == text
    assert utf16.raw == text
    assert both.raw == text + "Prices rose in Zürich.\n"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"   \n\n  ", "empty"),
    ],
)
def test_unusable_files_are_rejected_and_the_batch_goes_on(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    (tmp_path / "a_bad.txt").write_bytes(content)
    (tmp_path / "b_good.txt").write_text(ARTICLE)

    bad, good = read([tmp_path])

    assert isinstance(bad, Rejection) and reason in bad.reason
    assert isinstance(good, RawDocument)


def test_oversized_input_is_rejected_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(ARTICLE * 50)

    (item,) = read([path], max_bytes=1000)

    assert isinstance(item, Rejection) and "too large" in item.reason


def test_missing_path_raises_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        read([tmp_path / "nowhere.txt"])


def test_stdin_plain_text_is_one_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((ARTICLE * 2).encode())))

    (item,) = read(["-"], outlet="Pasted")

    assert item.source == "<stdin>" and item.raw == ARTICLE * 2
    assert item.meta == {"outlet": "Pasted"}


def test_stdin_json_lines_are_detected_by_content(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "\n".join(json.dumps({"id": str(i), "text": ARTICLE}) for i in range(3))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))

    items = read(["-"])

    assert [item.source for item in items] == ["<stdin>#L1", "<stdin>#L2", "<stdin>#L3"]
    assert all(item.meta["id"] == str(i) for i, item in enumerate(items))
