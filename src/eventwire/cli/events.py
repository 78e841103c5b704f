"""``eventwire events``: list coded events, or write them in the GDELT 2.0 layout."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from eventwire.cli.common import AsOfOpt, SinceOpt, StoreOpt, UntilOpt, check_choice, emit_rows, handle_errors
from eventwire.params import parse_date

FORMATS = ("table", "csv", "jsonl", "gdelt")
_TABLE_COLUMNS = ["date", "type", "source", "target", "cameo", "confidence", "sentence"]
_FULL_COLUMNS = [
    "date", "type", "mode", "cameo", "quad_class", "intensity", "confidence", "modality", "negated",
    "source", "target", "sentence", "event_id", "article_id", "sentence_index", "coder", "url", "site",
]
#: JSON lines: the event record as ``eventwire code --format jsonl`` writes it (actors with
#: their spans, trigger, evidence, location), then the store's own fields.
_JSONL_COLUMNS = [
    "event_id", "article_id", "sentence_index", "sentence", "date", "sources", "targets", "type", "mode",
    "cameo", "quad_class", "intensity", "negated", "modality", "confidence", "trigger", "evidence", "location",
    "sentence_start", "coder", "source", "target", "url", "site",
]


def register(app: typer.Typer) -> None:
    app.command(
        "events",
        epilog="Example: eventwire events --source RUS --target UKR --type ASSAULT --since 2018-01-01 --format gdelt > rus-ukr.tsv",
    )(events_cmd)


@handle_errors
def events_cmd(
    source: Annotated[
        str | None,
        typer.Option("--source", help="Source actor code: a full code (RUSGOV) or a country (RUS) matching all its actors.", show_default=False),
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", help="Target actor code, matched like --source.", show_default=False)
    ] = None,
    types: Annotated[
        str | None, typer.Option("--type", help="PLOVER type(s), comma-separated (e.g. ASSAULT,COERCE).", show_default=False)
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_confidence: Annotated[
        float | None, typer.Option("--min-confidence", help="Only events the coder is at least this sure of (0-1).", show_default=False)
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, jsonl (the full event record: actors with spans, trigger, evidence, location), or gdelt (GDELT 2.0 columns, one row per dyad).")] = "table",
    header: Annotated[bool, typer.Option("--header", help="gdelt: write a header row (GDELT files have none).")] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="At most this many rows (dyads for gdelt).")] = None,
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """List coded events, newest first, filtered by actors, type, date and confidence."""
    from eventwire.store.events_query import list_dyads, list_events
    from eventwire.store.store import open_store, parse_as_of

    check_choice(fmt, FORMATS, "--format")
    st, version = open_store(store), parse_as_of(as_of)
    filters = {
        "source": source, "target": target, "types": types, "since": parse_date(since, "--since"),
        "until": parse_date(until, "--until"), "min_confidence": min_confidence, "limit": limit, "as_of": version,
    }
    if fmt == "gdelt":
        from eventwire.export.gdelt import write_gdelt

        write_gdelt(list_dyads(st, **filters), sys.stdout, header=header)
        return
    rows = list_events(st, **filters).to_pylist()
    columns = {"table": _TABLE_COLUMNS, "jsonl": _JSONL_COLUMNS}.get(fmt, _FULL_COLUMNS)
    emit_rows(rows, fmt, columns, widths={"sentence": 70, "source": 20, "target": 20}, title=f"{len(rows)} events")
