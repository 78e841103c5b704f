"""What every command shares: the store option, error mapping and output."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from eventwire.errors import EventwireError

console = Console(stderr=True)
out = Console()

StoreOpt = Annotated[
    str | None,
    typer.Option("--store", help="Store directory (default: $EVENTWIRE_STORE or ./eventwire-store).", show_default=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Read the store as it was: a table version (e.g. 3) or an ISO time.", show_default=False),
]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD), inclusive.", show_default=False)]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD), inclusive.", show_default=False)]
ConfigOpt = Annotated[
    str | None,
    typer.Option("--config", help="Settings file (TOML) overriding the shipped defaults.", show_default=False),
]


def handle_errors(fn: Callable) -> Callable:
    """Turn eventwire's errors into a one-line message and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except EventwireError as exc:
            # The message often quotes user input ("--since '[/]'"): escaped, so
            # rich shows it as typed rather than reading it as markup (and
            # failing with a MarkupError traceback on an unbalanced tag).
            console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, markup=True, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            console.print("[yellow]interrupted[/]: everything committed so far is kept; run the command again to finish.")
            raise typer.Exit(130) from None

    return wrapper


def _cell(value: Any, width: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    text = str(value).replace("\n", " ")
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def emit_rows(rows: Sequence[dict], fmt: str, columns: Sequence[str], widths: dict[str, int] | None = None, title: str | None = None) -> None:
    """Print rows as a rich table, JSON lines or CSV on standard output."""
    widths = widths or {}
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps({c: _json(row.get(c)) for c in columns}, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
    elif fmt == "json":
        sys.stdout.write(json.dumps([{c: _json(row.get(c)) for c in columns} for row in rows], ensure_ascii=False, indent=2) + "\n")
    else:
        table = Table(title=title, show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold" if c not in widths else "ellipsis", max_width=widths.get(c))
        for row in rows:
            # Text, not str: stored titles and sentences are scraped from the
            # web and may hold "[/]" or "[link=...]", which rich would read as markup.
            table.add_row(*[Text(_cell(row.get(c), widths.get(c))) for c in columns])
        out.print(table)


def _json(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def names_a_file(source: str) -> bool:
    """Whether a TEXT|FILE argument names an existing file (text of any length is not a path).

    Example: ``names_a_file("README.md")`` -> ``True``; ``names_a_file("Russia met Japan.")`` -> ``False``
    """
    if not source or len(source) >= 4096 or "\n" in source or "\0" in source:
        return False
    try:
        return Path(source).is_file()
    except OSError:  # a name too long for the file system, a component too long: text
        return False


def check_choice(value: str, choices: Sequence[str], option: str) -> str:
    if value not in choices:
        from eventwire.errors import UsageError

        raise UsageError(f"{option} {value!r}: choose one of {', '.join(choices)}")
    return value
