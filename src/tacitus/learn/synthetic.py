"""Weak examples from synthetic stories: each story was written for one PLOVER type.

``../shared/resources/ngec/gpt_synthetic_events_2023-10-19_19.csv`` (NGEC, MIT) holds 4,500
generated news stories, each labelled with the type its prompt asked for.  A story's lead
sentence states that event, so a candidate in it that proposes the story's type is taken as an
example of that type; other candidates of the lead are left out, as nothing says what they
are.  These examples carry a lower weight than annotated ones (``train.SYNTHETIC_WEIGHT``):
they widen the vocabulary of rare types, the annotated corpus decides.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from tacitus.actors import resolve_actors
from tacitus.engines.stages import Resources
from tacitus.events.cameo import CameoLexicon
from tacitus.events.candidates import find_candidates
from tacitus.events.dyads import ActorIndex
from tacitus.events.features import trigger_features
from tacitus.events.places import DocumentPlaces
from tacitus.events.reading import Context
from tacitus.events.triggers import pattern_hits
from tacitus.learn.examples import Example
from tacitus.parse import sentences
from tacitus.records import CleanDocument, OffsetMap, stable_id
from tacitus.vocabulary import EVENT_TYPES

SYNTHETIC_OUTLET = "synthetic"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def lead_sentences(path: Path) -> list[tuple[str, str]]:
    """(type, lead sentence) of each story."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    leads = []
    for row in rows:
        label, text = row.get("label", ""), (row.get("text") or "").strip()
        if label in EVENT_TYPES and text:
            leads.append((label, _SENTENCE_END.split(text, maxsplit=1)[0]))
    return leads


def synthetic_examples(path: Path, res: Resources) -> list[Example]:
    leads = lead_sentences(path)
    cameo = CameoLexicon.load()
    examples = []
    docs = res.nlp.pipe((text for _, text in leads), batch_size=64)
    for number, ((label, text), doc) in enumerate(zip(leads, docs, strict=True)):
        document = CleanDocument(
            doc_id=stable_id("synthetic", str(number)),
            source=SYNTHETIC_OUTLET,
            raw=text,
            text=text,
            offsets=OffsetMap.identity(len(text)),
        )
        actors = resolve_actors(doc, document, res.kb)
        index = ActorIndex(actors)
        hits = pattern_hits(doc, res.lexicon)
        where = DocumentPlaces(doc, actors)
        for sent in sentences(doc):
            ctx = Context(res.lexicon, index, where.locator(sent))
            for candidate in find_candidates(sent, res.lexicon, cameo, hits, index):
                if label in candidate.proposed:
                    features = trigger_features(candidate, sent, ctx)
                    examples.append(
                        Example(features, label, f"synthetic-{number}", SYNTHETIC_OUTLET)
                    )
    return examples
