"""Ingest stage: files, folders and standard input become raw documents."""

from tacitus.ingest.read import count_inputs, from_record, read_inputs

__all__ = ["count_inputs", "from_record", "read_inputs"]
