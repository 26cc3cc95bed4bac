"""Where the map steps of a corpus run execute: in this process, in local processes, on Dask.

Every executor has one method, :meth:`Executor.imap_unordered`, which runs a picklable function
on each item and yields ``(item, outcome)`` pairs as they finish, where the outcome is the
function's result or the exception that stopped it (a killed worker is an outcome of its item,
not the end of the run). A bounded number of items is in flight, so a corpus of any size is
streamed: the driver never holds more than a few documents' results. Results never depend on the
executor: each item is processed by the same pure-per-document function wherever it runs, and the
caller orders the outcomes itself.

- :class:`SerialExecutor` — everything in this process (easy to debug, profile): ``--jobs 1``
  with no limits.
- :class:`ProcessExecutor` — ``--jobs N`` worker processes, each document under :class:`Limits`
  of time and memory; a document whose worker is killed is run once more on a fresh one.
- :class:`DaskExecutor` — ``--scheduler HOST:PORT`` (a running Dask scheduler) or
  ``--scheduler local`` (a :class:`distributed.LocalCluster` started for the run).

:func:`make_executor` picks one from the command-line options.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import time
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator, TypeVar

from ..errors import EditionError

T = TypeVar("T")
Outcome = Any  # the function's result, or the BaseException that stopped it


_END = object()
LOST_TWICE = ("its worker process died twice while working on it (killed, or out of memory); "
              "not tried again")


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


@dataclass(frozen=True)
class Limits:
    """What one document may take in a corpus run; ``None`` is no limit.

    ``seconds``: wall-clock time of one step of one document. ``memory_mib``: the memory the
    worker process holds of its own while it works on the document (its lexicons included; not
    the pages it shares with the process that forked it).

    The defaults: the largest documents measured (docs/BENCHMARKS.md, "Speed and memory": 4
    million words, 22 MB of text, unrepeated) took about 130 s and 3.0 GiB in one process on a
    shared 2-core machine; 600 s and 4 GiB leave room for that and stop a document that would
    take the machine (the corrections file with nested YAML aliases that took 371 s and 10 GB).
    A longer document needs larger limits: ``--time-limit``, ``--memory-limit``."""

    seconds: float | None = 600.0
    memory_mib: int | None = 4096

    def __post_init__(self) -> None:
        if self.seconds is not None and self.seconds <= 0:
            raise EditionError(f"a time limit is a number of seconds above 0, got {self.seconds}")
        if self.memory_mib is not None and self.memory_mib <= 0:
            raise EditionError(f"a memory limit is a number of MiB above 0, got {self.memory_mib}")


NO_LIMITS = Limits(None, None)


class DocumentOverLimit(WorkerLost):
    """The document went over its time or memory limit; its worker was stopped."""


#: The exit code of a worker stopped by Ctrl-C (SIGINT reaches the whole process group).
_INTERRUPTED = 130

#: How often the driver checks the time and memory of busy workers (seconds): a document over
#: its limit is stopped within this much of crossing it.
_WATCH_EVERY = 0.1


def _serve(conn: Connection) -> None:
    """A worker process: run ``(fn, item)`` messages until told to stop (``None``).

    ``fn`` comes with the first item and whenever it changes (``fn`` None: the last one again)."""
    fn = None
    try:
        while True:
            message = conn.recv()
            if message is None:
                return
            new_fn, item = message
            fn = new_fn or fn
            try:
                reply = (True, fn(item))
            except Exception as exc:  # the task's own fault: its outcome
                reply = (False, exc)
            try:
                conn.send(reply)
            except Exception as exc:  # a result or an error that does not pickle
                conn.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    except KeyboardInterrupt:
        os._exit(_INTERRUPTED)
    except (EOFError, OSError):  # the driver is gone
        return


def _resident_mib(pid: int) -> float | None:
    """The resident memory of process ``pid`` in MiB (None where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * _PAGE / (1024 * 1024)


#: The lines of ``/proc/PID/smaps_rollup`` that count a process's own pages (kB).
_OWN_PAGES = (b"Private_Clean:", b"Private_Dirty:", b"Private_Hugetlb:")


def _own_mib(pid: int) -> float | None:
    """The memory process ``pid`` holds of its own, in MiB: its private pages (USS), not the pages
    it still shares with the process that forked it (None where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    kib = [int(line.split()[1]) for line in lines if line.startswith(_OWN_PAGES)]
    return sum(kib) / 1024 if kib else None


def _holds_over(pid: int, mib: float) -> bool:
    """Whether worker ``pid`` holds more than ``mib`` MiB of its own memory.

    A worker forked from the driver starts with the driver's pages in its resident set, shared
    until either process writes them: counting them would blame a document for its driver's
    memory. Its own pages are counted instead. The resident set, a counter read at once, bounds
    them from above; the count of its own pages is a walk of its page tables, made only when the
    resident set is over."""
    resident = _resident_mib(pid)
    if resident is None or resident <= mib:
        return False
    own = _own_mib(pid)
    return (resident if own is None else own) > mib


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class _Worker:
    """One worker process, its end of the pipe, and the item it is running (if any)."""

    def __init__(self, context: Any):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.fn: Any = None
        self.item: Any = _END  # _END: idle
        self.lost = 0  # how many workers this item has killed before
        self.started = 0.0

    @property
    def busy(self) -> bool:
        return self.item is not _END

    def run(self, fn: Callable[[Any], Any], item: Any, lost: int) -> None:
        self.conn.send((fn if fn is not self.fn else None, item))
        self.fn, self.item, self.lost, self.started = fn, item, lost, time.monotonic()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        elif self.process.is_alive() and not self.busy:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(timeout=None if kill else 10)
        if self.process.is_alive():  # busy and not interrupted, or stuck
            self.process.kill()
            self.process.join()
        self.conn.close()


class ProcessExecutor(Executor):
    """``jobs`` worker processes on this machine, each running one item at a time.

    The driver knows which item each worker runs, so a fault stays with its item:

    - a worker that dies (killed, out of memory) loses only its own item, which is run once more
      on a fresh worker; an item whose worker dies twice gets :class:`WorkerLost`;
    - an item that runs longer than ``limits.seconds``, or whose worker grows beyond
      ``limits.memory_mib`` of resident memory, has its worker stopped and gets
      :class:`DocumentOverLimit` (not retried: it would do the same again); a fresh worker goes
      on with the rest. A worker that ends an item above half the memory limit (memory a
      process keeps after a large document) is replaced before its next item, so the next
      document is not blamed for it.
    """

    def __init__(self, jobs: int, limits: Limits = NO_LIMITS):
        self.workers = jobs
        self.limits = limits
        self.description = f"{jobs} process{'es' if jobs > 1 else ''}"
        self._context = multiprocessing.get_context()
        self._pool: list[_Worker] = []

    def _fresh(self, old: _Worker | None = None, kill: bool = False) -> _Worker:
        if old is not None:
            old.stop(kill=kill)
            self._pool.remove(old)
        try:
            worker = _Worker(self._context)
        except OSError as exc:
            raise EditionError(f"cannot start a worker process ({exc}); try --jobs 1") from None
        self._pool.append(worker)
        return worker

    def _over_limit(self, worker: _Worker, now: float) -> str | None:
        limits = self.limits
        if limits.seconds is not None and now - worker.started > limits.seconds:
            return f"took longer than {limits.seconds:g} s (--time-limit); stopped"
        if limits.memory_mib is not None:
            if _holds_over(worker.process.pid, limits.memory_mib):
                return (f"took more than {limits.memory_mib} MiB of memory (--memory-limit); "
                        "stopped")
        return None

    def imap_unordered(self, fn, items):
        it = iter(items)
        retry: list[tuple[Any, int]] = []  # (item, workers it has killed), run again first
        while len(self._pool) < self.workers:
            self._fresh()
        watch = self.limits != NO_LIMITS
        while True:
            for worker in list(self._pool):
                if worker.busy:
                    continue
                if retry:
                    item, lost = retry.pop(0)
                else:
                    item, lost = next(it, _END), 0
                    if item is _END:
                        break
                try:
                    worker.run(fn, item, lost)
                except (OSError, ValueError):  # died while idle: a fresh one takes the item
                    self._fresh(worker, kill=True).run(fn, item, lost)
            busy = [w for w in self._pool if w.busy]
            if not busy:
                return
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                             timeout=_WATCH_EVERY if watch else None))
            now = time.monotonic()
            for worker in busy:
                item = worker.item
                if worker.conn in ready:
                    try:
                        ok, outcome = worker.conn.recv()
                    except (EOFError, OSError, pickle.UnpicklingError):  # died while answering
                        ok, outcome = None, None
                    if ok is not None:
                        worker.item = _END
                        if (self.limits.memory_mib is not None
                                and _holds_over(worker.process.pid, self.limits.memory_mib / 2)):
                            self._fresh(worker)
                        yield item, outcome
                        continue
                elif worker.process.sentinel not in ready:
                    over = self._over_limit(worker, now) if watch else None
                    if over is not None:
                        self._fresh(worker, kill=True)
                        yield item, DocumentOverLimit(over)
                    continue
                # The worker died with the item.
                worker.process.join()
                if worker.process.exitcode == _INTERRUPTED:
                    raise KeyboardInterrupt
                self._fresh(worker, kill=True)
                if worker.lost == 0:
                    retry.append((item, 1))  # perhaps killed from outside: once more
                else:
                    yield item, WorkerLost(LOST_TWICE)

    def close(self) -> None:
        for worker in self._pool:
            worker.stop()
        self._pool = []


class DaskExecutor(Executor):
    """The map steps on a Dask cluster: a running scheduler at ``address`` (``HOST:PORT``), or
    ``"local"`` for a :class:`distributed.LocalCluster` of ``jobs`` single-threaded worker
    processes, started here and stopped by :meth:`close`.

    Workers must see the corpus and the corrections folder at the same absolute paths as this
    machine (a shared file system): they read sources and write corrections files themselves, so
    only paths and small summaries travel through the scheduler. :meth:`check_shared_paths` says
    so clearly when they do not.

    Faults are Dask's to handle: on a LocalCluster, ``limits.memory_mib`` is each worker's
    memory limit (Dask restarts a worker above it) and a task whose worker dies is run once more
    before it is reported (``allowed-failures`` 1). Dask cannot stop a running task, so
    ``limits.seconds`` does not apply; a running cluster keeps its own settings.
    """

    def __init__(self, address: str, jobs: int, limits: Limits = NO_LIMITS):
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise EditionError("--scheduler needs Dask: pip install 'edition[corpus]'") from None
        self._cluster = None
        if address == "local":
            # One thread per worker: the detectors are pure Python, threads would share one GIL.
            memory = f"{limits.memory_mib}MiB" if limits.memory_mib is not None else "auto"
            with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
                self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=logging.ERROR,
                                             memory_limit=memory)
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
                outcome = WorkerLost("its Dask worker died while working on it (killed, or out of "
                                     "memory)")
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


def make_executor(jobs: int | None = None, scheduler: str | None = None,
                  limits: Limits = NO_LIMITS) -> Executor:
    """The executor for ``--jobs`` / ``--scheduler`` (``jobs`` None = every core); with
    ``limits``, documents run in worker processes even for one job, so that one over its limit
    can be stopped alone."""
    if jobs is not None and jobs < 1:
        raise EditionError(f"--jobs must be at least 1, got {jobs}")
    n = jobs or available_cores()
    if scheduler:
        return DaskExecutor(scheduler, n, limits)
    if n == 1 and limits == NO_LIMITS:
        return SerialExecutor()
    return ProcessExecutor(n, limits)
