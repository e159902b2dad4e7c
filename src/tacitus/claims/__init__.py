"""Numeric claims: who says how many were killed, injured, held, fired or paid, where, when.

Claims from different outlets about the same quantity share a ``claim_key`` so
the claims issue can set their figures side by side.
"""

from tacitus.claims.extract import Claim, extract_claims
from tacitus.claims.keys import claim_key

__all__ = ["Claim", "claim_key", "extract_claims"]
