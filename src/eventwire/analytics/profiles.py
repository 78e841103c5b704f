"""Actor profiles: an actor's partners, what it does, and where it is heading.

``actor_profile(store, "RUS")`` summarises the actor's relations in a
window (all stored time by default), both as source and as target, with its
own domestic events left out:

- totals: distinct events (GDELT-style key, as in
  :mod:`eventwire.analytics.dyads`), as source and as target, cooperation
  and conflict, and the relation index over the whole window;
- ``partners``: the most frequent partners, each with its event counts and
  index (partners at country level for a country, at name-or-code level for
  a code or a person);
- ``types``: the mix of event types, with shares;
- ``trend``: the monthly series of events and smoothed index, and a
  ``direction``: ``warming`` or ``cooling`` when the index of the last three
  months differs from that of the three before by at least 0.2 (a tenth of
  its range) and both hold at least 5 events; ``steady`` otherwise;
  ``unknown`` with too few events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventwire.analytics.actors import ActorSpec, resolve_actor
from eventwire.analytics.dyads import dyad_series
from eventwire.analytics.scope import Window, event_filter
from eventwire.analytics.source import connect
from eventwire.store.store import EventStore

_TREND_MONTHS = 3
_TREND_CHANGE = 0.2
_TREND_MIN_EVENTS = 5


@dataclass(frozen=True)
class Partner:
    partner: str
    events: int
    coop: int
    conflict: int
    index: float | None


@dataclass(frozen=True)
class TypeShare:
    type: str
    events: int
    share: float


@dataclass(frozen=True)
class TrendPoint:
    period: dt.date
    events: int
    coop: int
    conflict: int
    index: float | None


@dataclass(frozen=True)
class ActorProfile:
    """What :func:`actor_profile` returns (fields in the module notes)."""

    actor: str
    level: str
    since: dt.date | None
    until: dt.date | None
    events: int
    as_source: int
    as_target: int
    coop: int
    conflict: int
    index: float | None
    partners: tuple[Partner, ...]
    types: tuple[TypeShare, ...]
    trend: tuple[TrendPoint, ...]
    direction: str


def actor_profile(
    store: EventStore,
    actor: str | ActorSpec,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    top: int = 10,
    asserted_only: bool = True,
    as_of=None,
) -> ActorProfile:
    """The actor's profile over the window.

    Example: ``actor_profile(store, "Vladimir Putin", since=date(2024, 1, 1)).partners[0]``
    """
    a = actor if isinstance(actor, ActorSpec) else resolve_actor(store, actor, as_of=as_of)
    window = Window(since, until)
    when, wparams = window.clause("date")
    partner_level = "country" if a.level == "country" else None
    other = (lambda side: f"{side}_country") if partner_level else (lambda side: f"coalesce({side}_name, {side}_code)")
    base = f"{event_filter(asserted_only)} and {when}"
    selection = (
        f"select 'source' as side, {other('target')} as partner, date, type, quad_class from event_dyads "
        f"where {a.column('source')} = ? and target_code is not null and {a.column('target')} is distinct from ? and {base} "
        f"union all "
        f"select 'target' as side, {other('source')} as partner, date, type, quad_class from event_dyads "
        f"where {a.column('target')} = ? and source_code is not null and {a.column('source')} is distinct from ? and {base}"
    )
    params = [a.value, a.value, *wparams, a.value, a.value, *wparams]
    con = connect(store, as_of, tables=["event_dyads"])
    try:
        con.execute(
            f"create temp table e as select side, partner, date, type, any_value(quad_class) as q "
            f"from ({selection}) group by side, partner, date, type",
            params,
        )
        total = con.execute(
            "select count(*), count_if(side = 'source'), count_if(side = 'target'), "
            "count_if(q in (1, 2)), count_if(q in (3, 4)) from e"
        ).fetchall()[0]
        partners = con.execute(
            "select partner, count(*) as n, count_if(q in (1, 2)), count_if(q in (3, 4)) from e "
            "where partner is not null group by partner order by n desc, partner limit ?",
            [int(top)],
        ).fetchall()
        types = con.execute("select type, count(*) as n from e group by type order by n desc, type").fetchall()
    finally:
        con.close()
    n, as_src, as_tgt, coop, conflict = (int(x or 0) for x in total)
    trend = _trend(store, a, since, until, asserted_only, as_of) if n else ()
    return ActorProfile(
        actor=a.label, level=a.level, since=since, until=until, events=n, as_source=as_src, as_target=as_tgt,
        coop=coop, conflict=conflict, index=_index(coop, conflict),
        partners=tuple(Partner(p, int(k), int(c), int(f), _index(c, f)) for p, k, c, f in partners),
        types=tuple(TypeShare(t or "", int(k), round(k / n, 4) if n else 0.0) for t, k in types),
        trend=trend,
        direction=_direction(trend),
    )


def _index(coop: int, conflict: int) -> float | None:
    total = coop + conflict
    return round((coop - conflict) / total, 4) if total else None


def _trend(store, a: ActorSpec, since, until, asserted_only, as_of) -> tuple[TrendPoint, ...]:
    series = dyad_series(store, a, None, by="month", since=since, until=until, asserted_only=asserted_only, as_of=as_of)
    rows = series.select(["period", "events", "coop", "conflict", "index"]).to_pylist()
    return tuple(
        TrendPoint(r["period"], r["events"], r["coop"], r["conflict"], None if r["index"] is None else round(r["index"], 4))
        for r in rows
    )


def _direction(trend: tuple[TrendPoint, ...]) -> str:
    recent, before = trend[-_TREND_MONTHS:], trend[-2 * _TREND_MONTHS : -_TREND_MONTHS]
    c1, k1 = sum(p.coop for p in recent), sum(p.conflict for p in recent)
    c0, k0 = sum(p.coop for p in before), sum(p.conflict for p in before)
    if c1 + k1 < _TREND_MIN_EVENTS or c0 + k0 < _TREND_MIN_EVENTS:
        return "unknown"
    change = (c1 - k1) / (c1 + k1) - (c0 - k0) / (c0 + k0)
    if change >= _TREND_CHANGE:
        return "warming"
    if change <= -_TREND_CHANGE:
        return "cooling"
    return "steady"
