"""The local runner: read, then skip/extract/code in worker processes, then commit.

Readers run in the main process (they stream; most of their time is I/O).
The documents go to a pool of worker processes in batches of
:data:`~eventwire.runner.worker.BATCH` consecutive documents, the input's last
ones in smaller batches shared out over the workers (:func:`split_tail`)
(:func:`eventwire.runner.worker.process_batch`: skip what is stored, extract,
code the batch's articles together). At most a few batches per worker are in
flight, and outcomes come back in input order, so memory stays flat however
long the input. The main process alone marks near-duplicates (it needs the
whole run's history, in order) and writes: one Delta commit per
``settings.batch_size`` articles, events before articles, so a killed run
loses at most the uncommitted batch, and a rerun skips what was committed
(by URL id before extraction, by text id before coding).

The Ray runner (:mod:`eventwire.runner.ray`) runs the same worker function
in Ray actors and hands the outcomes to the same :class:`OutcomeSink`.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

import msgspec

from eventwire import __version__
from eventwire.errors import EventwireError
from eventwire.records import RawDocument, Reject
from eventwire.runner.fork import start_forkserver
from eventwire.runner.worker import BATCH, BatchResult, init_worker, process_batch
from eventwire.runner.writer import OutcomeSink
from eventwire.settings import Settings
from eventwire.store.known import KnownArticles
from eventwire.store.store import EventStore

# Batches in flight per worker: enough that a worker never waits for the
# next one while the main process reads or commits, few enough that a
# slow batch holds back at most a handful of finished ones.
_IN_FLIGHT = 3


class RunStats(msgspec.Struct, kw_only=True):
    """What a run has done so far; the final one is the run's summary.

    ``stage_cpu_s``: CPU seconds per stage, summed over processes (``read``,
    ``check``, ``extract``, ``code``, ``dedup``, ``write``).
    """

    run_id: str
    documents: int = 0
    articles_new: int = 0
    articles_known: int = 0
    events_new: int = 0
    near_duplicates: int = 0
    rejects: int = 0
    rejects_by_reason: dict[str, int] = msgspec.field(default_factory=dict)
    elapsed_s: float = 0.0
    status: str = "running"
    engine: str = "local"
    workers: int = 1
    stage_cpu_s: dict[str, float] = msgspec.field(default_factory=dict)

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.elapsed_s if self.elapsed_s > 0 else 0.0


ProgressFn = Callable[[RunStats], None]
#: Produces the run's batch results in input order, given the run's stats.
ResultSource = Callable[[RunStats], Iterator[BatchResult]]


def ingest(
    inputs: Iterable[str],
    store: EventStore,
    settings: Settings | None = None,
    *,
    workers: int = 1,
    date: dt.date | None = None,
    progress: ProgressFn | None = None,
    command: str = "ingest",
) -> RunStats:
    """Ingest every input (paths, URLs, feeds) into ``store``; return the run's counts.

    Example: ``ingest(["examples/corpus"], open_store("s", create=True))``
    """
    if workers > 1:
        start_forkserver()  # before the readers' imports, so that it loads while they run
    from eventwire.ingest.sources import iter_documents

    settings = settings or Settings()
    inputs = list(inputs)
    return ingest_documents(
        iter_documents(inputs, settings), store, settings,
        workers=workers, date=date, progress=progress, command=command, inputs=inputs,
    )


def ingest_documents(
    docs: Iterable[RawDocument | Reject],
    store: EventStore,
    settings: Settings,
    *,
    workers: int = 1,
    date: dt.date | None = None,
    progress: ProgressFn | None = None,
    command: str = "ingest",
    inputs: list[str] | None = None,
) -> RunStats:
    """Ingest a stream of documents already read (e.g. a feed poll's entries).

    Example: ``ingest_documents(iter_documents(["news/"], s), store, s, workers=2)``
    """
    if workers > 1:
        start_forkserver()  # it loads the workers' modules while the run is set up
    # The store's article ids now, read once for every worker (see store.known).
    check = KnownArticles.snapshot(store)

    def results(stats: RunStats) -> Iterator[BatchResult]:
        return _local_results(iter(docs), settings, date, workers, check, stats)

    return run_ingest(results, store, settings, engine="local", workers=workers, progress=progress,
                      command=command, inputs=inputs)


def run_ingest(
    source: ResultSource,
    store: EventStore,
    settings: Settings,
    *,
    engine: str,
    workers: int,
    progress: ProgressFn | None = None,
    command: str = "ingest",
    inputs: list[str] | None = None,
) -> RunStats:
    """Record a run in the store and commit the outcomes ``source`` yields (any engine).

    Example: ``run_ingest(lambda stats: iter(results), store, settings, engine="local", workers=1)``
    """
    stats = RunStats(run_id=_run_id(), engine=engine, workers=workers)
    store.start_run(stats.run_id, command, inputs or [], _versions(), settings.digest())
    started = time.perf_counter()
    results = sink = None
    try:
        results = source(stats)  # a pool of workers starts loading now
        sink = OutcomeSink(store, stats, settings)
        for result in results:
            sink.add_times(result.times)
            for outcome in result.outcomes:
                sink.add(outcome)
            stats.elapsed_s = time.perf_counter() - started
            if progress:
                progress(stats)
        sink.flush()
        stats.status = "ok"
    except KeyboardInterrupt:
        stats.status = "interrupted"
        if sink is not None:
            sink.flush()
        raise
    except BaseException:
        stats.status = "failed"
        raise
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops a pool, also one that never gave a result
        stats.elapsed_s = time.perf_counter() - started
        store.finish_run(stats.run_id, stats.status, _counts(stats))
    return stats


def _batches(
    docs: Iterator[RawDocument | Reject], stats: RunStats, workers: int = 1
) -> Iterator[list[RawDocument | Reject]]:
    """Consecutive batches of the input, timing the reading (main-process CPU).

    The input is read one batch ahead, so that its end is seen coming: with
    several workers, the last full batch and the rest after it are shared
    out in smaller batches (see :func:`split_tail`), so that the workers
    finish together instead of one coding a whole batch while the others wait.
    """
    def read() -> list[RawDocument | Reject]:
        started = time.process_time()
        batch = list(islice(docs, BATCH))
        stats.stage_cpu_s["read"] = stats.stage_cpu_s.get("read", 0.0) + time.process_time() - started
        return batch

    batch = read()
    while batch:
        ahead = read()
        if len(ahead) < BATCH:  # the input ends within ``ahead``
            yield from split_tail(batch + ahead, workers)
            return
        yield batch
        batch = ahead


def split_tail(docs: list, workers: int) -> list[list]:
    """The input's last documents (fewer than two batches) as batches for ``workers`` workers.

    One worker gets them in batches of :data:`BATCH`; several get about two
    batches each, consecutive and in order, so the run's last round of work
    is spread over every worker.

    Example: ``[len(b) for b in split_tail(list(range(25)), 2)]`` -> ``[7, 6, 6, 6]``
    """
    if workers <= 1:
        return [docs[k:k + BATCH] for k in range(0, len(docs), BATCH)]
    parts = min(len(docs), 2 * workers)
    size, extra = divmod(len(docs), parts)
    out, start = [], 0
    for k in range(parts):
        end = start + size + (k < extra)
        out.append(docs[start:end])
        start = end
    return out


def _local_results(
    docs: Iterator[RawDocument | Reject],
    settings: Settings,
    date: dt.date | None,
    workers: int,
    check: KnownArticles | None,
    stats: RunStats,
) -> Iterator[BatchResult]:
    """Batch results in input order, from this process or a pool of ``workers``.

    The pool starts here, before the first result is asked for, so that its
    processes load their models while the caller sets up its writer.
    """
    batches = _batches(docs, stats, workers)
    if workers <= 1:
        return _in_process(batches, settings, date, check)
    pool = start_forkserver().Pool(workers, initializer=init_worker, initargs=(settings, date, check))
    return _PoolResults(pool, batches, workers, settings)


def _in_process(batches: Iterator[list], settings: Settings, date: dt.date | None, check) -> Iterator[BatchResult]:
    init_worker(settings, date, check)
    yield from map(process_batch, batches)


class _PoolResults:
    """The pool's batch results in input order; ``close()`` stops the pool (also when never iterated)."""

    def __init__(self, pool, batches: Iterator[list], workers: int, settings: Settings) -> None:
        self._pool = pool
        self._results = self._ordered(batches, workers, settings)

    def __iter__(self) -> _PoolResults:
        return self

    def __next__(self) -> BatchResult:
        return next(self._results)

    def close(self) -> None:
        self._results.close()
        self._pool.terminate()
        self._pool.join()

    def _ordered(self, batches: Iterator[list], workers: int, settings: Settings) -> Iterator[BatchResult]:
        # Every document of a batch within its limits, and then some: past this,
        # the batch's worker died (killed for memory, say) and a Pool never says so.
        limits = settings.limits
        wait_s = BATCH * (limits.document_timeout_s + limits.coding_timeout_s) + 120
        pending: deque = deque()
        for batch in batches:
            pending.append(self._pool.apply_async(process_batch, (batch,)))
            if len(pending) >= workers * _IN_FLIGHT:
                yield _result(pending.popleft(), wait_s)
        while pending:
            yield _result(pending.popleft(), wait_s)


def _result(pending, wait_s: float) -> BatchResult:
    try:
        return pending.get(timeout=wait_s)
    except mp.TimeoutError as exc:
        raise EventwireError(
            f"a worker gave no result for {wait_s:g} s: it probably died (out of memory?). "
            "What was committed is kept: run the same command again to resume, with fewer --workers if memory is short"
        ) from exc


def estimate_documents(inputs: Iterable[str]) -> int | None:
    """How many documents ``inputs`` hold, when that is cheap to know; else None.

    Counts files (one document each) and lines of plain ``.jsonl`` files. WARC,
    gzip, JSON, feeds and URLs hold an unknown number: None. For a progress bar.

    Example: ``estimate_documents(["examples/corpus/html"])`` -> ``23``
    """
    from eventwire.ingest.sources import is_url
    from eventwire.ingest.streams import walk_files

    total = 0
    for item in inputs:
        if is_url(item):
            return None
        paths = walk_files(item) if os.path.isdir(item) else [item]
        for path in paths:
            if isinstance(path, Reject):
                total += 1
                continue
            name = path.lower()
            if name.endswith((".warc", ".gz", ".json", ".rss", ".atom", ".xml")):
                return None
            if name.endswith((".jsonl", ".ndjson")):
                total += _count_lines(path)
            else:
                total += 1
    return total


def _count_lines(path: str) -> int:
    count = 0
    last = b"\n"
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def _run_id() -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    return f"{stamp}-{uuid.uuid4().hex[:8]}"


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"eventwire": __version__}
    for pkg in ("trafilatura", "htmldate", "deltalake", "duckdb", "spacy"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


def _counts(stats: RunStats) -> dict:
    return json.loads(msgspec.json.encode(stats))
