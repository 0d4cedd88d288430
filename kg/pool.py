"""Extraction in worker processes, results back in order, with a bounded number in flight.

Loading is extraction-bound (BENCHMARKS.md): reading, language identification, extraction and
building quads are pure Python per document and need no store, so they spread over cores; the
store has one writer, the loading process. Workers are spawned, not forked: a fork would copy
the open RocksDB store into children that must never touch it. At most `window` documents are
extracted ahead of the writer, so memory stays flat whatever the number of files.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from kg.store import StoreError


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _warm_up() -> None:
    """Build the gazetteer and language packs once per worker, before its first document."""
    from kg.extract.entities import gazetteer
    from kg.extract.language import available, pack

    gazetteer()
    for code in available():
        try:
            pack(code)
        except Exception:  # noqa: BLE001 - a broken pack is reported with the first document that needs it
            pass


@contextmanager
def extraction_pool(jobs: int) -> Iterator[Callable[[Iterable], Iterator]]:
    """A function mapping tasks to `kg.loader.prepare` outcomes, in order, over `jobs` processes."""
    from kg.loader import prepare

    if jobs <= 1:
        yield lambda tasks: map(prepare, tasks)
        return
    executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_warm_up)
    window = 4 * jobs

    def prepare_all(tasks: Iterable) -> Iterator:
        pending: deque = deque()
        for task in tasks:
            pending.append(executor.submit(prepare, task))
            if len(pending) >= window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())

    try:
        yield prepare_all
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _result(future):
    try:
        return future.result()
    except BrokenProcessPool as err:
        raise StoreError(f"an extraction worker process died ({err}); the documents written so far are complete") from None
