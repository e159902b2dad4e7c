"""Quality gate: the coder must keep its scores on the project's own gold sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.config import Settings
from tacitus.evaluate import evaluate, make_text_coder

pytestmark = pytest.mark.slow

GOLD = Path(__file__).parent / "gold" / "tacitus_gold.jsonl"
# Pinned a little below the scores measured (0.940 / 1.00 / 0.955).  Since the learned
# decisions (trained on real news, not on these sentences) may veto a hand rule, the
# macro F1 on our own sentences fell from 0.962; on held-out outlets of real news it rose.
MIN_MACRO_F1 = 0.93
MIN_ACTOR_ACCURACY = 0.98
MIN_RECIPIENT_ACCURACY = 0.94


def test_gold_set_scores_stay_above_the_pinned_minimums() -> None:
    report = evaluate(GOLD, make_text_coder(Settings()))
    assert report.sentences >= 150
    assert report.macro_f1 >= MIN_MACRO_F1
    assert report.actor.accuracy is not None and report.actor.accuracy >= MIN_ACTOR_ACCURACY
    assert report.recipient.accuracy is not None
    assert report.recipient.accuracy >= MIN_RECIPIENT_ACCURACY
