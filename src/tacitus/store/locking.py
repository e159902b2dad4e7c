"""Opening the database file while other processes use it.

DuckDB lets one process write a file, or several read it, never both: an open
in a conflicting mode fails at once.  Opening here waits a bounded time for the
other process to let go, then fails with one line naming it.  A writer that
lets go of the file between batches (so readers get in) also holds a lock on a
side file for its whole run, so a second writer cannot slip in between its
batches.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from pathlib import Path

import duckdb

# How long an open waits for another process's lock before giving up.
LOCK_WAIT_SECONDS = 10.0
# Pause between two tries: short, as a reader or a batch write holds the file briefly.
RETRY_PAUSE_SECONDS = 0.05
WRITER_LOCK_SUFFIX = ".writer.lock"
# DuckDB keeps table blocks cached up to its memory limit (80% of RAM unless
# told), so a long ingest would grow with its database; a fixed cap keeps memory
# flat, and larger queries spill to disk instead.  A writer's checkpoints (each
# batch closes the database) grow with the table row groups they rewrite, so a
# writer gets a lower cap than readers, whose queries serve the API and pages.
MEMORY_LIMIT = "512MB"
WRITER_MEMORY_LIMIT = "256MB"

_CONFLICT = "Could not set lock"
_HOLDER = re.compile(r"\(PID (\d+)\)")


class DatabaseBusy(RuntimeError):
    """Another process has the database open in a conflicting mode."""


def _holder(message: str) -> str:
    match = _HOLDER.search(message)
    return f"process {match.group(1)}" if match else "another process"


def connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``, retrying for up to ``wait`` seconds while it is locked."""
    deadline = time.monotonic() + wait
    while True:
        try:
            limit = MEMORY_LIMIT if read_only else WRITER_MEMORY_LIMIT
            return duckdb.connect(path, read_only=read_only, config={"memory_limit": limit})
        except duckdb.IOException as exc:
            if _CONFLICT not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"database {path} is in use by {_holder(str(exc))}; "
                    "try again when it has finished"
                ) from exc
            time.sleep(RETRY_PAUSE_SECONDS)


class WriterLock:
    """An exclusive lock on ``<database>.writer.lock``, freed by ``release`` or process exit."""

    def __init__(self, database: str, wait: float) -> None:
        self.path = Path(database + WRITER_LOCK_SUFFIX)
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(self._fd)
                    raise DatabaseBusy(
                        f"another ingest is writing {database}; run this one when it has finished"
                    ) from None
                time.sleep(RETRY_PAUSE_SECONDS)

    def release(self) -> None:
        # Closing the descriptor drops the lock; the file stays, empty and harmless.
        os.close(self._fd)
