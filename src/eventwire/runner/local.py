"""The local runner: read, extract in worker processes, deduplicate, commit.

Readers run in the main process (they stream; most of their time is I/O).
Extraction and event coding, the CPU-heavy part, run in a pool of worker
processes (:mod:`eventwire.runner.worker`), ordered, each step under a time
limit. The main process alone decides near-
duplicates (it needs the whole run's history, in order) and writes: one Delta
commit per batch, so a killed run loses at most one uncommitted batch, and a
rerun skips what was committed (URL ids are checked before extraction; text
ids are merged away on write).
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

import msgspec

from eventwire import __version__
from eventwire.extract.dedup import NearDuplicateIndex
from eventwire.extract.identity import article_id, canonical_url
from eventwire.records import RawDocument, Reject
from eventwire.runner.worker import Processed, init_worker, process
from eventwire.runner.writer import BatchWriter
from eventwire.settings import Settings
from eventwire.store.store import EventStore

# Documents looked up in the store together before extraction: one DuckDB
# scan per chunk rather than per document.
_CHUNK = 256


class RunStats(msgspec.Struct, kw_only=True):
    """What a run has done so far; the final one is the run's summary."""

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

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.elapsed_s if self.elapsed_s > 0 else 0.0


ProgressFn = Callable[[RunStats], None]


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
    """Ingest a stream of documents already read (e.g. a feed poll's entries)."""
    stats = RunStats(run_id=_run_id())
    store.start_run(stats.run_id, command, inputs or [], _versions(), settings.digest())
    started = time.perf_counter()
    writer = BatchWriter(store, stats, settings.batch_size)
    index = NearDuplicateIndex(settings.dedup, store.signatures())
    try:
        for item in _extract_all(iter(docs), store, settings, date, workers, stats):
            stats.elapsed_s = time.perf_counter() - started
            if progress:
                progress(stats)
            if isinstance(item, Reject):
                writer.add_reject(item)
                continue
            art, sig = item.article, item.signature
            dup = index.find(sig)
            if dup is not None and dup != art.article_id:
                art = msgspec.structs.replace(art, duplicate_of=dup)
            else:
                index.add(art.article_id, sig)
            if item.coding_reject is not None:
                writer.add_reject(item.coding_reject)
            writer.add_article(art, sig, item.events)
        writer.flush()
        stats.status = "ok"
    except KeyboardInterrupt:
        stats.status = "interrupted"
        writer.flush()
        raise
    except BaseException:
        stats.status = "failed"
        raise
    finally:
        stats.elapsed_s = time.perf_counter() - started
        store.finish_run(stats.run_id, stats.status, _counts(stats))
    return stats


def _extract_all(
    docs: Iterator[RawDocument | Reject],
    store: EventStore,
    settings: Settings,
    date: dt.date | None,
    workers: int,
    stats: RunStats,
) -> Iterator[Reject | Processed]:
    """Extraction results in input order; documents already stored are skipped."""
    pool = None
    if workers > 1:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["eventwire.runner.worker", "eventwire.extract.html"])
        pool = ctx.Pool(workers, initializer=init_worker, initargs=(settings, date))
    else:
        init_worker(settings, date)
    try:
        while chunk := list(islice(docs, _CHUNK)):
            todo: list[RawDocument] = []
            known = _known_by_url(chunk, store)
            for item in chunk:
                stats.documents += 1
                if isinstance(item, Reject):
                    yield item
                elif item.url and _url_id(item.url) in known:
                    stats.articles_known += 1
                else:
                    todo.append(item)
            if pool is not None:
                yield from pool.imap(process, todo, chunksize=2)
            else:
                yield from map(process, todo)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def _url_id(url: str) -> str | None:
    canonical = canonical_url(url)
    return article_id(canonical, "") if canonical else None


def _known_by_url(chunk: list, store: EventStore) -> set[str]:
    ids = [i for d in chunk if isinstance(d, RawDocument) and d.url and (i := _url_id(d.url))]
    return store.existing_keys("articles", ids)


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
