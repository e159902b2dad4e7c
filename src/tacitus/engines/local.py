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

from tacitus.actors import KnowledgeBase
from tacitus.config import Settings
from tacitus.engines.stages import CleanBatch, Worker
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

    def knowledge_base(self) -> KnowledgeBase:
        """The actor knowledge base, for the writer's actor ancestry."""
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

    def knowledge_base(self) -> KnowledgeBase:
        return self.worker.resources.kb


# The worker process's state, set once by ``_start``.
_WORKER: Worker | None = None


def _start(settings: Settings) -> None:
    global _WORKER
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
            initargs=(settings,),
        )
        self._kb: KnowledgeBase | None = None

    def clean(self, batches: Iterable[Sequence[RawDocument | Rejection]]) -> Iterator[CleanBatch]:
        return self._ordered("clean", batches)

    def code(self, batches: Iterable[Sequence[CleanDocument]]) -> Iterator[list[CodedDocument]]:
        return self._ordered("code", batches)

    def knowledge_base(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = KnowledgeBase.load(self.settings.actors.kb_paths)
        return self._kb

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)

    def _ordered(self, stage: str, items: Iterable[Any]) -> Iterator[Any]:
        """Results in input order, with at most ``window`` items in flight."""
        pending: deque[Future[Any]] = deque()
        for item in items:
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
    finally:
        engine.close()
