"""Stopping cleanly on Ctrl-C, SIGINT or SIGTERM.

``tacitus ingest`` turns either signal into ``Interrupted`` in the main process, so the batch in
flight is rolled back, the workers are stopped and the report says what was saved.  Worker
processes ignore SIGINT (the terminal sends it to the whole process group; only the main
process decides) and exit on their own when the main process is gone, however it ended.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# How often a worker checks that the process that started it is still alive.
PARENT_CHECK_SECONDS = 1.0
HANDLED = (signal.SIGINT, signal.SIGTERM)


class Interrupted(Exception):
    """A stop signal reached the main process."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


@contextmanager
def stop_signals_raise() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise ``Interrupted`` (once; a second signal
    during the clean-up is ignored, so the clean-up finishes).  A library running native
    code when the signal lands may turn it into an error of its own (DuckDB's "Query
    interrupted"): whatever leaves the block after a stop signal is that ``Interrupted``."""
    received: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        for sig in HANDLED:
            signal.signal(sig, signal.SIG_IGN)
        received.append(signum)
        if _deferral.depth:
            _deferral.pending = signum
            return
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in HANDLED}
    try:
        yield
    except Exception as error:
        if received and not isinstance(error, Interrupted):
            raise Interrupted(received[0]) from error
        raise
    finally:
        for sig, action in previous.items():
            signal.signal(sig, action)


class _Deferral:
    depth = 0
    pending: int | None = None


_deferral = _Deferral()


@contextmanager
def stop_deferred() -> Iterator[None]:
    """Within the block a stop signal waits for the block's end: starting a worker process
    cut in half leaves a child that fails, with a traceback, once the pool is gone."""
    _deferral.depth += 1
    try:
        yield
    finally:
        _deferral.depth -= 1
        if not _deferral.depth and _deferral.pending is not None:
            signum, _deferral.pending = _deferral.pending, None
            raise Interrupted(signum)


def detach_worker(parent: int) -> None:
    """In a worker: leave SIGINT to the main process, and exit when ``parent`` is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()


def _watch(parent: int) -> None:
    while _alive(parent):
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
