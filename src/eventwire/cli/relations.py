"""Relation commands: ``ties``, ``meetings``, ``network``, ``alerts``, ``clusters``, ``profile``.

Each parses its options, calls one function of :mod:`eventwire.analytics`
and prints the result; the analysis lives there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from typing import Annotated

import typer

from eventwire.cli.common import AsOfOpt, SinceOpt, StoreOpt, UntilOpt, check_choice, console, emit_rows, handle_errors
from eventwire.params import parse_date

ActorArg = Annotated[str, typer.Argument(help='A country code (RUS), an actor code (RUSGOV) or a name ("Vladimir Putin").')]
ListFormatOpt = Annotated[str, typer.Option("--format", help="table, csv, json or jsonl.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=0, help="At most this many rows.")]
_LIST_FORMATS = ("table", "csv", "json", "jsonl")


def register(app: typer.Typer) -> None:
    app.command("ties", epilog='Example: eventwire ties RUS UKR --by month --since 2022-01-01 --format png --out rus-ukr.png')(ties_cmd)
    app.command("meetings", epilog='Example: eventwire meetings "Vladimir Putin" --since 2024-01-01')(meetings_cmd)
    app.command("network", epilog="Example: eventwire network --since 2024-01-01 --until 2024-12-31 --format gexf --out net.gexf")(network_cmd)
    app.command("alerts", epilog="Example: eventwire alerts --since 2024-03-01")(alerts_cmd)
    app.command("clusters", epilog="Example: eventwire clusters --since 2024-03-01 --until 2024-03-07 --format json")(clusters_cmd)
    app.command("profile", epilog='Example: eventwire profile "Vladimir Putin" --since 2024-01-01')(profile_cmd)


def _open(store, as_of):
    from eventwire.store.store import open_store, parse_as_of

    return open_store(store), parse_as_of(as_of)


def _dates(since, until) -> tuple[dt.date | None, dt.date | None]:
    return parse_date(since, "--since"), parse_date(until, "--until")


@handle_errors
def ties_cmd(
    a: ActorArg,
    b: Annotated[str | None, typer.Argument(help="The other actor; without it, A with everyone.")] = None,
    by: Annotated[str, typer.Option("--by", help="day, week or month.")] = "week",
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json or png.")] = "table",
    out_path: Annotated[str | None, typer.Option("--out", help="PNG file to write (--format png).")] = None,
    directed: Annotated[bool, typer.Option("--directed", help="Only A -> B, not both directions.")] = False,
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """How the ties between A and B change: events, index and band per period."""
    from eventwire.analytics.dyads import dyad_series

    check_choice(fmt, ("table", "csv", "json", "png"), "--format")
    st, version = _open(store, as_of)
    s, u = _dates(since, until)
    series = dyad_series(st, a, b, by=by, since=s, until=u, directed=directed, as_of=version)
    label = (series.schema.metadata or {}).get(b"dyad", b"").decode()
    if fmt == "png":
        from eventwire.analytics.charts import plot_ties

        path = plot_ties(series, out_path or f"ties-{label.replace('->', '-').replace('*', 'all').replace(' ', '_')}.png")
        console.print(f"wrote {path} ({series.num_rows} periods)")
        return
    rows = series.to_pylist()
    columns = series.column_names
    if fmt == "table":
        columns = ["period", "events", "reports", "coop", "conflict", "intensity_mean", "events_per_1k_articles",
                   "tone_mean", "index", "index_low", "index_high"]
        rows = [{c: _round(r[c]) for c in columns} for r in rows]
    emit_rows(rows, fmt, columns, title=f"{label} by {by}: {sum(r['events'] for r in rows)} events")


@handle_errors
def meetings_cmd(
    actor: ActorArg,
    since: SinceOpt = None,
    until: UntilOpt = None,
    partner: Annotated[str | None, typer.Option("--with", help="Only meetings with this partner.")] = None,
    fmt: ListFormatOpt = "table",
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Who the actor met: partner, country, date and sentence, one row per meeting."""
    from eventwire.analytics.meetings import find_meetings

    check_choice(fmt, _LIST_FORMATS, "--format")
    st, version = _open(store, as_of)
    s, u = _dates(since, until)
    import msgspec

    rows = [msgspec.structs.asdict(m) for m in find_meetings(st, actor, since=s, until=u, partner=partner, as_of=version)]
    columns = list(rows[0]) if rows else ["date", "actor", "partner"]
    if fmt == "table":
        columns = ["date", "partner", "partner_country", "num_sources", "sentence"]
    emit_rows(rows, fmt, columns, widths={"sentence": 90}, title=f"{len(rows)} meetings")


@handle_errors
def network_cmd(
    fmt: Annotated[str, typer.Option("--format", help="graphml, gexf or json.")],
    out_path: Annotated[str, typer.Option("--out", help="File to write.")],
    since: SinceOpt = None,
    until: UntilOpt = None,
    level: Annotated[str, typer.Option("--level", help="country or code.")] = "country",
    min_events: Annotated[int, typer.Option("--min-events", min=1, help="Leave out edges with fewer events.")] = 1,
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Export the network of the period, with cooperation/conflict weights and centralities."""
    from eventwire.analytics.network import NETWORK_FORMATS, country_network, export_network

    check_choice(fmt, NETWORK_FORMATS, "--format")
    st, version = _open(store, as_of)
    s, u = _dates(since, until)
    net = country_network(st, since=s, until=u, level=level, min_events=min_events, as_of=version)
    path = export_network(net, fmt, out_path)
    console.print(f"wrote {path}: {net.nodes.num_rows} nodes, {net.edges.num_rows} edges")


@handle_errors
def alerts_cmd(
    since: SinceOpt = None,
    until: UntilOpt = None,
    by: Annotated[str, typer.Option("--by", help="day, week or month.")] = "week",
    baseline: Annotated[int, typer.Option("--baseline", min=1, max=520, help="Periods in the baseline before each period.")] = 8,
    z: Annotated[float, typer.Option("--z", min=0.0, max=100.0, help="Smallest |z| of the change that is flagged.")] = 3.0,
    min_events: Annotated[int, typer.Option("--min-events", min=1, help="Fewest events in the flagged period.")] = 5,
    min_baseline_events: Annotated[int, typer.Option("--min-baseline-events", min=1, help="Fewest events in the baseline.")] = 10,
    fmt: ListFormatOpt = "table",
    limit: LimitOpt = 20,
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Dyads whose relation index moved sharply against their recent baseline, strongest first.

    The defaults suit a news feed of thousands of articles a week; a small
    corpus needs lower thresholds. Example:
    eventwire alerts --since 2018-01-01 --by month --baseline 4 --z 1 --min-events 2 --min-baseline-events 3
    """
    from eventwire.analytics.shifts import ShiftSettings, detect_shifts

    check_choice(fmt, _LIST_FORMATS, "--format")
    st, version = _open(store, as_of)
    s, u = _dates(since, until)
    cfg = ShiftSettings(baseline=baseline, z=z, min_events=min_events, min_baseline_events=min_baseline_events)
    shifts = detect_shifts(st, since=s, until=u, by=by, settings=cfg, limit=limit, as_of=version)
    if fmt in ("json", "jsonl"):
        _print_json([dataclasses.asdict(x) for x in shifts], fmt)
        return
    rows = []
    for x in shifts:
        row = dataclasses.asdict(x)
        top = x.drivers[0] if x.drivers else None
        row["drivers"] = len(x.drivers)
        row["top_event"] = f"{top.date} {top.type}: {top.sentence}" if top else ""
        rows.append(row)
    columns = ["dyad", "period", "direction", "z", "baseline_index", "index", "events", "baseline_events", "top_event"]
    emit_rows(rows, fmt, columns, widths={"top_event": 80}, title=f"{len(rows)} shifts")


@handle_errors
def clusters_cmd(
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_sources: Annotated[int, typer.Option("--min-sources", min=1, help="Only events reported by this many sites.")] = 1,
    fmt: ListFormatOpt = "table",
    limit: LimitOpt = None,
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Events with every report of them across articles (GDELT's mentions, sources, articles)."""
    from eventwire.analytics.clusters import cluster_events

    check_choice(fmt, _LIST_FORMATS, "--format")
    st, version = _open(store, as_of)
    s, u = _dates(since, until)
    clusters = [c for c in cluster_events(st, since=s, until=u, as_of=version) if c.num_sources >= min_sources]
    clusters.sort(key=lambda c: (-c.num_mentions, c.first_date or dt.date.min, c.cluster_id))
    if limit is not None:
        clusters = clusters[:limit]
    if fmt in ("json", "jsonl"):
        _print_json([dataclasses.asdict(c) for c in clusters], fmt)
        return
    rows = [{k: v for k, v in dataclasses.asdict(c).items() if k != "reports"} for c in clusters]
    columns = ["cluster_id", "first_date", "source", "type", "target", "num_mentions", "num_articles", "num_sources", "sentence"]
    emit_rows(rows, fmt, columns, widths={"sentence": 80, "cluster_id": 12}, title=f"{len(rows)} events")


@handle_errors
def profile_cmd(
    actor: ActorArg,
    since: SinceOpt = None,
    until: UntilOpt = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many partners to list.")] = 10,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """An actor's top partners, mix of event types and trend."""
    from eventwire.analytics.profiles import actor_profile

    check_choice(fmt, ("table", "json"), "--format")
    st, version = _open(store, as_of)
    s, u = _dates(since, until)
    prof = actor_profile(st, actor, since=s, until=u, top=top, as_of=version)
    if fmt == "json":
        _print_json(dataclasses.asdict(prof), "json")
        return
    console.print(
        f"[bold]{prof.actor}[/] ({prof.level}): {prof.events} events ({prof.as_source} as source, "
        f"{prof.as_target} as target), {prof.coop} cooperative, {prof.conflict} conflictual, "
        f"index {_round(prof.index)}, trend {prof.direction}",
        highlight=False,
    )
    emit_rows([dataclasses.asdict(p) for p in prof.partners], "table", ["partner", "events", "coop", "conflict", "index"], title="top partners")
    emit_rows([dataclasses.asdict(t) for t in prof.types], "table", ["type", "events", "share"], title="event types")
    emit_rows([{**dataclasses.asdict(t), "index": _round(t.index)} for t in prof.trend[-12:]], "table",
              ["period", "events", "coop", "conflict", "index"], title="last 12 months")


def _round(value, digits: int = 3):
    return round(value, digits) if isinstance(value, float) else value


def _print_json(data, fmt: str) -> None:
    def default(value):
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    if fmt == "jsonl" and isinstance(data, list):
        for item in data:
            sys.stdout.write(json.dumps(item, default=default, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(json.dumps(data, default=default, ensure_ascii=False, indent=2) + "\n")
