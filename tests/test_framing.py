"""Naming terms, distinctive terms and tone, on sentences written like news."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from tacitus.framing.lexicon import default_lexicon
from tacitus.framing.logodds import distinctive_terms
from tacitus.framing.naming import naming_terms
from tacitus.framing.tone import clause, label, score, summarize

LABELS = Path(__file__).parent / "data" / "tone_labels.jsonl"
# Share of the hand-labelled sentences VADER on the clause must agree with (measured: 36/40).
MIN_AGREEMENT = 0.8


def terms(nlp: Language, text: str, mention: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    at = text.index(mention)
    span = doc.char_span(at, at + len(mention), alignment_mode="expand")
    return {(t.term, t.relation) for t in naming_terms(span, default_lexicon())}


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Hamas, a terrorist organization, fired rockets at Ashkelon on Monday.", "Hamas",
         ("terrorist organization", "apposition")),
        ("Talks between Israel and the Palestinian militant group Hamas stalled in Cairo.",
         "Hamas", ("palestinian militant group", "apposition")),
        ("The envoy defended the Hamas militant group's raid as self-defence.", "Hamas",
         ("militant group", "governor")),
        ("Hamas is a resistance movement, the cleric told worshippers.", "Hamas",
         ("resistance movement", "predicate")),
        ("Washington has designated the Houthis as a terrorist organization.", "Houthis",
         ("terrorist organization", "predicate")),
        ("Tehran funds militant groups such as Hezbollah and Hamas.", "Hezbollah",
         ("militant group", "category")),
        ("The Israeli government rejected the proposal on Sunday.", "Israeli",
         ("israeli government", "governor")),
        ("He condemned the crimes of the occupying Zionist regime in Gaza.", "Zionist regime",
         ("occupying", "modifier")),
        ("He condemned the crimes of the occupying Zionist regime in Gaza.", "Zionist regime",
         ("zionist regime", "form")),
    ],
)  # fmt: skip
def test_naming_terms_follow_the_syntax_of_the_mention(
    nlp: Language, text: str, mention: str, expected: tuple[str, str]
) -> None:
    assert expected in terms(nlp, text, mention)


def test_things_of_an_actor_and_pronouns_are_not_names_of_it(nlp: Language) -> None:
    found = terms(nlp, "Hamas drones crossed the border on Friday.", "Hamas")
    assert found == {("hamas", "form")}
    assert terms(nlp, "It said the talks had failed.", "It") == set()


def test_terms_one_outlet_uses_more_score_high_for_it_and_low_for_the_other() -> None:
    counts = {
        "Wire": {"militant group": 30, "hamas": 60, "terrorist group": 1},
        "Blog": {"terrorist group": 25, "hamas": 55, "militant group": 2},
    }
    result = distinctive_terms(counts)
    wire = {d.term: d.z for d in result["Wire"]}
    blog = {d.term: d.z for d in result["Blog"]}
    assert result["Wire"][0].term == "militant group" and wire["militant group"] > 1.96
    assert blog["terrorist group"] > 1.96 and wire["terrorist group"] < -1.96
    assert abs(wire["hamas"]) < 1.96


def test_a_single_outlet_has_nothing_to_be_distinguished_from() -> None:
    assert distinctive_terms({"Wire": {"militant group": 3, "hamas": 5}}) == {"Wire": []}


def test_tone_summary_gives_mean_interval_and_n_and_no_interval_for_one() -> None:
    summary = summarize([-0.6, -0.2, -0.4, 0.1])
    assert summary["n"] == 4 and summary["low"] < summary["mean"] < summary["high"]
    assert summarize([0.3]) == {"n": 1, "mean": 0.3, "low": None, "high": None}
    assert summarize([])["mean"] is None


def test_tone_reads_the_actors_clause_not_the_whole_sentence(nlp: Language) -> None:
    text = "The mayor praised the brave volunteers, while critics accused the militia of murder."
    doc = nlp(text)
    at = text.index("militia")
    span = doc.char_span(at, at + len("militia"))
    assert "praised" not in clause(span)
    assert score(clause(span)) < 0 < score(text[: text.index(",")])


def test_vader_on_the_clause_agrees_with_hand_labels() -> None:
    from tacitus.parse import load_nlp

    nlp = load_nlp()
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 40
    hits = 0
    for row in rows:
        doc = nlp(row["text"])
        at = row["text"].index(row["target"])
        span = doc.char_span(at, at + len(row["target"]), alignment_mode="expand")
        hits += label(score(clause(span))) == row["label"]
    assert hits / len(rows) >= MIN_AGREEMENT
