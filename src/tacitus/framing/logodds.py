"""Which terms set one outlet apart: weighted log-odds with an informative Dirichlet prior.

Monroe, Colaresi and Quinn (2008), "Fightin' Words", section 3.5.  Each outlet is
compared with all the others pooled; the prior is the pooled counts of every outlet
(scaled by ``PRIOR_SCALE``), so rare terms are shrunk toward "no difference" and a
term used once by a small outlet does not top the list.  ``z`` is the log-odds ratio
divided by its estimated standard deviation; ``|z| > 1.96`` is the usual bar.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

# Weight of the prior relative to the pooled counts it is built from.
PRIOR_SCALE = 1.0
# |z| above this is reported as a clear difference (two-sided 95%).
Z_CLEAR = 1.96


@dataclass(frozen=True, slots=True)
class Distinctive:
    term: str
    log_odds: float
    z: float
    count: int

    def as_dict(self) -> dict[str, float | int | str | bool]:
        return {
            "term": self.term,
            "log_odds": round(self.log_odds, 3),
            "z": round(self.z, 2),
            "count": self.count,
            "clear": abs(self.z) > Z_CLEAR,
        }


def _log_odds(y: float, n: float, alpha: float, alpha0: float) -> float:
    return math.log((y + alpha) / (n + alpha0 - y - alpha))


def distinctive_terms(
    counts: Mapping[str, Mapping[str, int]], prior_scale: float = PRIOR_SCALE
) -> dict[str, list[Distinctive]]:
    """For each group of ``counts`` (group -> term -> count), its terms by z, highest first.

    Needs two groups and two terms or more.
    """
    pooled: dict[str, int] = {}
    for terms in counts.values():
        for term, count in terms.items():
            pooled[term] = pooled.get(term, 0) + count
    # One term only, or one group only: there is no "instead" to compare with.
    if len(counts) < 2 or len(pooled) < 2:
        return {group: [] for group in counts}
    alpha = {term: prior_scale * count for term, count in pooled.items()}
    alpha0 = sum(alpha.values())
    total = sum(pooled.values())
    result: dict[str, list[Distinctive]] = {}
    for group, terms in counts.items():
        n_i = sum(terms.values())
        n_j = total - n_i
        scored = []
        for term in pooled:
            y_i = terms.get(term, 0)
            y_j = pooled[term] - y_i
            a = alpha[term]
            delta = _log_odds(y_i, n_i, a, alpha0) - _log_odds(y_j, n_j, a, alpha0)
            z = delta / math.sqrt(1 / (y_i + a) + 1 / (y_j + a))
            scored.append(Distinctive(term, delta, z, y_i))
        result[group] = sorted(scored, key=lambda d: (-d.z, d.term))
    return result
