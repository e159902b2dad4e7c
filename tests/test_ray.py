"""The Ray engine: Parquet partitions that load into the database a local ingest makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.config import Settings
from tacitus.pipeline import Pipeline, ingest
from tacitus.store import Store

pytest.importorskip("ray", reason="Ray is not installed: pip install 'tacitus[ray]'")

from tacitus.engines.on_ray import run_on_ray

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
TABLES = ("documents", "rejected", "actor_mentions", "event_mentions", "events", "claims")


def table_rows(store: Store) -> dict[str, list[str]]:
    """Every table's rows, order-free (tables have no order of their own)."""
    return {
        t: sorted(map(repr, store.con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES
    }


def test_ray_output_loads_into_the_database_a_local_ingest_makes(tmp_path: Path) -> None:
    settings = Settings()
    parquet = tmp_path / "parquet"
    coded = run_on_ray([CORPUS], settings, parquet, workers=2, files_per_chunk=8)
    assert coded.chunks > 2  # enough partitions for both workers
    with Store(tmp_path / "ray.duckdb") as store, Pipeline(store, settings) as pipeline:
        loaded = pipeline.load(parquet)
        from_ray = table_rows(store)
        again = pipeline.load(parquet)
        assert table_rows(store) == from_ray
    with Store(tmp_path / "local.duckdb") as store:
        local = ingest([CORPUS], store, settings)
        from_local = table_rows(store)
    assert from_ray == from_local
    assert (loaded.stored, loaded.copies, loaded.events) == (
        local.stored,
        local.copies,
        local.events,
    )
    assert (again.stored, again.skipped) == (0, local.stored)
