"""Read commands: ``articles``, ``rejects``, ``runs``, ``export``."""

from __future__ import annotations

from typing import Annotated

import typer

from eventwire.cli.common import AsOfOpt, SinceOpt, StoreOpt, UntilOpt, check_choice, console, emit_rows, handle_errors
from eventwire.params import parse_date

FormatOpt = Annotated[str, typer.Option("--format", help="table, jsonl or csv.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=0, help="At most this many rows.")]


def register(app: typer.Typer) -> None:
    app.command("articles", epilog="Example: eventwire articles --since 2018-06-01 --site example.org --format csv")(articles_cmd)
    app.command("rejects", epilog="Example: eventwire rejects --reason binary --format jsonl")(rejects_cmd)
    app.command("runs", epilog="Example: eventwire runs --limit 5")(runs_cmd)
    app.command("export", epilog="Example: eventwire export --table articles --format parquet --out articles.parquet")(export_cmd)


def _open(store, as_of):
    from eventwire.store.store import open_store, parse_as_of

    return open_store(store), parse_as_of(as_of)


@handle_errors
def articles_cmd(
    since: SinceOpt = None,
    until: UntilOpt = None,
    site: Annotated[str | None, typer.Option("--site", help="Only this site (e.g. example.org).")] = None,
    fmt: FormatOpt = "table",
    limit: LimitOpt = None,
    text: Annotated[bool, typer.Option("--text", help="Include the article text (jsonl and csv).")] = False,
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """List stored articles, newest first."""
    from eventwire.store.queries import ARTICLE_COLUMNS, list_articles

    check_choice(fmt, ("table", "jsonl", "csv"), "--format")
    st, version = _open(store, as_of)
    rows = list_articles(
        st, since=parse_date(since, "--since"), until=parse_date(until, "--until"), site=site,
        limit=limit, with_text=text, as_of=version,
    ).to_pylist()
    columns = ARTICLE_COLUMNS + (["text"] if text else [])
    if fmt == "table":
        columns = ["published", "site", "title", "language", "article_id", "duplicate_of"]
    emit_rows(rows, fmt, columns, widths={"title": 60, "article_id": 12, "duplicate_of": 12}, title=f"{len(rows)} articles")


@handle_errors
def rejects_cmd(
    reason: Annotated[str | None, typer.Option("--reason", help="Only this reason code (e.g. binary, too_large).")] = None,
    fmt: FormatOpt = "table",
    limit: LimitOpt = None,
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """List inputs that did not become articles, and why."""
    from eventwire.store.queries import list_rejects

    check_choice(fmt, ("table", "jsonl", "csv"), "--format")
    st, version = _open(store, as_of)
    rows = list_rejects(st, reason=reason, limit=limit, as_of=version).to_pylist()
    columns = ["rejected_at", "reason", "source", "message", "size", "stage", "content_hash"]
    if fmt == "table":
        columns = ["reason", "source", "message", "size"]
    emit_rows(rows, fmt, columns, widths={"source": 50, "message": 70}, title=f"{len(rows)} rejects")


@handle_errors
def runs_cmd(
    fmt: FormatOpt = "table",
    limit: LimitOpt = 20,
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """List ingest runs with their status, counts and versions."""
    from eventwire.store.queries import list_runs

    check_choice(fmt, ("table", "jsonl", "csv"), "--format")
    st, version = _open(store, as_of)
    rows = list_runs(st, limit=limit, as_of=version).to_pylist()
    columns = ["run_id", "command", "status", "started_at", "ended_at", "counts", "settings_hash", "versions"]
    if fmt == "table":
        columns = ["run_id", "status", "started_at", "ended_at", "counts"]
    emit_rows(rows, fmt, columns, widths={"counts": 80}, title=f"{len(rows)} runs")


@handle_errors
def export_cmd(
    table: Annotated[str, typer.Option("--table", help="articles, rejects or runs.")],
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv or jsonl.")],
    out_path: Annotated[str, typer.Option("--out", help="File to write.")],
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Write a whole table to a Parquet, CSV or JSON-lines file."""
    from eventwire.store.queries import export_table

    st, version = _open(store, as_of)
    n = export_table(st, table, fmt, out_path, as_of=version)
    console.print(f"wrote {n:,} rows of {table} to {out_path}")
