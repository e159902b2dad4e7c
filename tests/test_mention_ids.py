"""Mention and event ids are unique by construction: any document, coded twice in one batch
or alone, stores without a key conflict.

The articles are built from news-like sentences chosen to give several mentions alike in
type, mode and trigger within one sentence (coordinated sides, unnamed groups, a sentence
repeated, a meeting of several states), the shapes that once gave two mentions one id.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.clean import clean_document
from tacitus.config import CleanConfig, Settings
from tacitus.pipeline import Resources, code_documents
from tacitus.records import CleanDocument, RawDocument
from tacitus.store import Store

pytestmark = pytest.mark.slow

SIDES = [
    "Protesters", "Police", "Iraqi police", "Kenya", "Uganda and Tanzania", "The rebels",
    "Hundreds of nurses", "Militiamen", "Egypt, Qatar and the United States", "The army",
]  # fmt: skip
ACTS = [
    "{a} clashed with {b} near the embassy on Tuesday.",
    "{a} and {b} held talks in Baghdad on Tuesday.",
    "{a} fired tear gas at {b}, and {a} fired tear gas at {b} again later.",
    "{a} accused {b} of attacking the embassy.",
    "{a} stormed the compound while {b} stormed the gate.",
    "{a} condemned {b} and {b} condemned {a}.",
    "{a} met {b}; {a} met {b} again.",
]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "allsides_dev.jsonl"

sentence = st.builds(
    lambda act, a, b: act.format(a=a, b=b),
    st.sampled_from(ACTS),
    st.sampled_from(SIDES),
    st.sampled_from(SIDES),
)


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(Settings())


def cleaned(text: str, name: str = "article") -> CleanDocument:
    raw = RawDocument(
        source=f"test://{name}", raw=text, fmt="text", meta={"published": "2024-05-06"}
    )
    document = clean_document(raw, CleanConfig())
    assert isinstance(document, CleanDocument), document
    return document


def store_twice_and_alone(tmp_path: Path, document: CleanDocument, resources: Resources) -> None:
    [coded] = code_documents([document], resources)
    ids = Counter(event.mention_id for event in coded.events)
    assert not [mention_id for mention_id, n in ids.items() if n > 1]
    for name, batch in (("twice", [coded, coded]), ("alone", [coded])):
        database = tmp_path / f"{name}.duckdb"
        database.unlink(missing_ok=True)
        with Store(database) as store:
            store.write_batch(batch)
            store.write_batch([coded])  # and once more, in a later batch
            assert store.count("documents") == 1
            assert store.count("event_mentions") == len(coded.events)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(sentence, min_size=2, max_size=8))
def test_any_article_stores_without_a_key_conflict(
    tmp_path: Path, resources: Resources, sentences: list[str]
) -> None:
    # A repeated sentence is kept: wire copy often repeats its lead.
    text = "Clashes at the embassy\n\n" + " ".join([*sentences, sentences[0]])
    store_twice_and_alone(tmp_path, cleaned(text), resources)


@pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpus")
def test_real_articles_store_without_a_key_conflict(tmp_path: Path, resources: Resources) -> None:
    with CORPUS.open(encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(40), lines, strict=False)]
    for record in records:
        text = f"{record['title']}\n\n{record['text']}"
        store_twice_and_alone(tmp_path, cleaned(text, record["id"]), resources)
