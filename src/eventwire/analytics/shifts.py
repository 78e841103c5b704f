"""Shifts: a dyad whose relation moves sharply against its own recent past.

**Method: a rolling-baseline two-proportion z-test.** For every undirected
pair of countries and every period (a week by default), let ``c`` and ``n``
be the period's cooperative and total events (GDELT-style distinct events,
as in :mod:`eventwire.analytics.dyads`), and ``C``, ``N`` the same summed
over the ``baseline`` periods before it (8 weeks). With the cooperative
shares ``p = c / n`` and ``p0 = (C + 1) / (N + 2)`` (Laplace-smoothed so a
baseline of pure cooperation still has a variance)::

    z = (p - p0) / sqrt(p0 (1 - p0) (1/n + 1/N))

The relation index is ``2p - 1`` (:mod:`eventwire.analytics.relation_index`),
so a significant change of ``p`` is a significant change of the index. A
period is flagged when all hold:

- ``|z| >= 3`` (two-sided p < 0.003): a random wobble of a steady relation
  is flagged about once in 370 dyad-periods, before the two guards below,
  which remove most of those;
- ``n >= 5`` events in the period: two or three events cannot show a turn;
- ``N >= 10`` events in the baseline: a dyad without a past has no
  baseline to move against (its first weeks are news, not a shift);
- the index moves by at least ``0.4`` (a fifth of its range): with very
  many events a small, statistically certain change is not news.

A rolling z-test was preferred to a CUSUM because it says *which* period
turned and needs no per-dyad tuning of drift and decision limits, and to a
z-score of the index itself because it weighs each period by its number of
events (an index from 3 events moves wildly by chance).

A turn stays flagged for a few periods while the baseline still holds the
old relation; consecutive flagged periods of one dyad in one direction are
one alert, dated by its first period (the turn), with ``periods`` saying how
long it lasted and ``z`` its strongest value. An alert is strongest when
``|z|`` is largest. Each carries the events that drove it: the period's events of the direction it moved (conflict for a
deterioration, cooperation for an improvement), clustered so each real
event appears once, most reported first.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from eventwire.analytics.clusters import REPORT_COLUMNS, ClusterSettings, cluster_reports, read_reports
from eventwire.analytics.scope import Window, check_period, event_filter, next_period, period_range, period_sql, period_start
from eventwire.analytics.source import sql
from eventwire.store.store import EventStore


@dataclass(frozen=True)
class ShiftSettings:
    """The thresholds explained in the module notes."""

    baseline: int = 8
    z: float = 3.0
    min_events: int = 5
    min_baseline_events: int = 10
    min_change: float = 0.4
    drivers: int = 5


@dataclass(frozen=True)
class Driver:
    """An event behind a shift (a cluster of its reports)."""

    date: dt.date | None
    type: str
    source: str
    target: str
    sentence: str
    num_mentions: int
    cluster_id: str


@dataclass(frozen=True)
class Shift:
    """A flagged period of a dyad.

    Example: ``Shift(dyad="RUS-UKR", period=date(2024, 3, 4), direction="deteriorating", z=-5.1, ...)``
    """

    dyad: str
    a: str
    b: str
    period: dt.date
    by: str
    direction: str
    z: float
    index: float
    baseline_index: float
    change: float
    events: int
    coop: int
    conflict: int
    baseline_events: int
    periods: int = 1
    drivers: tuple[Driver, ...] = field(default=())


def detect_shifts(
    store: EventStore,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    by: str = "week",
    level: str = "country",
    settings: ShiftSettings | None = None,
    with_drivers: bool = True,
    limit: int | None = None,
    asserted_only: bool = True,
    as_of=None,
) -> list[Shift]:
    """Flagged shifts whose period starts in the window, strongest first.

    Without ``since``, the window is the last 4 periods up to the newest
    event. ``limit`` keeps the strongest few (drivers are read only for them).
    Example: ``detect_shifts(store, since=date(2024, 3, 1), limit=20)``
    """
    check_period(by)
    cfg = settings or ShiftSettings()
    if not store.has_table("event_dyads"):
        return []
    if since is None:
        latest = sql(store, "select max(date) from event_dyads", as_of=as_of).column(0)[0].as_py()
        if latest is None:
            return []
        start = period_start(latest, by)
        for _ in range(3):
            start = period_start(start - dt.timedelta(days=1), by)
        since = start
    first = period_start(since, by)
    # Two baselines of history: one to test the periods just before `since`
    # too, so a turn that began before it is known as such and not reported
    # again from `since` on (a turn stays flagged for about a baseline).
    base_start = first
    for _ in range(2 * cfg.baseline):
        base_start = period_start(base_start - dt.timedelta(days=1), by)
    counts = _pair_counts(store, Window(base_start, until), by, level, asserted_only, as_of)
    shifts = []
    for (a, b), per in counts.items():
        last = until or max(per)
        periods = period_range(base_start, last, by)
        run: Shift | None = None
        for i, p in enumerate(periods):
            if i < cfg.baseline:
                continue
            c, n = per.get(p, (0, 0))
            base = [per.get(q, (0, 0)) for q in periods[i - cfg.baseline : i]]
            shift = _test(a, b, p, by, c, n, sum(x[0] for x in base), sum(x[1] for x in base), cfg)
            if run is not None and shift is not None and shift.direction == run.direction:
                strongest = shift.z if abs(shift.z) > abs(run.z) else run.z
                run = Shift(**{**run.__dict__, "periods": run.periods + 1, "z": strongest})
                continue
            if run is not None and run.period >= first:
                shifts.append(run)
            run = shift
        if run is not None and run.period >= first:
            shifts.append(run)
    shifts.sort(key=lambda s: (-abs(s.z), s.period, s.dyad))
    if limit is not None:
        shifts = shifts[:limit]
    if with_drivers:
        shifts = _with_drivers(store, shifts, level, cfg, asserted_only, as_of)
    return shifts


def _test(a, b, period, by, c, n, c0, n0, cfg: ShiftSettings) -> Shift | None:
    if n < cfg.min_events or n0 < cfg.min_baseline_events:
        return None
    p = c / n
    p0 = (c0 + 1) / (n0 + 2)
    z = (p - p0) / math.sqrt(p0 * (1 - p0) * (1 / n + 1 / n0))
    change = 2 * (p - p0)
    if abs(z) < cfg.z or abs(change) < cfg.min_change:
        return None
    return Shift(
        dyad=f"{a}-{b}", a=a, b=b, period=period, by=by, direction="improving" if z > 0 else "deteriorating",
        z=round(z, 3), index=round(2 * p - 1, 4), baseline_index=round(2 * p0 - 1, 4), change=round(change, 4),
        events=n, coop=c, conflict=n - c, baseline_events=n0,
    )


def _pair_counts(store, window: Window, by: str, level: str, asserted_only: bool, as_of) -> dict:
    """(a, b) unordered -> period -> (cooperative events, all events)."""
    s, t = f"source_{level}", f"target_{level}"
    when, params = window.clause("date")
    rows = sql(store, 
        f"""
        with e as (
            select least({s}, {t}) as a, greatest({s}, {t}) as b, {period_sql(by)} as period,
                   any_value(quad_class) as q
            from event_dyads
            where {event_filter(asserted_only)} and {when} and {s} is not null and {t} is not null and {s} <> {t}
            group by {s}, {t}, type, date
        )
        select a, b, period, count_if(q in (1, 2)) as coop, count(*) as n from e group by a, b, period
        """,
        params,
        as_of=as_of,
    ).to_pylist()
    out: dict = defaultdict(dict)
    for r in rows:
        out[(r["a"], r["b"])][r["period"]] = (int(r["coop"]), int(r["n"]))
    return out


def _with_drivers(store, shifts: list[Shift], level: str, cfg: ShiftSettings, asserted_only: bool, as_of) -> list[Shift]:
    """Add each shift's driving events, reading all of them in one scan."""
    if not shifts:
        return shifts
    conds, params = [], []
    for s in shifts:
        quads = "(1, 2)" if s.direction == "improving" else "(3, 4)"
        end = next_period(s.period, s.by) - dt.timedelta(days=1)
        conds.append(
            f"(least(source_{level}, target_{level}) = ? and greatest(source_{level}, target_{level}) = ? "
            f"and quad_class in {quads} and date >= ? and date <= ?)"
        )
        params += [s.a, s.b, s.period, end]
    first = min(s.period for s in shifts)
    last = max(next_period(s.period, s.by) for s in shifts) - dt.timedelta(days=1)
    selection = (
        f"select {REPORT_COLUMNS} from event_dyads where {event_filter(asserted_only)} "
        f"and date >= ? and date <= ? and source_{level} <> target_{level} and ({' or '.join(conds)})"
    )
    reports = read_reports(store, selection, [first, last, *params], as_of=as_of)
    out = []
    for s in shifts:
        end = next_period(s.period, s.by)
        wanted_quads = (1, 2) if s.direction == "improving" else (3, 4)
        mine = [
            r for r in reports
            if {_party(r, "source", level), _party(r, "target", level)} == {s.a, s.b}
            and r.date is not None and s.period <= r.date < end and r.quad_class in wanted_quads
        ]
        clusters = cluster_reports(mine, ClusterSettings())
        clusters.sort(key=lambda c: (-c.num_mentions, -abs(c.intensity or 0.0), c.first_date or dt.date.min, c.cluster_id))
        drivers = tuple(
            Driver(date=c.first_date, type=c.type, source=c.source, target=c.target, sentence=c.sentence,
                   num_mentions=c.num_mentions, cluster_id=c.cluster_id)
            for c in clusters[: cfg.drivers]
        )
        out.append(Shift(**{**s.__dict__, "drivers": drivers}))
    return out


def _party(r, side: str, level: str):
    return getattr(r, f"{side}_{level}")
