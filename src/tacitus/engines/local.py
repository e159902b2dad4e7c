"""Local engines: the stages in this process, or in a pool of worker processes.

Both return results in input order, so the writer sees the same sequence of
batches whatever the number of workers, and the database comes out identical.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from tacitus.config import Settings
from tacitus.engines.stages import CleanBatch, Worker
from tacitus.interrupts import detach_worker, stop_deferred
from tacitus.records import CleanDocument, CodedDocument, RawDocument, Rejection

# Batches submitted ahead per worker: enough to keep every worker busy while the
# writer stores a batch, few enough that memory stays flat.
PREFETCH_PER_WORKER = 2

T = TypeVar("T")


class Engine(Protocol):
    def clean(self, batches: Iterable[Sequence[RawDocument | Rejection]]) -> Iterator[CleanBatch]:
        """Cleaned batches, in input order."""
        ...

    def code(self, batches: Iterable[Sequence[CleanDocument]]) -> Iterator[list[CodedDocument]]:
        """Coded batches, in input order."""
        ...


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class InProcessEngine:
    """Every stage in this process, one batch at a time."""

    def __init__(self, settings: Settings) -> None:
        self.worker = Worker(settings)

    def clean(self, batches: Iterable[Sequence[RawDocument | Rejection]]) -> Iterator[CleanBatch]:
        return map(self.worker.clean, batches)

    def code(self, batches: Iterable[Sequence[CleanDocument]]) -> Iterator[list[CodedDocument]]:
        return map(self.worker.code, batches)


# The worker process's state, set once by ``_start``.
_WORKER: Worker | None = None


def _start(settings: Settings, parent: int) -> None:
    global _WORKER
    detach_worker(parent)
    _WORKER = Worker(settings)
    _WORKER.resources  # noqa: B018 - load spaCy now, not inside the first timed batch


def _run(stage: str, item: Any) -> Any:
    assert _WORKER is not None, "worker process was not initialised"
    return getattr(_WORKER, stage)(item)


class PoolEngine:
    """Stages in ``workers`` processes, each with its own spaCy pipeline."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.window = workers * PREFETCH_PER_WORKER
        # Fork would copy the parent's threads and DuckDB handle; forkserver starts clean.
        methods = multiprocessing.get_all_start_methods()
        method = "forkserver" if "forkserver" in methods else "spawn"
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_start,
            initargs=(settings, os.getpid()),
        )

    def clean(self, batches: Iterable[Sequence[RawDocument | Rejection]]) -> Iterator[CleanBatch]:
        return self._ordered("clean", batches)

    def code(self, batches: Iterable[Sequence[CleanDocument]]) -> Iterator[list[CodedDocument]]:
        return self._ordered("code", batches)

    def close(self, interrupted: bool = False) -> None:
        if interrupted:
            # Work in flight is lost anyway (its batch is not written): stop it now.  The
            # workers go before the pool: shutting it down removes the queues' semaphores,
            # which a worker still starting up would fail to open, with a traceback.
            processes = list(getattr(self.pool, "_processes", {}).values())
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(timeout=5)
            self.pool.shutdown(wait=False, cancel_futures=True)
            return
        self.pool.shutdown(cancel_futures=True)

    def _ordered(self, stage: str, items: Iterable[Any]) -> Iterator[Any]:
        """Results in input order, with at most ``window`` items in flight."""
        pending: deque[Future[Any]] = deque()
        for item in items:
            with stop_deferred():  # submitting may start a worker
                pending.append(self.pool.submit(_run, stage, item))
            if len(pending) >= self.window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@contextmanager
def open_engine(settings: Settings, workers: int = 1) -> Iterator[Engine]:
    """One worker runs in this process; more run in a process pool, closed on exit."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if workers == 1:
        yield InProcessEngine(settings)
        return
    engine = PoolEngine(settings, workers)
    try:
        yield engine
    except BaseException:
        engine.close(interrupted=True)
        raise
    engine.close()
