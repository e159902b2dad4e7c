"""The evaluation report: per-type scores, role accuracy, confusion and error lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.evaluate import evaluate, render
from tacitus.records import ActorRef, EventMention


def gold_line(rid: str, text: str, event: str, actor: str, recipient: str | None, mode=None) -> str:
    record = {
        "id": rid,
        "text": text,
        "date": "2000-01-01",
        "event": event,
        "mode": mode,
        "actor": [{"text": actor, "code": actor, "sector": None}],
        "recipient": [{"text": recipient, "code": recipient, "sector": None}] if recipient else [],
        "event_text": "",
        "context": [],
    }
    return json.dumps(record)


def predicted(text: str, event: str, actor: str, recipient: str | None, mode=None) -> EventMention:
    def ref(code: str) -> ActorRef:
        return ActorRef(code, code, code, code, None)

    return EventMention(
        doc_id="d",
        sentence_index=0,
        event=event,
        mode=mode,
        quad_code=1,
        cameo="04",
        modality="asserted",
        actor=ref(actor),
        recipient=ref(recipient) if recipient else None,
        event_text=event.lower(),
        sentence=text,
        start=0,
        end=len(text),
        raw_start=0,
        raw_end=len(text),
    )


@pytest.fixture()
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    lines = [
        gold_line("1", "Chile met Peru.", "CONSULT", "CHL", "PER", mode="visit"),
        gold_line("2", "Peru attacked Chile.", "ASSAULT", "PER", "CHL"),
        gold_line("3", "Japan condemned Korea.", "ACCUSE", "JPN", "KOR"),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def fake_coder(text: str) -> list[EventMention]:
    answers = {
        "Chile met Peru.": [predicted(text, "CONSULT", "CHL", "BOL", mode="visit")],
        "Peru attacked Chile.": [predicted(text, "COERCE", "PER", "CHL")],
        "Japan condemned Korea.": [predicted(text, "ACCUSE", "JPN", "KOR")],
    }
    return answers[text]


def test_scores_types_roles_and_errors(gold: Path) -> None:
    report = evaluate(gold, fake_coder)
    assert report.sentences == 3 and report.gold_events == 3
    assert report.per_type["CONSULT"].f1 == 1.0
    assert report.per_type["ASSAULT"].recall == 0.0
    assert report.per_type["COERCE"].fp == 1
    # Macro F1 averages the gold types only: CONSULT 1, ACCUSE 1, ASSAULT 0.
    assert report.macro_f1 == pytest.approx(2 / 3)
    assert (report.actor.correct, report.actor.total) == (2, 2)
    assert (report.recipient.correct, report.recipient.total) == (1, 2)
    assert report.mode.accuracy == 1.0
    assert report.confusion["ASSAULT"]["COERCE"] == 1
    assert [m["event"] for m in report.misses] == ["ASSAULT"]
    assert [f["event"] for f in report.false_events] == ["COERCE"]


def test_report_renders_and_serialises(gold: Path) -> None:
    report = evaluate(gold, fake_coder)
    text = render(report)
    assert "macro F1" in text and "ASSAULT" in text
    data = json.loads(json.dumps(report.as_dict()))
    assert data["macro_f1"] == pytest.approx(2 / 3, abs=1e-3)
    assert data["confusion"]["ASSAULT"] == {"COERCE": 1}


def test_legacy_gold_codes_match_current_ones(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line("1", "Tokyo met Rome.", "CONSULT", "JAP", "ITL") + "\n")
    report = evaluate(path, lambda text: [predicted(text, "CONSULT", "JPN", "ITA")])
    assert report.actor.accuracy == 1.0 and report.recipient.accuracy == 1.0


def test_bad_gold_line_fails_loudly(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "1", "text": "no event field"}\n')
    with pytest.raises(ValueError, match=r"gold\.jsonl:1"):
        evaluate(path, lambda text: [])
