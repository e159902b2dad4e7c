"""Stories and claims: reading the database across articles.

A story is a set of articles about the same happening: documents linked when
they report the same merged event, or name the same specific actors, within a
few days of each other.  Claims are the figures articles state, grouped by the
quantity they count so a reader sees how a toll moves across outlets and days.
Both are computed on read, so they never depend on the order documents arrived in.
"""

from tacitus.stories.claims import claims
from tacitus.stories.listing import stories

__all__ = ["claims", "stories"]
