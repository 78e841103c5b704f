"""Arrow schemas of the store's Delta tables, and record <-> row conversion.

The schemas are the store's contract with every reader (DuckDB, Polars,
Spark, pandas): a column is added, never renamed or retyped, and each table
keeps the key its writer merges on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pyarrow as pa

from eventwire.records import Article, Event, Reject

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
        pa.field("tone", pa.float32()),
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

_ACTOR = pa.struct(
    [
        ("text", pa.string()), ("code", pa.string()), ("country", pa.string()), ("sector", pa.string()),
        ("name", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("kb_id", pa.string()),
    ]
)
_SPAN = pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())])
_EVIDENCE = pa.struct(
    [
        ("pattern_id", pa.string()), ("pattern_type", pa.string()), ("model_type", pa.string()),
        ("model_score", pa.float32()), ("rule", pa.string()),
    ]
)
_LOCATION = pa.struct([("name", pa.string()), ("country", pa.string()), ("lat", pa.float64()), ("lon", pa.float64())])

EVENTS = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string()),
        pa.field("sentence_index", pa.int32()),
        pa.field("sentence_start", pa.int32()),
        pa.field("sentence", pa.string()),
        pa.field("date", pa.date32()),
        pa.field("sources", pa.list_(_ACTOR)),
        pa.field("targets", pa.list_(_ACTOR)),
        pa.field("type", pa.string()),
        pa.field("mode", pa.string()),
        pa.field("cameo", pa.string()),
        pa.field("quad_class", pa.int8()),
        pa.field("intensity", pa.float32()),
        pa.field("negated", pa.bool_()),
        pa.field("modality", pa.string()),
        pa.field("confidence", pa.float32()),
        pa.field("trigger", _SPAN),
        pa.field("evidence", _EVIDENCE),
        pa.field("location", _LOCATION),
        pa.field("coder", pa.string()),
        pa.field("run_id", pa.string()),
        pa.field("ingested_at", UTC_US),
    ]
)

# One row per (source, target) pair of an event: the flat view analytics
# scan. An event with sources but no target gives rows with a null target.
EVENT_DYADS = pa.schema(
    [
        pa.field("dyad_id", pa.string(), nullable=False),
        pa.field("event_id", pa.string()),
        pa.field("article_id", pa.string()),
        pa.field("date", pa.date32()),
        pa.field("site", pa.string()),
        pa.field("source_code", pa.string()),
        pa.field("source_country", pa.string()),
        pa.field("source_sector", pa.string()),
        pa.field("source_name", pa.string()),
        pa.field("target_code", pa.string()),
        pa.field("target_country", pa.string()),
        pa.field("target_sector", pa.string()),
        pa.field("target_name", pa.string()),
        pa.field("type", pa.string()),
        pa.field("mode", pa.string()),
        pa.field("cameo", pa.string()),
        pa.field("quad_class", pa.int8()),
        pa.field("intensity", pa.float32()),
        pa.field("negated", pa.bool_()),
        pa.field("modality", pa.string()),
        pa.field("confidence", pa.float32()),
        # The article's tone, copied here so a dyad series' mean tone (GDELT's
        # AvgTone) needs no join back to articles (4x faster on a busy pair).
        pa.field("tone", pa.float32()),
    ]
)

TABLES: dict[str, tuple[pa.Schema, str]] = {
    "articles": (ARTICLES, "article_id"),
    "rejects": (REJECTS, "reject_id"),
    "runs": (RUNS, "run_id"),
    "events": (EVENTS, "event_id"),
    "event_dyads": (EVENT_DYADS, "dyad_id"),
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


def events_table(events: Sequence[Event], run_id: str, now: dt.datetime) -> pa.Table:
    """Rows for the ``events`` table."""
    import msgspec

    rows = []
    for ev in events:
        row = msgspec.to_builtins(ev)
        row["date"] = ev.date
        row["run_id"] = run_id
        row["ingested_at"] = now
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=EVENTS)


def dyads_table(
    events: Sequence[Event],
    sites: dict[str, str | None] | None = None,
    tones: dict[str, float | None] | None = None,
) -> pa.Table:
    """Rows for ``event_dyads``: every source paired with every target.

    A reciprocal event (its parties stored as sources, no target: "Japan and
    Russia held talks") gives every ordered pair of its parties
    (:func:`eventwire.events.dyads.directed_pairs`), as CAMEO codes it.

    ``sites`` and ``tones`` map article ids to their site (for counting
    distinct sources) and tone.
    """
    from eventwire.events.dyads import directed_pairs
    from eventwire.extract.identity import content_hash

    sites = sites or {}
    tones = tones or {}
    rows = []
    for ev in events:
        for si, src, ti, tgt in directed_pairs(ev):
            # Ids as before for ordinary pairs (a missing target counts as 0);
            # a reciprocal pair's target is another source, marked "r".
            tkey = f"r{ti}" if tgt is not None and not ev.targets else (ti or 0)
            rows.append(
                {
                    "dyad_id": content_hash(f"{ev.event_id}:{si}:{tkey}")[:24],
                    "event_id": ev.event_id,
                    "article_id": ev.article_id,
                    "date": ev.date,
                    "site": sites.get(ev.article_id),
                    "source_code": src.code if src else None,
                    "source_country": src.country if src else None,
                    "source_sector": src.sector if src else None,
                    "source_name": src.name if src else None,
                    "target_code": tgt.code if tgt else None,
                    "target_country": tgt.country if tgt else None,
                    "target_sector": tgt.sector if tgt else None,
                    "target_name": tgt.name if tgt else None,
                    "type": ev.type,
                    "mode": ev.mode,
                    "cameo": ev.cameo,
                    "quad_class": ev.quad_class,
                    "intensity": ev.intensity,
                    "negated": ev.negated,
                    "modality": ev.modality,
                    "confidence": ev.confidence,
                    "tone": tones.get(ev.article_id),
                }
            )
    return pa.Table.from_pylist(rows, schema=EVENT_DYADS)
