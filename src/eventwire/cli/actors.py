"""Actor commands: ``actors`` (find and resolve actors in a text) and ``kb`` (the knowledge base)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import msgspec
import typer

from eventwire.cli.common import ConfigOpt, StoreOpt, check_choice, console, emit_rows, handle_errors, names_a_file

DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Article date (YYYY-MM-DD): titles and names resolve to who held office then.",
                 show_default=False),
]
DictionaryOpt = Annotated[
    list[str] | None,
    typer.Option("--dictionary", help="A user dictionary (.tsv file or folder, knowledge-base format); repeatable.",
                 show_default=False),
]
FormatOpt = Annotated[str, typer.Option("--format", help="table or jsonl.")]

MENTION_COLUMNS = ["sentence_index", "start", "end", "text", "code", "country", "sector", "name", "kb_id",
                   "resolved_by", "kind"]

kb_app = typer.Typer(help="Look up and extend the actor knowledge base.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("actors", epilog='Example: eventwire actors "The Russian president met Shinzo Abe." '
                                 "--date 2010-06-01 --format jsonl")(actors_cmd)
    app.add_typer(kb_app, name="kb")
    kb_app.command("lookup", epilog='Example: eventwire kb lookup "Shinzo Abe" --date 2010-06-01')(lookup_cmd)
    kb_app.command("import-petrarch", epilog="Example: eventwire kb import-petrarch Phoenix.agents.txt "
                                             "--kind agents --out my_kb")(import_cmd)


def _kb(store: str | None, dictionaries: list[str] | None):
    from eventwire.actors.api import load_kb

    store = store or os.environ.get("EVENTWIRE_STORE") or "eventwire-store"
    return load_kb(store, dictionaries or ())


def _read_input(source: str) -> str:
    """``-`` is standard input, an existing file is read, anything else is the text itself."""
    if source == "-":
        return sys.stdin.read()
    if names_a_file(source):
        return Path(source).read_text(encoding="utf-8", errors="replace")
    return source


@handle_errors
def actors_cmd(
    source: Annotated[str, typer.Argument(help="The text, a file holding it, or - for standard input.",
                                          metavar="TEXT|FILE|-")],
    date: DateOpt = None,
    fmt: FormatOpt = "table",
    dictionary: DictionaryOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Find the actors of a text and resolve them to codes (country + sector, person, IGO)."""
    from eventwire.actors.api import find_actors, parse_date
    from eventwire.settings import load_settings

    check_choice(fmt, ("table", "jsonl"), "--format")
    mentions = find_actors(_read_input(source), parse_date(date), _kb(store, dictionary), load_settings(config))
    rows = [msgspec.to_builtins(m) for m in mentions]
    columns = MENTION_COLUMNS if fmt == "jsonl" else ["sentence_index", "text", "code", "name", "resolved_by", "kind"]
    emit_rows(rows, fmt, columns, widths={"text": 50, "name": 30}, title=f"{len(rows)} actor mentions")


@handle_errors
def lookup_cmd(
    name: Annotated[str, typer.Argument(help="A name, alias, demonym, title or metonym.")],
    date: DateOpt = None,
    fmt: FormatOpt = "table",
    dictionary: DictionaryOpt = None,
    store: StoreOpt = None,
) -> None:
    """What a name can refer to, best first, with its code on the date."""
    from eventwire.actors.api import parse_date

    check_choice(fmt, ("table", "jsonl"), "--format")
    entries = _kb(store, dictionary).lookup(name, parse_date(date))
    rows = []
    for e in entries:
        row = msgspec.to_builtins(e)
        office = row.pop("office", None) or {}
        row["office"] = office.get("title") or office.get("role")
        row["in_office"] = f"{office.get('start', '')}..{office.get('end') or 'now'}" if office else None
        rows.append(row)
    columns = ["kind", "code", "name", "kb_id", "country", "sector", "form", "office", "in_office", "active"]
    emit_rows(rows, fmt, columns, title=f"{len(rows)} entries for {name!r}")


@handle_errors
def import_cmd(
    path: Annotated[str, typer.Argument(help="A PETRARCH/Phoenix actor or agent dictionary.", metavar="FILE")],
    kind: Annotated[str, typer.Option("--kind", help="actors or agents.")],
    out_dir: Annotated[str, typer.Option("--out", help="Folder to write knowledge-base files into.")],
    stem: Annotated[str | None, typer.Option("--stem", help="File name stem (default: the input's name).",
                                              show_default=False)] = None,
) -> None:
    """Convert a PETRARCH/Phoenix dictionary into knowledge-base files (use them with --dictionary)."""
    from eventwire.actors.petrarch_import import import_petrarch_dictionary, write_kb_files

    check_choice(kind, ("actors", "agents"), "--kind")
    records = import_petrarch_dictionary(path, kind)
    written = write_kb_files(records, out_dir, stem or Path(path).name.split(".")[0])
    console.print(f"wrote {len(records):,} records to " + ", ".join(str(p) for p in written))
