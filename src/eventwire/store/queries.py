"""Read queries over the store, shared by the CLI, the Python API and HTTP.

Each returns an Arrow table; filters are bound parameters, never spliced text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from eventwire.errors import StoreError, UsageError
from eventwire.store.schema import TABLES
from eventwire.store.store import EventStore

ARTICLE_COLUMNS = [
    "article_id", "published", "site", "title", "language", "url", "author",
    "date_source", "duplicate_of", "source",
]
EXPORT_FORMATS = ("parquet", "csv", "jsonl")
# Binary signatures mean nothing in CSV or JSON; Parquet keeps them.
_TEXT_EXPORT_DROP = {"signature"}


def list_articles(
    store: EventStore,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    site: str | None = None,
    limit: int | None = None,
    with_text: bool = False,
    as_of: int | dt.datetime | None = None,
) -> pa.Table:
    """Articles, newest first, filtered by publication date and site.

    Example: ``list_articles(store, since=date(2018, 6, 1), site="example.org")``
    """
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    cols = ARTICLE_COLUMNS + (["text"] if with_text else [])
    where, params = [], []
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("published <= ?")
        params.append(until)
    if site:
        where.append("lower(site) = lower(?)")
        params.append(site)
    query = f"select {', '.join(cols)} from articles"
    if where:
        query += " where " + " and ".join(where)
    query += " order by published desc nulls last, article_id"
    if limit is not None:
        if limit < 0:
            raise UsageError("--limit must be 0 or more")
        query += f" limit {int(limit)}"
    return store.sql(query, params, as_of=as_of)


def list_rejects(store: EventStore, *, reason: str | None = None, limit: int | None = None, as_of=None) -> pa.Table:
    """Recorded rejects, newest first, optionally of one reason code."""
    query = "select rejected_at, reason, source, message, size, stage, content_hash from rejects"
    params = []
    if reason:
        query += " where reason = ?"
        params.append(reason)
    query += " order by rejected_at desc, source"
    if limit is not None:
        query += f" limit {max(0, int(limit))}"
    return store.sql(query, params, as_of=as_of)


def list_runs(store: EventStore, *, limit: int | None = 20, as_of=None) -> pa.Table:
    """Runs, newest first, with their status and counts (JSON)."""
    query = "select run_id, command, status, started_at, ended_at, counts, settings_hash, versions from runs order by started_at desc"
    if limit is not None:
        query += f" limit {max(0, int(limit))}"
    return store.sql(query, as_of=as_of)


def export_table(store: EventStore, table: str, fmt: str, out: str | Path, *, as_of=None) -> int:
    """Write a whole table to ``out`` as Parquet, CSV or JSON lines; return the row count.

    Example: ``export_table(store, "articles", "parquet", "articles.parquet")``
    """
    if table not in TABLES:
        raise UsageError(f"--table {table!r}: choose one of {', '.join(sorted(TABLES))}")
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"--format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    if not store.has_table(table):
        raise StoreError(f"table {table!r} is empty: nothing has been written to it yet")
    data = store.dataset(table, as_of).to_table()
    if fmt != "parquet":
        data = data.drop_columns([c for c in data.column_names if c in _TEXT_EXPORT_DROP])
    # Delta hands out view types; plain types are what every reader takes.
    data = data.cast(_plain_schema(data.schema))
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "parquet":
            pq.write_table(data, path)
        elif fmt == "csv":
            pacsv.write_csv(data, path)
        else:
            _write_jsonl(data, path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc}") from exc
    return data.num_rows


def _plain_schema(schema: pa.Schema) -> pa.Schema:
    fields = []
    for f in schema:
        t = f.type
        if pa.types.is_string_view(t):
            t = pa.large_string()
        elif pa.types.is_binary_view(t):
            t = pa.large_binary()
        fields.append(f.with_type(t))
    return pa.schema(fields)


def _write_jsonl(data: pa.Table, path: Path) -> None:
    import json

    with path.open("w", encoding="utf-8") as fh:
        for batch in data.to_batches(10_000):
            for row in batch.to_pylist():
                fh.write(json.dumps(row, default=_default, ensure_ascii=False) + "\n")


def _default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(type(value).__name__)
