"""The country network of a period: who deals with whom, how, and who is central.

``country_network(store, since=date(2024, 1, 1), until=date(2024, 12, 31))``
aggregates ``event_dyads`` into a directed graph (networkx ``DiGraph``):
one node per country or IGO, one edge per directed pair with

- ``events`` (GDELT-style distinct events: same pair, type and day, as in
  :mod:`eventwire.analytics.dyads`), ``reports``, ``coop`` and ``conflict``
  (events of quad classes 1-2 and 3-4), ``weight`` (= ``events``, what
  layouts and centralities use), ``net`` (coop - conflict), ``index``
  ((coop - conflict) / events, -1..+1) and ``intensity_mean``.

Domestic events (a country acting on itself) are left out: they would be
self-loops that dominate every centrality. Node attributes are the
country's name (``label``), its in/out event strength, cooperation and
conflict given and received, and centralities: ``degree`` (share of other
nodes it deals with), ``pagerank`` (weighted by events: attention received
from well-connected actors) and ``betweenness`` (on the undirected graph
with distance 1/events: brokers between blocs; sampled on 200 pivots above
300 nodes so a large graph stays fast).

``export_network(net, "graphml" | "gexf" | "json", path)`` writes it for
Gephi, Cytoscape or a web view (JSON is networkx's node-link format).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from eventwire.analytics.actors import country_label
from eventwire.analytics.scope import Window, event_filter
from eventwire.analytics.source import sql
from eventwire.errors import UsageError
from eventwire.store.store import EventStore

NETWORK_FORMATS = ("graphml", "gexf", "json")
_LEVELS = {"country": "country", "code": "code"}
# Exact betweenness is O(V*E); above this many nodes it is estimated.
_EXACT_BETWEENNESS_NODES = 300


@dataclass
class CountryNetwork:
    """The graph plus its node and edge tables (Arrow)."""

    graph: object  # networkx.DiGraph; typed loosely so importing this module stays light
    nodes: pa.Table
    edges: pa.Table
    since: dt.date | None
    until: dt.date | None


def country_network(
    store: EventStore,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    level: str = "country",
    min_events: int = 1,
    asserted_only: bool = True,
    as_of=None,
) -> CountryNetwork:
    """The directed network of the window (attributes in the module notes).

    Example: ``country_network(store, since=date(2024, 1, 1), until=date(2024, 12, 31))``
    """
    import networkx as nx

    if level not in _LEVELS:
        raise UsageError(f"--level {level!r}: choose country or code")
    window = Window(since, until)
    when, params = window.clause("date")
    s, t = f"source_{level}", f"target_{level}"
    edges = sql(store, 
        f"""
        with e as (
            select {s} as s, {t} as t, any_value(quad_class) as q, avg(intensity) as i, count(*) as n
            from event_dyads
            where {event_filter(asserted_only)} and {when} and {s} is not null and {t} is not null and {s} <> {t}
            group by {s}, {t}, type, date
        )
        select s as source, t as target, count(*)::bigint as events, sum(n)::bigint as reports,
               count_if(q in (1, 2))::bigint as coop, count_if(q in (3, 4))::bigint as conflict,
               avg(i) as intensity_mean
        from e group by s, t having count(*) >= ? order by source, target
        """,
        params + [int(min_events)],
        as_of=as_of,
    ) if store.has_table("event_dyads") else _empty_edges()
    g = nx.DiGraph(since=str(since or ""), until=str(until or ""), level=level)
    for row in edges.to_pylist():
        ev = int(row["events"])
        g.add_edge(
            row["source"], row["target"], events=ev, reports=int(row["reports"]), coop=int(row["coop"]),
            conflict=int(row["conflict"]), weight=float(ev), net=int(row["coop"] - row["conflict"]),
            index=(row["coop"] - row["conflict"]) / ev if ev else 0.0,
            intensity_mean=_finite(row["intensity_mean"]),
        )
    _add_node_measures(g, level)
    nodes = pa.Table.from_pylist(
        [{"node": n, **d} for n, d in sorted(g.nodes(data=True))],
        schema=pa.schema(
            [("node", pa.string()), ("label", pa.string()), ("events_out", pa.int64()), ("events_in", pa.int64()),
             ("coop_out", pa.int64()), ("coop_in", pa.int64()), ("conflict_out", pa.int64()),
             ("conflict_in", pa.int64()), ("degree", pa.float64()), ("pagerank", pa.float64()),
             ("betweenness", pa.float64())]
        ),
    )
    return CountryNetwork(graph=g, nodes=nodes, edges=_plain(edges), since=since, until=until)


def _add_node_measures(g, level: str) -> None:
    import networkx as nx

    if g.number_of_nodes() == 0:
        return
    for n in g.nodes:
        out_e, in_e = g.out_edges(n, data=True), g.in_edges(n, data=True)
        g.nodes[n].update(
            label=country_label(n) if level == "country" else n,
            events_out=sum(d["events"] for *_, d in out_e), events_in=sum(d["events"] for *_, d in in_e),
            coop_out=sum(d["coop"] for *_, d in out_e), coop_in=sum(d["coop"] for *_, d in in_e),
            conflict_out=sum(d["conflict"] for *_, d in out_e), conflict_in=sum(d["conflict"] for *_, d in in_e),
        )
    n = g.number_of_nodes()
    degree = nx.degree_centrality(g.to_undirected(as_view=True)) if n > 1 else {next(iter(g.nodes)): 0.0}
    pagerank = nx.pagerank(g, weight="weight")
    u = nx.Graph()
    u.add_nodes_from(g.nodes)
    for a, b, d in g.edges(data=True):
        w = d["events"] + (u[a][b]["events"] if u.has_edge(a, b) else 0)
        u.add_edge(a, b, events=w, distance=1.0 / w)
    k = None if n <= _EXACT_BETWEENNESS_NODES else 200
    between = nx.betweenness_centrality(u, k=k, weight="distance", seed=7)
    for node in g.nodes:
        g.nodes[node].update(degree=degree[node], pagerank=pagerank[node], betweenness=between[node])


def export_network(net: CountryNetwork, fmt: str, path: str | Path) -> Path:
    """Write the network as GraphML, GEXF or node-link JSON; returns the path.

    Example: ``export_network(country_network(store), "gexf", "net.gexf")``
    """
    import networkx as nx

    if fmt not in NETWORK_FORMATS:
        raise UsageError(f"--format {fmt!r}: choose one of {', '.join(NETWORK_FORMATS)}")
    out = Path(path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "graphml":
            nx.write_graphml(net.graph, out)
        elif fmt == "gexf":
            nx.write_gexf(net.graph, out)
        else:
            data = nx.node_link_data(net.graph, edges="edges")
            out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc}") from exc
    return out


def _finite(x) -> float:
    return float(x) if x is not None and math.isfinite(x) else 0.0


def _empty_edges() -> pa.Table:
    return pa.table({c: pa.array([], pa.string() if c in ("source", "target") else pa.int64())
                     for c in ("source", "target", "events", "reports", "coop", "conflict")})


def _plain(t: pa.Table) -> pa.Table:
    # DuckDB hands back string views; plain strings travel everywhere.
    return t.cast(pa.schema([f.with_type(pa.string()) if pa.types.is_string_view(f.type) else f for f in t.schema]))
