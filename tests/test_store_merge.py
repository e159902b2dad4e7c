"""Merging batch by batch gives the events a merge of everything at once gives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tacitus.config import Settings
from tacitus.merge.incremental import merge_pending
from tacitus.pipeline import Resources, code_documents
from tacitus.records import CleanDocument, CodedDocument
from tacitus.store import Store

pytestmark = pytest.mark.slow

# Two reports of talks three days apart, then an undated report that fits both.
MONDAY = "The Omani foreign minister held talks with Iran's foreign minister in Muscat on Monday."
THURSDAY = (
    "Iran's foreign minister held talks with the Omani foreign minister in Muscat on Thursday."
)
UNDATED = "Iran's foreign minister held talks with the Omani foreign minister in Muscat."


@pytest.fixture
def coded(make_document: Callable[..., CleanDocument]) -> list[CodedDocument]:
    documents = [
        make_document(MONDAY, date(2024, 9, 2), "Gulf Wire"),
        make_document(THURSDAY, date(2024, 9, 5), "Tehran Daily"),
        make_document(UNDATED, date(2024, 9, 5), "Muscat Times"),
    ]
    return code_documents(documents, Resources.load(Settings()))


def events(store: Store) -> list[tuple[str, int]]:
    return [
        (r["event_id"], r["num_sources"])
        for r in store.query("SELECT * FROM events WHERE event = 'CONSULT' ORDER BY event_id")
    ]


def assignments(store: Store) -> list[tuple[str, str]]:
    return [
        (r["mention_id"], r["event_id"])
        for r in store.query("SELECT mention_id, event_id FROM event_mentions ORDER BY 1")
    ]


def test_a_later_report_fuses_stored_events_as_a_merge_from_scratch_would(
    coded: list[CodedDocument], tmp_path: Path
) -> None:
    with Store(tmp_path / "batches.duckdb") as one_by_one:
        one_by_one.write_batch(coded[:1])
        merge_pending(one_by_one)
        one_by_one.write_batch(coded[1:2])
        merge_pending(one_by_one)
        assert [sources for _, sources in events(one_by_one)] == [1, 1]
        one_by_one.write_batch(coded[2:])
        merge_pending(one_by_one)
        assert [sources for _, sources in events(one_by_one)] == [3]
        with Store(tmp_path / "at-once.duckdb") as at_once:
            at_once.write_batch(list(reversed(coded)))
            merge_pending(at_once)
            assert events(one_by_one) == events(at_once)
            assert assignments(one_by_one) == assignments(at_once)


def test_recoding_the_bridging_report_splits_the_event_again(
    coded: list[CodedDocument], tmp_path: Path
) -> None:
    with Store(tmp_path / "recoded.duckdb") as store:
        store.write_batch(coded)
        merge_pending(store)
        bridge = coded[2].document
        # Re-dated a week later, the undated report no longer fits either talks.
        bridge.published = date(2024, 9, 12)
        store.replace_coding(code_documents([bridge], Resources.load(Settings()))[0])
        merge_pending(store)
        assert [sources for _, sources in events(store)] == [1, 1, 1]
        assert all(event_id for _, event_id in assignments(store))
        assert store.count("events") == len({e for _, e in assignments(store)})
