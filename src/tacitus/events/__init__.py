"""Events: PLOVER 2.0 event coding from parsed sentences and resolved actors."""

from tacitus.events.coder import code_events
from tacitus.events.lexicon import Lexicon, LexiconError

__all__ = ["Lexicon", "LexiconError", "code_events"]
