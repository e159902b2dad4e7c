"""How the server reaches the database: read-only unless uploads are enabled.

DuckDB allows one writing process or many reading ones.  A read-only server
opens a connection per request; an ``ingest`` lets go of the file between
batches, so a request arriving while a batch is written waits a moment
(``READ_WAIT_SECONDS``) and then reads; only a writer that keeps the file
longer than that makes it answer 503.  A server that accepts uploads owns the
file: it keeps one read-write connection and gives each request a cursor of
it, so reads go on while an upload ingests.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from tacitus.store import Store, StoreError
from tacitus.store.locking import DatabaseBusy

# How long a request waits for a writer to let go of the file: longer than an
# ingest takes to write one batch, short enough that a client is not left hanging.
READ_WAIT_SECONDS = 3.0


class DatabaseUnavailable(RuntimeError):
    """The database cannot be read right now (absent, locked by a writer, damaged)."""


class Database:
    def __init__(self, path: Path, writable: bool = False) -> None:
        self.path = path
        self.writable = writable
        self._shared: Store | None = None
        self._write_lock = threading.Lock()
        if writable:
            self._shared = Store(path)
        elif not path.is_file():
            raise DatabaseUnavailable(f"no database at {path}; run `tacitus ingest` first")

    def close(self) -> None:
        if self._shared is not None:
            self._shared.close()

    @contextmanager
    def reader(self) -> Iterator[Store]:
        store = self._open()
        try:
            yield store
        finally:
            store.close()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The store to ingest into, one upload at a time."""
        if self._shared is None:
            raise DatabaseUnavailable("this server is read-only")
        with self._write_lock, self.reader() as store:
            yield store

    def _open(self) -> Store:
        if self._shared is not None:
            return self._shared.cursor()
        if not self.path.is_file():
            raise DatabaseUnavailable(f"no database at {self.path}")
        try:
            return Store(self.path, read_only=True, lock_wait=READ_WAIT_SECONDS)
        except DatabaseBusy as exc:
            raise DatabaseUnavailable(
                f"database {self.path} is busy: another process is writing it; try again shortly"
            ) from exc
        except (StoreError, duckdb.Error) as exc:
            raise DatabaseUnavailable(f"database {self.path} cannot be read: {exc}") from exc
