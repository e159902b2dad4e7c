"""Labels of spaCy's English parse (parts of speech, dependency relations) that several
stages read, named once: each stage asks its own question with them (who acts, what is
acted on, whether a clause has a subject of its own)."""

from __future__ import annotations

VERBAL = frozenset({"VERB", "AUX"})
NOUNS = frozenset({"NOUN", "PROPN"})
# spaCy's entity labels of places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Noun-phrase subjects, of an active verb and of a passive one.
NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# The doer of an active verb: a noun phrase, or a clause ("What he said angered them").
ACTIVE_SUBJECTS = frozenset({"nsubj", "csubj"})
# A verb's subject, active or passive: where its first argument is read.
SUBJECTS = ACTIVE_SUBJECTS | NOMINAL_SUBJECTS
# Any subject a clause may have, the empty "there" or "it" too: whether it has its own.
CLAUSE_SUBJECTS = SUBJECTS | frozenset({"csubjpass", "expl"})
# What a verb acts on: its object or complement, or the subject of its passive.
THEMES = frozenset({"dobj", "attr", "oprd", "nsubjpass"})
