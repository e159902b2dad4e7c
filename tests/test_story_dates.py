"""An undated report takes its year from dated reports of the same events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tacitus.config import Settings
from tacitus.pipeline import ingest
from tacitus.store import Store

DATED = """Gulf ministers hold talks on shipping
March 6, 2023

Iranian Foreign Minister Hossein Amir-Abdollahian held a phone call with Qatari Prime
Minister Mohammed bin Abdulrahman Al Thani on Saturday, the Qatari foreign ministry said.
The two men discussed shipping in the Gulf and the security of oil tankers, the statement
added. Qatar has offered to host further talks between regional states later this month.
"""

UNDATED = """Tehran and Doha discuss tanker security

The Iranian foreign minister said on March 1 that the region needed calm waters. Iranian
Foreign Minister Hossein Amir-Abdollahian held a phone call with Qatari Prime Minister
Mohammed bin Abdulrahman Al Thani on Saturday, according to a readout from Tehran.
Officials in both capitals described the conversation as friendly and useful for trade.
"""


def test_undated_article_is_dated_from_a_dated_report_of_the_same_call(tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text(DATED, encoding="utf-8")
    (tmp_path / "blog.txt").write_text(UNDATED, encoding="utf-8")
    with Store(tmp_path / "t.duckdb") as store:
        report = ingest([str(tmp_path / "blog.txt")], store, Settings())
        assert report.dated_from_story == 0  # nothing to borrow a year from yet
        ingest([str(tmp_path / "wire.txt")], store, Settings())
        rows = store.query("SELECT source, published, published_source FROM documents")
        by_file = {Path(r["source"]).name: r for r in rows}
        assert by_file["blog.txt"]["published"] == date(2023, 3, 4)
        assert by_file["blog.txt"]["published_source"] == "inferred"
        calls = store.query(
            "SELECT num_articles, date FROM events WHERE event = 'CONSULT' AND mode = 'phone' "
            "AND recipient_id IS NOT NULL"
        )
        assert [(c["num_articles"], c["date"]) for c in calls] == [(2, date(2023, 3, 4))]
