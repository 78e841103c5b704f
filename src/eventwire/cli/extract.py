"""``eventwire extract``: one article from a file, URL or standard input."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from eventwire.cli.common import ConfigOpt, check_choice, handle_errors, out
from eventwire.params import parse_date


def register(app: typer.Typer) -> None:
    app.command("extract", epilog="Example: eventwire extract page.html --format json")(extract_cmd)


@handle_errors
def extract_cmd(
    source: Annotated[str, typer.Argument(help="A file, an http(s) URL, or - for standard input.", metavar="PATH_OR_URL")],
    date: Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) if the input has none.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="json or text.")] = "json",
    config: ConfigOpt = None,
) -> None:
    """Print the clean article found in one input (nothing is stored)."""
    from eventwire.extract.source import extract_source
    from eventwire.settings import load_settings

    check_choice(fmt, ("json", "text"), "--format")
    data = sys.stdin.buffer.read() if source == "-" else None
    article = extract_source(source, load_settings(config), date=parse_date(date), stdin=data)
    if fmt == "text":
        if article.title:
            out.print(article.title, highlight=False, markup=False)
            out.print("", highlight=False)
        out.print(article.text, highlight=False, markup=False)
        return
    doc = {
        "url": article.url,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "site": article.site,
        "author": article.author,
        "text": article.text,
        "article_id": article.article_id,
        "date_source": article.date_source,
        "author_note": article.author_note,
        "tone": article.tone,
    }
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
