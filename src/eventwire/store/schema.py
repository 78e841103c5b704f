"""Arrow schemas of the store's Delta tables, and record <-> row conversion.

The schemas are the store's contract with every reader (DuckDB, Polars,
Spark, pandas): a column is added, never renamed or retyped, and each table
keeps the key its writer merges on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pyarrow as pa

from eventwire.records import Article, Reject

UTC_US = pa.timestamp("us", tz="UTC")

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("source", pa.string()),
        pa.field("url", pa.string()),
        pa.field("canonical_url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("date_source", pa.string()),
        pa.field("language", pa.string()),
        pa.field("site", pa.string()),
        pa.field("author", pa.string()),
        pa.field("author_note", pa.string()),
        pa.field("text", pa.large_string()),
        pa.field("content_hash", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("fetched_at", UTC_US),
        pa.field("duplicate_of", pa.string()),
        pa.field("extractor", pa.string()),
        pa.field("signature", pa.binary()),
        pa.field("run_id", pa.string()),
        pa.field("ingested_at", UTC_US),
    ]
)

REJECTS = pa.schema(
    [
        pa.field("reject_id", pa.string(), nullable=False),
        pa.field("source", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("message", pa.string()),
        pa.field("stage", pa.string()),
        pa.field("size", pa.int64()),
        pa.field("content_hash", pa.string()),
        pa.field("run_id", pa.string()),
        pa.field("rejected_at", UTC_US),
    ]
)

RUNS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("command", pa.string()),
        pa.field("inputs", pa.string()),
        pa.field("started_at", UTC_US),
        pa.field("ended_at", UTC_US),
        pa.field("status", pa.string()),
        pa.field("versions", pa.string()),
        pa.field("settings_hash", pa.string()),
        pa.field("counts", pa.string()),
    ]
)

TABLES: dict[str, tuple[pa.Schema, str]] = {
    "articles": (ARTICLES, "article_id"),
    "rejects": (REJECTS, "reject_id"),
    "runs": (RUNS, "run_id"),
}


def _utc(ts: dt.datetime | None) -> dt.datetime | None:
    if ts is None:
        return None
    return ts if ts.tzinfo else ts.replace(tzinfo=dt.timezone.utc)


def articles_table(
    articles: Sequence[Article], signatures: Sequence[bytes | None], run_id: str, now: dt.datetime
) -> pa.Table:
    """Rows for the ``articles`` table; ``signatures`` align with ``articles``."""
    cols: dict[str, list] = {f.name: [] for f in ARTICLES}
    for art, sig in zip(articles, signatures, strict=True):
        for name in Article.__struct_fields__:
            cols[name].append(getattr(art, name))
        cols["fetched_at"][-1] = _utc(art.fetched_at)
        cols["signature"].append(sig)
        cols["run_id"].append(run_id)
        cols["ingested_at"].append(now)
    return pa.table(cols, schema=ARTICLES)


def reject_id(rej: Reject) -> str:
    """Same bad input, same reason -> same id, so re-ingesting adds nothing."""
    from eventwire.extract.identity import content_hash

    return content_hash(f"{rej.source}\x00{rej.reason}\x00{rej.content_hash}")[:24]


def rejects_table(rejects: Sequence[Reject], run_id: str, now: dt.datetime) -> pa.Table:
    rows = [
        {
            "reject_id": reject_id(r),
            "source": r.source,
            "reason": r.reason,
            "message": r.message,
            "stage": r.stage,
            "size": r.size,
            "content_hash": r.content_hash,
            "run_id": run_id,
            "rejected_at": now,
        }
        for r in rejects
    ]
    return pa.Table.from_pylist(rows, schema=REJECTS)
