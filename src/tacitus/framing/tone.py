"""Tone of the clause around a mention: VADER, with its uncertainty.

VADER (Hutto and Gilbert 2014, the ``vadersentiment`` package and the lexicon it
ships) scores the words of the smallest clause holding the mention: "X attacked Y,
officials said" scores "X attacked Y", not the reporting verb.  A score is the tone
of the words around an actor, not the outlet's stance toward it; outlet figures are
means with a t-based 95% interval and their ``n``, never a verdict.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from tacitus.parse.labels import CLAUSE_SUBJECTS

# Dependency labels that open a clause of their own.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "csubj", "parataxis"})
# VADER's own cut-offs for calling a compound score positive or negative.
POSITIVE = 0.05
NEGATIVE = -0.05
# Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom.
T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
Z_975 = 1.96


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def _opens_clause(token: Token) -> bool:
    return token.dep_ in CLAUSE_DEPS or (token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"})


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in CLAUSE_SUBJECTS for c in token.children)


def clause(span: Span) -> str:
    """The smallest clause holding ``span``, less its sub-clauses that have their own subject."""
    head = span.root
    while not _opens_clause(head) and head.head != head:
        head = head.head
    inside = {t.i for t in span}
    left_out: set[int] = set()
    for child in head.children:
        sub = {t.i for t in child.subtree}
        # A sub-clause with its own subject is about someone else; one without shares
        # the subject ("X bombed a hospital, killing patients").
        if _opens_clause(child) and not sub & inside and _has_subject(child):
            left_out |= sub
    tokens = [t for t in head.subtree if t.i not in left_out]
    return "".join(t.text_with_ws for t in tokens).strip()


def score(text: str) -> float:
    """VADER's compound score of ``text``, from -1 (negative) to +1 (positive)."""
    return float(analyzer().polarity_scores(text)["compound"])


def label(compound: float) -> str:
    if compound >= POSITIVE:
        return "positive"
    if compound <= NEGATIVE:
        return "negative"
    return "neutral"


def summarize(scores: Sequence[float]) -> dict[str, Any]:
    """Mean compound score with a t-based 95% interval; no interval below two scores."""
    n = len(scores)
    if n == 0:
        return {"n": 0, "mean": None, "low": None, "high": None}
    mean = statistics.fmean(scores)
    if n < 2:
        return {"n": 1, "mean": round(mean, 3), "low": None, "high": None}
    quantile = T_975[n - 2] if n - 1 <= len(T_975) else Z_975
    half = quantile * statistics.stdev(scores) / math.sqrt(n)
    return {
        "n": n,
        "mean": round(mean, 3),
        "low": round(max(-1.0, mean - half), 3),
        "high": round(min(1.0, mean + half), 3),
    }
