"""Where the map steps of a corpus run execute: in this process, in local processes, on Dask.

Every executor has one method, :meth:`Executor.imap_unordered`, which runs a picklable function
on each item and yields ``(item, outcome)`` pairs as they finish, where the outcome is the
function's result or the exception that stopped it (a killed worker is an outcome of its items,
not the end of the run). At most ``window`` items are in flight, so a corpus of any size is
streamed: the driver never holds more than a few documents' results. Results never depend on the
executor: each item is processed by the same pure-per-document function wherever it runs, and the
caller orders the outcomes itself.

- :class:`SerialExecutor` — ``--jobs 1``: everything in this process (easy to debug, profile).
- :class:`ProcessExecutor` — ``--jobs N``: a :class:`concurrent.futures.ProcessPoolExecutor`.
- :class:`DaskExecutor` — ``--scheduler HOST:PORT`` (a running Dask scheduler) or
  ``--scheduler local`` (a :class:`distributed.LocalCluster` started for the run).

:func:`make_executor` picks one from the command-line options.
"""
from __future__ import annotations

import concurrent.futures as cf
import logging
import os
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, TypeVar

from ..errors import EditionError

T = TypeVar("T")
Outcome = Any  # the function's result, or the BaseException that stopped it


_END = object()
LOST = "worker process died (killed, or out of memory)"


class WorkerLost(RuntimeError):
    """The worker running an item died (killed, out of memory); the item was not finished."""


def available_cores() -> int:
    """The cores this process may use (respects CPU affinity, e.g. `taskset`)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Executor:
    """Runs ``fn`` on items; see the module docstring."""

    #: How many workers run items at the same time.
    workers: int = 1
    description: str = ""

    def imap_unordered(self, fn: Callable[[T], Any], items: Iterable[T]) -> Iterator[tuple[T, Outcome]]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SerialExecutor(Executor):
    description = "1 process"

    def imap_unordered(self, fn, items):
        for item in items:
            try:
                outcome = fn(item)
            except KeyboardInterrupt:
                raise
            except Exception as exc:  # the task's own fault: an outcome, not the end of the run
                outcome = exc
            yield item, outcome


class ProcessExecutor(Executor):
    """``jobs`` worker processes on this machine.

    A worker that dies (killed, out of memory) breaks the whole pool in
    :mod:`concurrent.futures`; the items in flight then get :class:`WorkerLost` (one of them may
    have caused it; none is retried, so a document that kills its worker cannot loop) and a fresh
    pool goes on with the rest.
    """

    def __init__(self, jobs: int):
        self.workers = jobs
        self.description = f"{jobs} processes"
        self._pool: cf.ProcessPoolExecutor | None = None

    def _fresh_pool(self) -> cf.ProcessPoolExecutor:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = cf.ProcessPoolExecutor(max_workers=self.workers)
        return self._pool

    def imap_unordered(self, fn, items):
        it = iter(items)
        # A few items per worker in flight: a worker never waits for the driver (small documents
        # take milliseconds), and the driver holds a bounded number of results whatever the
        # corpus size.
        window = 4 * self.workers
        pending: dict[cf.Future, Any] = {}
        retry: list[Any] = []  # an item refused by a pool that broke before we noticed
        pool = self._pool or self._fresh_pool()
        fresh = True  # no item accepted by this pool yet
        while True:
            while len(pending) < window:
                item = retry.pop() if retry else next(it, _END)
                if item is _END:
                    break
                try:
                    pending[pool.submit(fn, item)] = item
                    fresh = False
                except BrokenProcessPool:
                    retry.append(item)
                    if pending:
                        break  # their failures come out of the wait below, then a fresh pool
                    if fresh:
                        raise EditionError("cannot start worker processes; try --jobs 1") from None
                    pool, fresh = self._fresh_pool(), True
            if not pending:
                return
            done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            broken = False
            for future in done:
                item = pending.pop(future)
                exc = future.exception()
                if isinstance(exc, BrokenProcessPool):
                    broken = True
                    exc = WorkerLost(LOST)
                yield item, exc if exc is not None else future.result()
            if broken:
                # The whole pool is gone: every item in flight is lost with it (one of them
                # killed its worker; which one cannot be told, so none is retried).
                for future, item in list(pending.items()):
                    yield item, WorkerLost(LOST)
                pending.clear()
                pool, fresh = self._fresh_pool(), True

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskExecutor(Executor):
    """The map steps on a Dask cluster: a running scheduler at ``address`` (``HOST:PORT``), or
    ``"local"`` for a :class:`distributed.LocalCluster` of ``jobs`` single-threaded worker
    processes, started here and stopped by :meth:`close`.

    Workers must see the corpus and the corrections folder at the same absolute paths as this
    machine (a shared file system): they read sources and write corrections files themselves, so
    only paths and small summaries travel through the scheduler. :meth:`check_shared_paths` says
    so clearly when they do not.
    """

    def __init__(self, address: str, jobs: int):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EditionError("--scheduler needs Dask: pip install 'edition[corpus]'") from None
        self._cluster = None
        if address == "local":
            # One thread per worker: the detectors are pure Python, threads would share one GIL.
            self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
            self.description = f"Dask LocalCluster, {jobs} workers"
        else:
            try:
                self._client = Client(address, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise EditionError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
            self.description = f"Dask scheduler {address}"
        self.workers = max(1, sum(self._client.nthreads().values()))
        self.description += f" ({self.workers} threads)"

    def check_shared_paths(self, paths: list[str]) -> None:
        """Refuse to start when a worker cannot see the corpus (no shared file system)."""
        seen = self._client.run(_all_exist, paths)
        blind = sorted(w for w, ok in seen.items() if not ok)
        if blind:
            raise EditionError(f"Dask worker {blind[0]} cannot see {paths[0]}: the corpus and the "
                               "corrections folder must be on a file system shared with the workers, "
                               "at the same paths")

    def imap_unordered(self, fn, items):
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        it = iter(items)
        # Each result goes worker -> scheduler -> here before the next item is submitted; with
        # only a couple of items per worker in flight, workers idle for that round trip (measured:
        # 40 ms per small document with 2 per worker). Items are paths and results summaries, so
        # 16 per worker thread costs nothing and keeps every worker busy.
        window = 16 * self.workers
        pending: dict[Any, Any] = {}
        queue = as_completed([], with_results=False)
        for item in islice(it, window):
            f = self._client.submit(fn, item, pure=False)
            pending[f.key] = item
            queue.add(f)
        for future in queue:
            item = pending.pop(future.key)
            try:
                outcome = future.result()
            except KilledWorker:
                outcome = WorkerLost("Dask worker died while processing it (killed, or out of memory)")
            except Exception as exc:
                outcome = exc
            future.release()
            yield item, outcome
            for nxt in islice(it, 1):
                f = self._client.submit(fn, nxt, pure=False)
                pending[f.key] = nxt
                queue.add(f)

    def close(self) -> None:
        # Workers that lose the scheduler first log a heartbeat error while shutting down: noise
        # about a stop that was asked for, which is kept out of the editor's terminal.
        log = logging.getLogger("distributed")
        level = log.level
        log.setLevel(logging.CRITICAL)
        try:
            self._client.close()
            if self._cluster is not None:
                self._cluster.close()
        finally:
            log.setLevel(level)


def _all_exist(paths: list[str]) -> bool:
    return all(os.path.exists(p) for p in paths)


def make_executor(jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor for ``--jobs`` / ``--scheduler`` (``jobs`` None = every core)."""
    if jobs is not None and jobs < 1:
        raise EditionError(f"--jobs must be at least 1, got {jobs}")
    n = jobs or available_cores()
    if scheduler:
        return DaskExecutor(scheduler, n)
    return SerialExecutor() if n == 1 else ProcessExecutor(n)
