"""``eventwire ingest`` and ``eventwire watch``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from eventwire.cli.common import ConfigOpt, StoreOpt, console, handle_errors, out
from eventwire.params import parse_date

if TYPE_CHECKING:  # the runner (and the extraction it imports) loads only for the commands that run it
    from eventwire.runner.local import RunStats


def register(app: typer.Typer) -> None:
    app.command(
        "ingest",
        epilog="Example: eventwire ingest examples/corpus --store my-store --date 2018-06-12 --workers 2",
    )(ingest_cmd)
    app.command(
        "watch",
        epilog="Example: eventwire watch https://example.org/world.rss --every 15m",
    )(watch_cmd)


@handle_errors
def ingest_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories (recursive), .gz, WARC, JSONL, URLs or feed URLs.", metavar="PATH_OR_URL...")],
    store: StoreOpt = None,
    date: Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, max=4096, help="Worker processes (local: default 1) or coding actors (ray: default every CPU of the cluster).")] = None,
    engine: Annotated[str, typer.Option("--engine", help="Where the work runs: local (processes on this machine) or ray (a Ray cluster; pip install 'eventwire[ray]').")] = "local",
    address: Annotated[str | None, typer.Option("--address", help="Ray cluster to join: auto, HOST:PORT or ray://HOST:PORT (default: start a local Ray instance).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Read news into the store: extract articles, code events, skip what is stored, record rejects.

    A rerun after a crash skips what was committed. Example on a Ray cluster:
    eventwire ingest /data/warc --store /shared/store --engine ray --address auto
    """
    from eventwire.errors import UsageError

    if engine not in ("local", "ray"):
        raise UsageError(f"--engine {engine!r}: choose local or ray")
    if address and engine != "ray":
        raise UsageError("--address names a Ray cluster: add --engine ray")
    day = parse_date(date)
    if engine == "local" and (workers or 1) > 1:
        from eventwire.runner.fork import start_forkserver

        # First: it loads the workers' modules while the runner and the store are imported and opened.
        start_forkserver()
    from eventwire.runner.local import estimate_documents, ingest
    from eventwire.settings import load_settings
    from eventwire.store.store import open_store
    settings = load_settings(config)
    st = open_store(store, create=True)
    total = estimate_documents(inputs)
    if engine == "ray":
        from eventwire.runner.ray import ingest_ray

        def job(cb):
            return ingest_ray(inputs, st, settings, address=address, workers=workers, date=day, progress=cb)
    else:
        def job(cb):
            return ingest(inputs, st, settings, workers=workers or 1, date=day, progress=cb)
    stats = _run_with_progress(job, total)
    print_summary(stats, st.path)


def _run_with_progress(job, total: int | None = None):
    columns = (
        SpinnerColumn(),
        BarColumn(),
        TextColumn("[bold]{task.completed:,.0f}[/]{task.fields[of]} documents"),
        TextColumn("{task.fields[rate]:.1f} docs/s"),
        TextColumn("[green]{task.fields[new]:,}[/] new"),
        TextColumn("[red]{task.fields[rejects]:,}[/] rejects"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    of = f" / {total:,}" if total else ""
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("ingest", total=total, of=of, rate=0.0, new=0, rejects=0)

        def update(stats: RunStats) -> None:
            progress.update(task, completed=stats.documents, rate=stats.docs_per_s, new=stats.articles_new,
                            rejects=stats.rejects)

        return job(update)


def print_summary(stats: RunStats, store_path) -> None:
    table = Table(title=f"run {stats.run_id} ({stats.status})", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents read", f"{stats.documents:,}")
    table.add_row("new articles", f"{stats.articles_new:,}")
    table.add_row("already stored", f"{stats.articles_known:,}")
    table.add_row("near-duplicates (stored, marked)", f"{stats.near_duplicates:,}")
    table.add_row("new events", f"{stats.events_new:,}")
    table.add_row("rejects", f"{stats.rejects:,}")
    for reason, n in sorted(stats.rejects_by_reason.items(), key=lambda kv: -kv[1]):
        table.add_row(f"  {reason}", f"{n:,}")
    table.add_row("time", f"{stats.elapsed_s:.1f} s ({stats.docs_per_s:.1f} docs/s, {stats.engine}, {stats.workers} worker(s))")
    table.add_row("store", str(store_path))
    out.print(table)


@handle_errors
def watch_cmd(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.", metavar="FEED...")],
    every: Annotated[str, typer.Option("--every", help="Polling interval: 30s, 15m, 1h.")] = "15m",
    store: StoreOpt = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=256)] = 1,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Poll feeds and ingest only articles not seen before; Ctrl-C stops cleanly."""
    from eventwire.runner.watch import parse_interval, watch
    from eventwire.settings import load_settings
    from eventwire.store.store import open_store

    interval = parse_interval(every)
    settings = load_settings(config)
    st = open_store(store, create=True)

    def report(stats: RunStats) -> None:
        console.print(
            f"[dim]{stats.run_id}[/] {stats.articles_new} new, {stats.articles_known} known, {stats.rejects} rejects"
        )

    try:
        watch(feeds, st, settings, interval_s=interval, workers=workers, once=once, on_run=report)
    except KeyboardInterrupt:
        console.print("stopped; the feeds' seen entries are saved in the store.")
