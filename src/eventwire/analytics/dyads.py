"""Dyad series: how the ties between two actors move, period by period.

``dyad_series(store, "RUS", "UKR", by="week")`` reads the dyad's rows from
``event_dyads`` and returns one Arrow row per period (gaps filled with zeros)
with:

- ``events``: distinct events, counting an event once however many articles
  report it. The key is GDELT's: same actors (at the level the query names
  them), same type, same day. (:mod:`eventwire.analytics.clusters` refines
  this with sentence similarity and adjacent days; the series keeps the
  text-free key so it answers from the flat table alone, fast at scale.)
- ``reports``: every report (GDELT's mentions: the dyad rows behind the
  events);
- ``coop``/``conflict`` and ``q1``..``q4``: events by quad class, and
  ``n_<type>`` for each PLOVER type (``n_other`` for anything else);
- ``intensity_sum``/``intensity_mean``: the -10..+10 intensity of the events;
- ``period_articles`` and ``events_per_1k_articles``: the count normalised
  by all articles stored for the period, as GDELT normalises by its total
  volume (more news is not more conflict);
- ``tone_mean``: the mean tone of the articles behind the events (GDELT's
  AvgTone): the mean over the period's events of each event's mean report
  tone, read from ``event_dyads.tone`` (the article's tone copied onto its
  dyad rows, as GDELT keeps AvgTone on the event row: no join back to
  ``articles``, see ``docs/analytics.md``);
- ``index_raw``, ``index``, ``index_low``, ``index_high``: the relation index
  and its band (:mod:`eventwire.analytics.relation_index`).

Undirected series (the default) add both directions; ``directed=True`` keeps
A -> B only. Without B, the series is A's relations with everyone else (A's
own domestic events excluded).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from eventwire.analytics.actors import ActorSpec, resolve_actor
from eventwire.analytics.relation_index import DEFAULT_ALPHA, smooth_index
from eventwire.analytics.scope import PLOVER_TYPES, Window, check_period, event_filter, period_range, period_sql
from eventwire.analytics.source import connect
from eventwire.errors import StoreError
from eventwire.store.store import EventStore

COUNT_COLUMNS = ["events", "reports", "coop", "conflict", "q1", "q2", "q3", "q4"]
TYPE_COLUMNS = [f"n_{t.lower()}" for t in PLOVER_TYPES] + ["n_other"]


def dyad_selection(
    a: ActorSpec, b: ActorSpec | None, directed: bool, asserted_only: bool, window: Window, extra: tuple[str, ...] = ()
) -> tuple[str, list, list[str]]:
    """SQL selecting the dyad's rows, its parameters and the event key columns.

    Each direction is its own branch of a UNION ALL, so every branch is a
    plain conjunction that DuckDB pushes into the Arrow scan (file and row
    group statistics then skip what cannot match).
    """
    lb = b.level if b else "country"
    keys = sorted({f"source_{a.level}", f"source_{lb}", f"target_{a.level}", f"target_{lb}"})
    cols = ", ".join(dict.fromkeys(["date", "article_id", "type", "quad_class", "intensity", *keys, *extra]))
    when, wparams = window.clause("date")
    base = f"{event_filter(asserted_only)} and {when}"
    branches: list[tuple[str, list]] = []
    if b is not None:
        branches.append((f"{a.column('source')} = ? and {b.column('target')} = ?", [a.value, b.value]))
        if not directed and a != b:
            branches.append((f"{b.column('source')} = ? and {a.column('target')} = ?", [b.value, a.value]))
    else:
        branches.append(
            (f"{a.column('source')} = ? and target_code is not null and {a.column('target')} is distinct from ?", [a.value, a.value])
        )
        if not directed:
            branches.append(
                (f"{a.column('target')} = ? and source_code is not null and {a.column('source')} is distinct from ?", [a.value, a.value])
            )
    parts, params = [], []
    for cond, p in branches:
        parts.append(f"select {cols} from event_dyads where {cond} and {base}")
        params += p + wparams
    return " union all ".join(parts), params, keys


def dyad_series(
    store: EventStore,
    a: str | ActorSpec,
    b: str | ActorSpec | None = None,
    *,
    by: str = "week",
    since: dt.date | None = None,
    until: dt.date | None = None,
    directed: bool = False,
    asserted_only: bool = True,
    alpha: float | None = None,
    as_of=None,
) -> pa.Table:
    """One row per period of the A-B relation (columns in the module notes).

    Example: ``dyad_series(store, "RUS", "UKR", by="month", since=date(2022, 1, 1))``
    """
    check_period(by)
    window = Window(since, until)
    a = a if isinstance(a, ActorSpec) else resolve_actor(store, a, as_of=as_of)
    b = b if isinstance(b, ActorSpec) or b is None else resolve_actor(store, b, as_of=as_of)
    if not store.has_table("event_dyads"):
        raise StoreError(f"store {store.path} holds no events yet: code some events first")
    period = period_sql(by, "date")
    type_sums = ", ".join(f"count_if(type = '{t}') as n_{t.lower()}" for t in PLOVER_TYPES)
    known = ", ".join(f"'{t}'" for t in PLOVER_TYPES)
    con = connect(store, as_of, tables=["event_dyads", "articles"])
    try:
        selection, params, keys = dyad_selection(a, b, directed, asserted_only, window, ("tone",))
        # Each query aggregates straight from the scan: materialising a busy
        # dyad's rows first costs more than scanning twice.
        agg = con.sql(
            f"""
            with e as (
                select date, type, any_value(quad_class) as quad_class, avg(intensity) as intensity,
                       avg(tone) as tone, count(*) as reports
                from ({selection}) group by date, type, {', '.join(keys)}
            )
            select {period} as period, count(*) as events, sum(reports)::bigint as reports,
                   count_if(quad_class in (1, 2)) as coop, count_if(quad_class in (3, 4)) as conflict,
                   count_if(quad_class = 1) as q1, count_if(quad_class = 2) as q2,
                   count_if(quad_class = 3) as q3, count_if(quad_class = 4) as q4,
                   {type_sums}, count_if(type not in ({known}) or type is null) as n_other,
                   sum(intensity) as intensity_sum, avg(intensity) as intensity_mean, avg(tone) as tone_mean
            from e group by period
            """,
            params=params,
        ).to_arrow_table()
        periods = agg.column("period").to_pylist()
        first = since or (min(periods) if periods else None)
        last = until or (max(periods) if periods else None)
        volume = _articles_per_period(con, by, first, last) if first and last else {}
    finally:
        con.close()
    label = f"{a.label}{'->' if directed else '-'}{b.label if b else '*'}"
    return _assemble(agg, volume, by, first, last, label, alpha if alpha is not None else DEFAULT_ALPHA[by])


def _articles_per_period(con, by: str, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """All articles stored per period: the normaliser (GDELT divides by volume)."""
    rows = con.execute(
        f"select {period_sql(by, 'published')} as p, count(*) from articles "
        "where published >= ? and published <= ? and duplicate_of is null group by p",
        [first, last],
    ).fetchall()
    return dict(rows)


def _assemble(agg: pa.Table, volume: dict, by: str, first, last, label: str, alpha: float) -> pa.Table:
    periods = period_range(first, last, by) if first and last else []
    index = {p: i for i, p in enumerate(periods)}
    n = len(periods)
    ints = {c: np.zeros(n, dtype=np.int64) for c in COUNT_COLUMNS + TYPE_COLUMNS}
    floats = {c: np.full(n, np.nan) for c in ("intensity_sum", "intensity_mean", "tone_mean")}
    for row in agg.to_pylist():
        i = index.get(row["period"])
        if i is None:
            continue
        for c in COUNT_COLUMNS + TYPE_COLUMNS:
            if c in row and row[c] is not None:
                ints[c][i] = row[c]
        for c in ("intensity_sum", "intensity_mean", "tone_mean"):
            floats[c][i] = np.nan if row[c] is None else row[c]
    floats["intensity_sum"] = np.nan_to_num(floats["intensity_sum"])
    vol = np.array([volume.get(p, 0) for p in periods], dtype=np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_1k = np.where(vol > 0, ints["events"] * 1000.0 / vol, np.nan)
    ri = smooth_index(ints["coop"], ints["conflict"], alpha)
    cols: dict[str, pa.Array] = {
        "period": pa.array(periods, pa.date32()),
        "dyad": pa.array([label] * n, pa.string()),
    }
    for c in COUNT_COLUMNS:
        cols[c] = pa.array(ints[c])
    for c in TYPE_COLUMNS:
        cols[c] = pa.array(ints[c])
    for c, v in (
        ("intensity_sum", floats["intensity_sum"]),
        ("intensity_mean", floats["intensity_mean"]),
        ("period_articles", vol),
        ("events_per_1k_articles", per_1k),
        ("tone_mean", floats["tone_mean"]),
        ("index_raw", ri.raw),
        ("index", ri.smooth),
        ("index_low", ri.low),
        ("index_high", ri.high),
    ):
        cols[c] = pa.array(v, from_pandas=True)
    meta = {"dyad": label, "by": by, "alpha": str(alpha)}
    return pa.table(cols).replace_schema_metadata(meta)
