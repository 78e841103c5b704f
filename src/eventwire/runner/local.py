"""The local runner: read, extract in worker processes, deduplicate, commit.

Readers run in the main process (they stream; most of their time is I/O).
Extraction, the CPU-heavy part, runs in a pool of worker processes, ordered,
each document under a time limit. The main process alone decides near-
duplicates (it needs the whole run's history, in order) and writes: one Delta
commit per batch, so a killed run loses at most one uncommitted batch, and a
rerun skips what was committed (URL ids are checked before extraction; text
ids are merged away on write).
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import signal
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

import msgspec

from eventwire import __version__
from eventwire.errors import InputError
from eventwire.extract.article import extract_article, reject_from, warm_up
from eventwire.extract.dedup import NearDuplicateIndex, signature
from eventwire.extract.identity import article_id, canonical_url
from eventwire.records import Article, RawDocument, Reject
from eventwire.settings import Settings
from eventwire.store.schema import articles_table, rejects_table
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
    writer = _BatchWriter(store, stats, settings.batch_size)
    index = NearDuplicateIndex(settings.dedup, store.signatures())
    try:
        for item in _extract_all(iter(docs), store, settings, date, workers, stats):
            if isinstance(item, Reject):
                writer.add_reject(item)
            else:
                art, sig = item
                dup = index.find(sig)
                if dup is not None and dup != art.article_id:
                    art = msgspec.structs.replace(art, duplicate_of=dup)
                else:
                    index.add(art.article_id, sig)
                writer.add_article(art, sig)
            stats.elapsed_s = time.perf_counter() - started
            if progress:
                progress(stats)
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
) -> Iterator[Reject | tuple[Article, bytes | None]]:
    """Extraction results in input order; documents already stored are skipped."""
    pool = None
    if workers > 1:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["eventwire.extract.article", "eventwire.extract.html"])
        pool = ctx.Pool(workers, initializer=_init_worker, initargs=(settings, date))
    else:
        _init_worker(settings, date)
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
                yield from pool.imap(_work, todo, chunksize=2)
            else:
                yield from map(_work, todo)
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


# -- worker side --------------------------------------------------------------
_worker_settings: Settings | None = None
_worker_date: dt.date | None = None


def _init_worker(settings: Settings, date: dt.date | None) -> None:
    global _worker_settings, _worker_date
    _worker_settings, _worker_date = settings, date
    warm_up()
    # Workers leave Ctrl-C to the main process, which stops the pool.
    if mp.current_process().name != "MainProcess":
        signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so library code can't swallow it."""


def _on_alarm(signum, frame):  # pragma: no cover - timing dependent
    raise _Timeout()


def _work(doc: RawDocument) -> Reject | tuple[Article, bytes | None]:
    settings = _worker_settings or Settings()
    limit = settings.limits.document_timeout_s
    use_alarm = limit > 0 and threading.current_thread() is threading.main_thread()
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        art = extract_article(doc, settings.limits, _worker_date)
        return art, signature(art.text, settings.dedup)
    except _Timeout:
        return reject_from(doc, InputError("timeout", f"extraction took longer than {limit:g} s"))
    except InputError as exc:
        return reject_from(doc, exc)
    except RecursionError as exc:
        return reject_from(doc, InputError("too_complex", f"document structure too deep to process: {exc}"))
    except MemoryError:
        return reject_from(doc, InputError("too_large", "document needed more memory than is available"))
    except Exception as exc:  # a bug, but one document must not stop the batch
        return reject_from(doc, exc)
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


# -- writing ------------------------------------------------------------------
class _BatchWriter:
    def __init__(self, store: EventStore, stats: RunStats, batch_size: int) -> None:
        self.store, self.stats, self.batch_size = store, stats, batch_size
        self.articles: list[Article] = []
        self.sigs: list[bytes | None] = []
        self.rejects: list[Reject] = []
        self.reasons: Counter[str] = Counter()

    def add_article(self, art: Article, sig: bytes | None) -> None:
        self.articles.append(art)
        self.sigs.append(sig)
        if len(self.articles) >= self.batch_size:
            self.flush()

    def add_reject(self, rej: Reject) -> None:
        self.rejects.append(rej)
        self.stats.rejects += 1
        self.reasons[rej.reason] += 1
        self.stats.rejects_by_reason = dict(self.reasons)
        if len(self.rejects) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        now = dt.datetime.now(dt.timezone.utc)
        run_id = self.stats.run_id
        if self.articles:
            # Checked before the merge only to count honestly; the merge itself
            # is what keeps a concurrent writer from storing an id twice.
            known = self.store.existing_keys("articles", [a.article_id for a in self.articles])
            fresh = []
            for art, sig in zip(self.articles, self.sigs):
                if art.article_id not in known:
                    known.add(art.article_id)  # a second copy in the same batch is not new either
                    fresh.append((art, sig))
            self.stats.near_duplicates += sum(1 for a, _ in fresh if a.duplicate_of)
            if fresh:
                rows = articles_table([a for a, _ in fresh], [s for _, s in fresh], run_id, now)
                inserted = self.store.insert_new("articles", rows)
            else:
                inserted = 0
            self.stats.articles_new += inserted
            self.stats.articles_known += len(self.articles) - inserted
            self.articles, self.sigs = [], []
        if self.rejects:
            self.store.insert_new("rejects", rejects_table(self.rejects, run_id, now))
            self.rejects = []


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
