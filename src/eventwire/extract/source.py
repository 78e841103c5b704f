"""Extract the article of one input (a file, a URL or standard input)."""

from __future__ import annotations

import datetime as dt

from eventwire.errors import InputError
from eventwire.extract.article import extract_article
from eventwire.ingest.decode import looks_like_html
from eventwire.records import Article, RawDocument, Reject
from eventwire.settings import Settings


def extract_source(source: str, settings: Settings, *, date: dt.date | None = None, stdin: bytes | None = None) -> Article:
    """The first article found in ``source``; :class:`InputError` if there is none.

    A multi-record input (JSONL, WARC, directory) gives its first article.

    Example: ``extract_source("page.html", Settings()).title``
    """
    if stdin is not None:
        kind = "html" if looks_like_html(stdin) else "text"
        return extract_article(RawDocument(source="<stdin>", content=stdin, kind=kind), settings.limits, date)
    from eventwire.ingest.sources import iter_documents

    first_reject: Reject | None = None
    for item in iter_documents([source], settings):
        if isinstance(item, Reject):
            first_reject = first_reject or item
            continue
        try:
            return extract_article(item, settings.limits, date)
        except InputError as exc:
            first_reject = first_reject or Reject(source=item.source, reason=exc.reason, message=str(exc), stage="extract")
    if first_reject is not None:
        raise InputError(first_reject.reason, f"{first_reject.source}: {first_reject.message}")
    raise InputError("empty", f"{source}: no document found")
