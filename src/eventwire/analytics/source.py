"""How analytics reads the store: the store's own DuckDB views, with a thread cap.

Analytics queries go through :meth:`EventStore.connect` (DuckDB's Parquet
reader over the Delta snapshot's files); this module only adds the process-
wide thread cap the benchmarks set, so every view analytics opens obeys it.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pyarrow as pa

from eventwire.store.store import EventStore

_threads: int | None = None


def set_threads(n: int | None) -> None:
    """Cap DuckDB's threads for every connection analytics opens (None: all cores)."""
    global _threads
    _threads = n


def connect(store: EventStore, as_of=None, tables: Iterable[str] | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with a view per table (an empty one for a missing table).

    Example: ``connect(store, tables=["event_dyads"]).sql("select count(*) from event_dyads")``
    """
    return store.connect(as_of, tables, threads=_threads)


def sql(store: EventStore, query: str, params: list | None = None, *, as_of=None, tables: Iterable[str] | None = None) -> pa.Table:
    """Run one query over :func:`connect`'s views; an Arrow table back."""
    return store.sql(query, params, as_of=as_of, tables=tables, threads=_threads)
