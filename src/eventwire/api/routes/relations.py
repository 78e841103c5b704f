"""Relations: overview figures, a country's partners, dyad series, meetings, network, alerts, clusters, profiles.

Each route calls one function of :mod:`eventwire.analytics` (or of
:mod:`eventwire.api.summaries`) and shapes its record into the response
model; windows are narrowed to the dates that hold events first (see
:func:`eventwire.api.deps.data_window`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Annotated

from fastapi import APIRouter, Query, Request

from eventwire.api import models as m
from eventwire.api.deps import Actor, AsOf, Limit, OptActor, Period, Since, Until, cached, check_periods, data_window, event_range
from eventwire.errors import UsageError

router = APIRouter(prefix="/api", tags=["relations"])
_DYADS = ["event_dyads"]
#: The widest window clusters are computed for on request (clustering reads every report in it).
MAX_CLUSTER_DAYS = 31


def _no_events(store) -> bool:
    return store.table_versions().get("event_dyads") is None


@router.get("/overview/volume", response_model=m.Volume, summary="Articles and events per period")
async def volume(request: Request, by: Period = "week", since: Since = None, until: Until = None, as_of: AsOf = None):
    from eventwire.api.summaries import volume as query

    def compute(store, version):
        # Only periods holding articles or events come back, so any window is cheap.
        return m.Volume(by=by, points=[m.VolumePoint.model_validate(p) for p in
                                       query(store, by=by, since=since, until=until, as_of=version)])

    return await cached(request, "volume", {"by": by, "since": since, "until": until}, ["articles", "events"], compute,
                  as_of=as_of)


@router.get("/overview/dyads", response_model=m.TopDyads, summary="The most cooperative and most conflictual country pairs")
async def top_dyads(request: Request, since: Since = None, until: Until = None, limit: Annotated[int, Query(ge=1, le=100)] = 10,
              min_events: Annotated[int, Query(ge=1, le=100_000)] = 5, as_of: AsOf = None):
    from eventwire.api.summaries import top_dyads as query

    def compute(store, version):
        if _no_events(store):
            return m.TopDyads(since=since, until=until, cooperative=[], conflictual=[])
        top = query(store, since=since, until=until, limit=limit, min_events=min_events, as_of=version)
        return m.TopDyads(since=since, until=until, cooperative=[m.DyadScore.model_validate(d) for d in top.cooperative],
                          conflictual=[m.DyadScore.model_validate(d) for d in top.conflictual])

    params = {"since": since, "until": until, "limit": limit, "min_events": min_events}
    return await cached(request, "top_dyads", params, _DYADS, compute, as_of=as_of)


@router.get("/relations", response_model=m.Relations, summary="An actor's relation with every partner country (the map)")
async def relations(request: Request, actor: Actor, since: Since = None, until: Until = None, as_of: AsOf = None):
    from eventwire.api.summaries import partner_relations

    def compute(store, version):
        partners = [] if _no_events(store) else partner_relations(store, actor, since=since, until=until, as_of=version)
        return m.Relations(actor=actor, since=since, until=until, partners=[m.Partner.model_validate(p) for p in partners])

    return await cached(request, "relations", {"actor": actor, "since": since, "until": until}, _DYADS, compute, as_of=as_of)


@router.get("/ties", response_model=m.Ties, summary="The relation of A and B period by period, with its index and band")
async def ties(request: Request, a: Actor, b: OptActor = None, by: Period = "week", since: Since = None, until: Until = None,
         directed: bool = False, as_of: AsOf = None):
    from eventwire.analytics.dyads import TYPE_COLUMNS, dyad_series

    def compute(store, version):
        window = None if _no_events(store) else data_window(store, since, until)
        if window is None:
            return m.Ties(dyad=f"{a}-{b or '*'}", by=by, alpha=0.0, periods=[])
        lo, hi = window
        check_periods(lo, hi, by, store)
        table = dyad_series(store, a, b, by=by, since=lo, until=hi, directed=directed, as_of=version)
        meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
        periods = []
        for row in table.to_pylist():
            row = {k: _finite(v) for k, v in row.items()}
            row["by_type"] = {c[2:].upper(): int(row[c]) for c in TYPE_COLUMNS if row.get(c)}
            periods.append(m.TiePeriod.model_validate(row))
        return m.Ties(dyad=meta.get("dyad", ""), by=by, alpha=float(meta.get("alpha", 0)), periods=periods)

    params = {"a": a, "b": b, "by": by, "since": since, "until": until, "directed": directed}
    return await cached(request, "ties", params, ["event_dyads", "articles"], compute, as_of=as_of)


@router.get("/meetings", response_model=m.Meetings, summary="An actor's meetings, oldest first")
async def meetings(request: Request, actor: Actor, partner: OptActor = None, since: Since = None, until: Until = None,
             as_of: AsOf = None):
    from eventwire.analytics.meetings import find_meetings

    def compute(store, version):
        found = [] if _no_events(store) else find_meetings(store, actor, since=since, until=until, partner=partner,
                                                           as_of=version)
        return m.Meetings(actor=actor, items=[m.Meeting.model_validate(x) for x in found])

    params = {"actor": actor, "partner": partner, "since": since, "until": until}
    return await cached(request, "meetings", params, ["event_dyads", "events"], compute, as_of=as_of)


@router.get("/network", response_model=m.Network, summary="Who deals with whom: the directed network of the window")
async def network(request: Request, since: Since = None, until: Until = None,
            level: Annotated[str, Query(pattern=r"^(country|code)$")] = "country",
            min_events: Annotated[int, Query(ge=1, le=100_000)] = 1,
            max_edges: Annotated[int, Query(ge=1, le=5000)] = 400, as_of: AsOf = None):
    from eventwire.analytics.network import country_network

    def compute(store, version):
        net = country_network(store, since=since, until=until, level=level, min_events=min_events, as_of=version)
        edges = [{**r, "index": ((r["coop"] - r["conflict"]) / r["events"]) if r["events"] else 0.0,
                  "intensity_mean": _finite(r.get("intensity_mean"))} for r in net.edges.to_pylist()]
        kept = sorted(edges, key=lambda e: (-e["events"], e["source"], e["target"]))[:max_edges]
        used = {e["source"] for e in kept} | {e["target"] for e in kept}
        nodes = [m.NetworkNode.model_validate({k: _finite(v) for k, v in n.items()})
                 for n in net.nodes.to_pylist() if n["node"] in used]
        return m.Network(since=since, until=until, level=level, nodes=nodes,
                         edges=[m.NetworkEdge.model_validate(e) for e in kept], edges_total=len(edges))

    params = {"since": since, "until": until, "level": level, "min_events": min_events, "max_edges": max_edges}
    return await cached(request, "network", params, _DYADS, compute, as_of=as_of)


@router.get("/alerts", response_model=m.Alerts, summary="Dyads whose relation turned against their recent past")
async def alerts(request: Request, since: Since = None, until: Until = None, by: Period = "week", limit: Limit = 20,
           as_of: AsOf = None):
    from eventwire.analytics.shifts import detect_shifts

    def compute(store, version):
        window = None if _no_events(store) else data_window(store, since, until)
        if window is None:
            return m.Alerts(items=[])
        lo, hi = window
        check_periods(lo, hi, by, store)
        found = detect_shifts(store, since=lo, until=hi, by=by, limit=limit, as_of=version)
        return m.Alerts(items=[m.Alert.model_validate(dataclasses.asdict(x)) for x in found])

    params = {"since": since, "until": until, "by": by, "limit": limit}
    return await cached(request, "alerts", params, _DYADS, compute, as_of=as_of)


@router.get("/clusters", response_model=m.Clusters,
            summary=f"Events with all their reports, for a window of at most {MAX_CLUSTER_DAYS} days")
async def clusters(request: Request, since: Since = None, until: Until = None,
             min_sources: Annotated[int, Query(ge=1, le=10_000)] = 1, limit: Limit = 100, as_of: AsOf = None):
    from eventwire.analytics.clusters import cluster_events

    def compute(store, version):
        _, last = event_range(store)
        hi = until or last or dt.date.today()
        lo = since or (hi - dt.timedelta(days=6))
        if lo > hi:
            raise UsageError(f"since {lo} is after until {hi}")
        if (hi - lo).days >= MAX_CLUSTER_DAYS:
            raise UsageError(f"clusters are computed for at most {MAX_CLUSTER_DAYS} days at a time; "
                             f"{lo}..{hi} is {(hi - lo).days + 1}")
        found = [] if _no_events(store) else cluster_events(store, since=lo, until=hi, as_of=version)
        found = [c for c in found if c.num_sources >= min_sources]
        found.sort(key=lambda c: (-c.num_mentions, c.first_date or dt.date.min, c.cluster_id))
        items = []
        for c in found[:limit]:
            d = {k: v for k, v in c.__dict__.items() if k != "reports"}
            d["reports"] = [{"event_id": r.event_id, "article_id": r.article_id, "site": r.site, "date": r.date,
                             "sentence": r.sentence} for r in c.reports]
            items.append(m.Cluster.model_validate(d))
        return m.Clusters(since=lo, until=hi, items=items)

    params = {"since": since, "until": until, "min_sources": min_sources, "limit": limit}
    return await cached(request, "clusters", params, ["event_dyads", "events"], compute, as_of=as_of)


@router.get("/profile", response_model=m.Profile, summary="An actor's partners, mix of event types and trend")
async def profile(request: Request, actor: Actor, since: Since = None, until: Until = None,
            top: Annotated[int, Query(ge=1, le=200)] = 10, as_of: AsOf = None):
    from eventwire.analytics.profiles import actor_profile

    def compute(store, version):
        if _no_events(store):
            raise UsageError("the store holds no events yet: code some events first")
        window = data_window(store, since, until)
        if window is None:
            return _empty_profile(store, actor, since, until)
        lo, hi = window
        check_periods(lo, hi, "month", store)
        p = actor_profile(store, actor, since=lo, until=hi, top=top, as_of=version)
        return m.Profile.model_validate({**dataclasses.asdict(p), "since": since, "until": until})

    params = {"actor": actor, "since": since, "until": until, "top": top}
    return await cached(request, "profile", params, _DYADS, compute, as_of=as_of)


def _empty_profile(store, actor: str, since, until) -> m.Profile:
    from eventwire.analytics.actors import resolve_actor

    spec = resolve_actor(store, actor)
    return m.Profile(actor=spec.label, level=spec.level, since=since, until=until, events=0, as_source=0, as_target=0,
                     coop=0, conflict=0, index=None, partners=[], types=[], trend=[], direction="unknown")


def _finite(value):
    """NaN and infinities become ``None`` (JSON has no NaN)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
