"""What makes the store fast to serve: shared snapshot connections and a result cache.

**Snapshots.** :meth:`EventStore.connect` builds a DuckDB connection with a
view per table for each query: loading each Delta log and binding the
Parquet files costs about 30 ms per table at a million events, more than
many dashboard queries themselves. :class:`ServingStore` builds that
connection once per *snapshot* (the set of table versions) and hands each
query a cursor of it (about 0.1 ms); the cursors share DuckDB's thread pool,
so twenty concurrent queries do not start forty threads on two cores. The
versions are read from the ``_delta_log`` listings (no log replay) at most
every ``refresh_s`` seconds, so an ingest's commits show within that delay.
A snapshot that is replaced is dropped, not closed: queries still running on
its cursors finish on the data they started with. Time travel (``as_of``)
takes the store's ordinary path.

**Results.** :class:`ResultCache` keeps encoded responses keyed by the
request and the versions of the tables it reads, so a result is reused until
one of its tables changes. Concurrent requests for the same missing key wait
for one computation (single flight) instead of all running it.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from eventwire.store.schema import TABLES
from eventwire.store.store import EventStore


@dataclass
class Snapshot:
    """One set of table versions and the shared connection over them (``None``: not shareable)."""

    versions: dict[str, int | None]
    con: duckdb.DuckDBPyConnection | None
    checked: float = field(default=0.0)


def log_version(table_dir: Path) -> int | None:
    """The newest commit number in a Delta table's log, from the file names alone.

    Example: ``log_version(Path("store/events"))`` -> ``12`` (``None`` without a table).
    """
    newest = -1
    try:
        with os.scandir(table_dir / "_delta_log") as entries:
            for entry in entries:
                name = entry.name
                if name.endswith(".json") and name[:-5].isdigit():
                    newest = max(newest, int(name[:-5]))
    except OSError:
        return None
    return newest if newest >= 0 else None


class ServingStore(EventStore):
    """An :class:`EventStore` whose latest-version queries share one connection per snapshot.

    Example::

        store = ServingStore(Path("eventwire-store"), refresh_s=1.0)
        store.sql("select count(*) from events")   # a cursor of the current snapshot
    """

    def __init__(self, path: Path, *, refresh_s: float = 1.0, threads: int | None = None) -> None:
        super().__init__(path)
        self.refresh_s = refresh_s
        self.threads = threads
        self._lock = threading.Lock()
        self._snap: Snapshot | None = None
        self._memo: dict[str, tuple] = {}
        self.locator = EventLocator()

    def snapshot(self) -> Snapshot:
        """The current snapshot, re-checked at most every ``refresh_s`` seconds."""
        now = time.monotonic()
        snap = self._snap
        if snap is not None and now - snap.checked < self.refresh_s:
            return snap
        with self._lock:
            snap = self._snap
            if snap is not None and now - snap.checked < self.refresh_s:
                return snap
            versions = {name: log_version(self.path / name) for name in TABLES}
            if snap is None or versions != snap.versions:
                snap = Snapshot(versions, self._shared_connection(versions))
                self._snap = snap
            snap.checked = time.monotonic()
        self.locator.refresh(self, snap.versions.get("events"))
        return snap

    def check_due(self) -> bool:
        """Whether the next :meth:`snapshot` will read the logs (and may build a new snapshot)."""
        snap = self._snap
        return snap is None or time.monotonic() - snap.checked >= self.refresh_s

    def table_versions(self) -> dict[str, int | None]:
        """Each table's version in the current snapshot (``None``: not created yet)."""
        return dict(self.snapshot().versions)

    def memo(self, name: str, tables: Iterable[str], compute: Callable[[], object]):
        """``compute()``, remembered until one of ``tables`` changes version.

        Example: ``store.memo("range", ["events"], lambda: store.sql("select min(date) from events"))``
        """
        versions = self.table_versions()
        key = tuple(versions.get(t) for t in tables)
        hit = self._memo.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = compute()
        self._memo[name] = (key, value)
        return value

    def _shared_connection(self, versions: dict[str, int | None]) -> duckdb.DuckDBPyConnection | None:
        con = EventStore.connect(self, None, None, self.threads)
        views = {r[0] for r in con.execute("select view_name from duckdb_views() where not internal and not temporary").fetchall()}
        for name, (schema, _) in TABLES.items():
            if name in views:
                continue
            if versions.get(name) is not None:
                # A table read through an Arrow dataset (deletion vectors,
                # column mapping) is registered on the connection alone and
                # cursors would not see it: this snapshot is not shared.
                con.close()
                return None
            # A missing table: the store registered an empty Arrow table,
            # which only this connection sees; make it a real (empty) table.
            con.unregister(name)
            con.register("_ew_empty", schema.empty_table())
            con.execute(f"create table {name} as select * from _ew_empty")
            con.unregister("_ew_empty")
        return con

    def locate_events(self, event_ids: list[str]) -> dict[str, tuple]:
        """``{event_id: (date, article_id)}`` for the ids the locator already holds."""
        return self.locator.events(event_ids)

    def locate_articles(self, article_ids: list[str]) -> dict[str, object]:
        """``{article_id: published}`` for the articles the locator already holds."""
        return self.locator.published(article_ids)

    def article_events(self, article_id: str) -> list[tuple] | None:
        """``[(event_id, date)]`` of an article from the locator (``None``: not built yet)."""
        return self.locator.of_article(article_id)

    def connect(self, as_of=None, tables: Iterable[str] | None = None, threads: int | None = None):
        if as_of is not None:
            return super().connect(as_of, tables, threads or self.threads)
        snap = self.snapshot()
        if snap.con is None:
            return super().connect(None, tables, threads or self.threads)
        return snap.con.cursor()


class EventLocator:
    """Where an event or an article's events are: sorted in-memory copies of the tables' ids.

    Looking one event up by id in Parquet reads the whole id column (34 MB
    at a million events, 50 ms); knowing its date first lets the scan skip
    every file and row group of other days (a few ms). The locator keeps
    ``event_id``, ``article_id`` and ``date`` sorted by id and by article in
    its own in-memory DuckDB (about 60 MB a million events), built in the
    background, rebuilt at most every ``rebuild_s`` seconds when the table
    has changed; likewise each article's publication date, so reading an
    article by id reads only the files of its day. Ids it does not hold yet (just ingested) are looked up the
    slow way by the caller.
    """

    def __init__(self, rebuild_s: float = 60.0) -> None:
        self.rebuild_s = rebuild_s
        self._db: duckdb.DuckDBPyConnection | None = None
        self._version: int | None = None
        self._built_at = -1e9
        self._building = False
        self._lock = threading.Lock()

    def refresh(self, store: ServingStore, version: int | None) -> None:
        """Start a background rebuild if the table moved on and the last build is old enough."""
        with self._lock:
            due = version is not None and version != self._version and not self._building
            if not due or (self._db is not None and time.monotonic() - self._built_at < self.rebuild_s):
                return
            self._building = True
        # Not a daemon: an interpreter exiting mid-build would abort inside DuckDB.
        threading.Thread(target=self._build, args=(store, version), name="eventwire-locator").start()

    def _build(self, store: ServingStore, version: int) -> None:
        try:
            cur = store.connect(tables=["events", "articles"])
            try:
                ids = cur.sql("select event_id, article_id, date from events").to_arrow_table()
                arts = cur.sql("select article_id, published from articles").to_arrow_table()
            finally:
                cur.close()
            db = duckdb.connect()
            db.execute("set threads = 1")
            db.register("ids", ids)
            # Sorted copies: each row group then covers a narrow range of ids,
            # so a point lookup reads one of them.
            db.execute("create table by_event as select * from ids order by event_id")
            db.execute("create table by_article as select * from ids order by article_id")
            db.unregister("ids")
            db.register("arts", arts)
            db.execute("create table articles as select * from arts order by article_id")
            db.unregister("arts")
            with self._lock:
                self._db, self._version, self._built_at = db, version, time.monotonic()
        except Exception:  # noqa: BLE001 - a failed build leaves the slow path, never a failed request
            pass
        finally:
            with self._lock:
                self._building = False

    def ready(self) -> bool:
        return self._db is not None

    def events(self, event_ids: list[str]) -> dict[str, tuple]:
        """``{event_id: (date, article_id)}`` for the ids the locator holds."""
        rows = self._in("select event_id, date, article_id from by_event where event_id", event_ids)
        return {i: (d, a) for i, d, a in rows or ()}

    def published(self, article_ids: list[str]) -> dict[str, object]:
        """``{article_id: published}`` for the articles the locator holds."""
        return dict(self._in("select article_id, published from articles where article_id", article_ids) or ())

    def of_article(self, article_id: str) -> list[tuple] | None:
        """``[(event_id, date)]`` of an article, or ``None`` when the locator is not built."""
        return self._query("select event_id, date from by_article where article_id = ?", [article_id])

    def _in(self, select_where: str, keys: list[str]) -> list[tuple] | None:
        """Rows of ``select_where <column> in (keys)``; None when not built, [] for no keys."""
        if not keys:
            return []
        marks = ", ".join("?" for _ in keys)
        return self._query(f"{select_where} in ({marks})", list(keys))

    def _query(self, sql: str, params: list) -> list[tuple] | None:
        db = self._db
        if db is None:
            return None
        cur = db.cursor()
        try:
            return cur.execute(sql, params).fetchall()
        finally:
            cur.close()


class ResultCache:
    """An LRU of encoded results with single-flight computation and a cap on concurrent misses.

    Example: ``cache.get_or_compute(("ties", "RUS", "UKR", 7), lambda: b"{...}")``
    """

    def __init__(self, max_entries: int = 2048, max_bytes: int = 256 * 1024 * 1024, max_computing: int = 4) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        # Misses computed at once on the event loop's behalf. More only share
        # the same cores, slower each and thrashing caches, while hits wait
        # for a thread.
        self.max_computing = max_computing
        self._limiter = None
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._inflight: dict[Hashable, Future] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return body
            waiting = self._inflight.get(key)
            if waiting is None:
                mine: Future = Future()
                self._inflight[key] = mine
                self.misses += 1
        if waiting is not None:
            return waiting.result()
        try:
            body = compute()
        except BaseException as exc:
            with self._lock:
                self._inflight.pop(key, None)
            mine.set_exception(exc)
            raise
        self._store(key, body)
        mine.set_result(body)
        return body

    async def get_or_compute_async(self, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        """:meth:`get_or_compute` for the event loop: a hit returns at once, a miss computes in a thread."""
        import asyncio

        import anyio

        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return body
            waiting = self._inflight.get(key)
            if waiting is None:
                mine: Future = Future()
                self._inflight[key] = mine
                self.misses += 1
        if waiting is not None:
            return await asyncio.wrap_future(waiting)
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.max_computing)
        try:
            body = await anyio.to_thread.run_sync(compute, limiter=self._limiter)
        except BaseException as exc:
            with self._lock:
                self._inflight.pop(key, None)
            mine.set_exception(exc)
            raise
        self._store(key, body)
        mine.set_result(body)
        return body

    def _store(self, key: Hashable, body: bytes) -> None:
        with self._lock:
            self._inflight.pop(key, None)
            if len(body) <= self.max_bytes // 8:
                self._items[key] = body
                self._size += len(body)
                while self._items and (len(self._items) > self.max_entries or self._size > self.max_bytes):
                    _, old = self._items.popitem(last=False)
                    self._size -= len(old)

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"entries": len(self._items), "bytes": self._size, "hits": self.hits, "misses": self.misses}
