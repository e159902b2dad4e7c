"""Headlines and one-sentence wire items are news: they are coded, not refused as too short
or as some other language; a declared language overrides detection; mojibake is repaired."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus.clean import clean_document
from tacitus.cli import cli
from tacitus.config import CleanConfig
from tacitus.records import CleanDocument, RawDocument, Rejection

ONE_SENTENCE_ITEMS = [
    "Chile's foreign minister met Peru's president in Lima on Monday.",
    "Kenyan police arrested 12 protesters in Nairobi on Friday.",
    "Malian soldiers killed four militants near Gao, the army said.",
    "Seoul summons Japan's ambassador over island dispute",
    "Turkey and Iraq sign water-sharing deal",
    "EU slaps new sanctions on Belarus officials",
]


def clean(text: str, config: CleanConfig | None = None, **meta: object) -> object:
    raw = RawDocument(source="test://wire", raw=text, fmt="text", meta=dict(meta))  # type: ignore[arg-type]
    return clean_document(raw, config or CleanConfig())


@pytest.mark.parametrize("text", ONE_SENTENCE_ITEMS)
def test_a_one_sentence_item_is_accepted_as_english(text: str) -> None:
    result = clean(text)
    assert isinstance(result, CleanDocument), getattr(result, "reason", "")
    assert result.text.strip() == text


def test_a_short_text_in_another_language_is_still_refused() -> None:
    result = clean("El gobierno de Chile anunció nuevas medidas contra la inflación este lunes.")
    assert isinstance(result, Rejection) and "not English" in result.reason


def test_a_declared_language_overrides_detection() -> None:
    # Mostly names: a detector has little to go on, the feed says what language it is in.
    text = "Tshisekedi, Kagame, Ruto hold Luanda talks"
    assert isinstance(clean(text, language="en"), CleanDocument)
    assert isinstance(clean(text, CleanConfig(language="en")), CleanDocument)
    # A declared foreign language is refused by name, without guessing.
    refused = clean(ONE_SENTENCE_ITEMS[0], language="fr")
    assert isinstance(refused, Rejection) and "fr" in refused.reason


def test_a_higher_minimum_refuses_short_items_with_the_count() -> None:
    result = clean(ONE_SENTENCE_ITEMS[0], CleanConfig(min_words=20))
    assert isinstance(result, Rejection)
    assert result.reason.startswith("too short:") and "(minimum 20)" in result.reason


def test_mojibake_is_repaired_and_offsets_still_point_into_the_raw_text() -> None:
    raw = "Israelâ€™s cabinet approved the truce on Sunday, officials said."
    result = clean(raw)
    assert isinstance(result, CleanDocument)
    assert "\u00e2\u20ac" not in result.text
    assert re.search("Israel['\u2019]s cabinet", result.text)
    start = result.text.index("cabinet")
    raw_start, raw_end = result.offsets.raw_span(start, start + len("cabinet"))
    assert raw[raw_start:raw_end] == "cabinet"


def test_a_headline_feed_is_coded_end_to_end(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": f"w{n}", "text": text, "published": "2024-05-06", "language": "en"}
        for n, text in enumerate(ONE_SENTENCE_ITEMS)
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "feed.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(feed), "--db", str(db), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "rejected" not in result.output or "rejected:           0" in result.output
    events = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "jsonl"])
    coded = [json.loads(line) for line in events.output.splitlines() if line.strip()]
    assert len({e["mentions"][0]["doc_id"] for e in coded}) >= 4
