"""Ingest stage: files, folders and standard input become raw documents."""

from tacitus.ingest.read import read_inputs

__all__ = ["read_inputs"]
