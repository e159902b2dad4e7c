"""Framing: how each outlet names the actors, the tone around them, and what it reported.

- ``naming``: the words an outlet uses to name or qualify an actor at one mention;
- ``logodds``: the terms that set one outlet apart (Monroe et al. 2008);
- ``tone``: VADER on the clause around a mention, with a 95% interval per outlet;
- ``compare``: the data functions behind ``tacitus compare``, the API and the pages.
"""

from tacitus.framing.compare import compare_actor, compare_event, outlet_framing

__all__ = ["compare_actor", "compare_event", "outlet_framing"]
