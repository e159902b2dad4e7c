"""Actors: who is named in a document, resolved against a knowledge base.

``KnowledgeBase.load()`` reads the packaged YAML (plus user files);
``resolve_actors(doc, document, kb)`` returns the document's actor mentions.
"""

from tacitus.actors.describe import describe_actor
from tacitus.actors.kb import KnowledgeBase
from tacitus.actors.loading import KnowledgeBaseError
from tacitus.actors.models import Actor, Office
from tacitus.actors.resolve import resolve_actors

__all__ = [
    "Actor",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Office",
    "describe_actor",
    "resolve_actors",
]
