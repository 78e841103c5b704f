"""``eventwire code``: code the events of one document; ``eventwire patterns``: list the dictionary."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import msgspec
import typer

from eventwire.cli.common import ConfigOpt, check_choice, emit_rows, handle_errors, names_a_file
from eventwire.params import parse_date

EVENT_COLUMNS = ("sentence", "type", "mode", "cameo", "source", "target", "modality", "confidence", "trigger", "date")
PATTERN_COLUMNS = ("id", "type", "pos", "lemma", "particle", "prep", "object", "mode", "cameo", "example")


def register(app: typer.Typer) -> None:
    app.command(
        "code",
        epilog="Example: eventwire code \"Russia accused Ukraine of shelling civilians.\" --date 2018-05-01",
    )(code_cmd)
    app.command("patterns", epilog="Example: eventwire patterns --type CONSULT")(patterns_cmd)


@handle_errors
def code_cmd(
    source: Annotated[str, typer.Argument(help="Text to code, a file (HTML or text), or - for standard input.", metavar="TEXT|FILE|-")],
    date: Annotated[str | None, typer.Option("--date", help="Article date (YYYY-MM-DD): resolves 'last Thursday' and who held which office.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or jsonl (one event record a line).")] = "table",
    config: ConfigOpt = None,
) -> None:
    """Code the events of one document: the whole chain, nothing stored.

    A file or standard input is cleaned first, as ingest does (HTML
    extraction, site boilerplate removed); a plain argument is coded as it is.
    """
    from eventwire.events.coder import default_coder
    from eventwire.extract.identity import article_id
    from eventwire.settings import load_settings

    check_choice(fmt, ("table", "json", "jsonl"), "--format")
    settings = load_settings(config)
    day = parse_date(date)
    if source == "-" or names_a_file(source):
        from eventwire.extract.source import extract_source

        stdin = sys.stdin.buffer.read() if source == "-" else None
        article = extract_source(source, settings, date=day, stdin=stdin)
        events = default_coder(settings).code_article(article.article_id, article.text, day or article.published, article.url)
    else:
        events = default_coder(settings).code_article(article_id(None, source), source, day)
    if fmt == "jsonl":
        for event in events:
            sys.stdout.write(msgspec.json.encode(event).decode() + "\n")
        return
    if fmt == "json":
        sys.stdout.write(json.dumps(msgspec.to_builtins(events), ensure_ascii=False, indent=2) + "\n")
        return
    rows = [
        {
            "sentence": e.sentence_index,
            "type": e.type,
            "mode": e.mode,
            "cameo": e.cameo,
            "source": ", ".join(a.code for a in e.sources),
            "target": ", ".join(a.code for a in e.targets),
            "modality": e.modality,
            "confidence": f"{e.confidence:.2f}",
            "trigger": e.trigger.text,
            "date": e.date,
        }
        for e in events
    ]
    emit_rows(rows, "table", EVENT_COLUMNS, title=f"{len(events)} event(s)")


@handle_errors
def patterns_cmd(
    type_: Annotated[str | None, typer.Option("--type", help="Only patterns of this PLOVER type (e.g. CONSULT).")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Only patterns whose lemma, object or example contains this word.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json, jsonl or csv.")] = "table",
    extra: Annotated[list[str] | None, typer.Option("--patterns", help="Extra pattern files or folders (user dictionaries).")] = None,
) -> None:
    """List the event pattern dictionary: trigger, PLOVER type, mode, CAMEO code and an example."""
    from eventwire.events.patterns import PatternDictionary

    check_choice(fmt, ("table", "json", "jsonl", "csv"), "--format")
    dictionary = PatternDictionary.load(extra or ())
    if type_ and type_.upper() not in {p.type for p in dictionary.patterns}:
        from eventwire.errors import UsageError

        raise UsageError(f"--type {type_!r}: no patterns of that type (types: {', '.join(sorted({p.type for p in dictionary.patterns}))})")
    word = (search or "").lower()
    rows = []
    for p in dictionary.listing(type_):
        row = msgspec.to_builtins(p)
        row["object"] = "|".join(p.objects)
        if word and word not in p.lemma and word not in row["object"] and word not in p.example.lower():
            continue
        rows.append(row)
    emit_rows(rows, fmt, PATTERN_COLUMNS, widths={"example": 60}, title=f"{len(rows)} pattern(s)")
