"""eventwire: news in, political event data out.

The Python API; the CLI and the HTTP API call these same functions::

    import eventwire
    article = eventwire.extract(open("page.html", "rb").read(), url="https://example.com/a")
    store = eventwire.open_store("eventwire-store")

Heavy modules (trafilatura, DuckDB, spaCy) load on first use, so importing
eventwire stays cheap; the web stack and Ray are never imported from here.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from eventwire.records import Article
    from eventwire.store.store import EventStore

__all__ = ["__version__", "extract", "open_store", "ingest"]


def extract(content: str | bytes, url: str | None = None, date: _dt.date | str | None = None) -> Article:
    """Extract one clean article from an HTML page or a scraped text.

    ``date`` fills in the publication date when the input has none.

    Example: ``eventwire.extract(html_bytes, url="https://example.com/story")``
    raises :class:`eventwire.errors.InputError` (with ``.reason``) when the
    input holds no article.
    """
    from eventwire.extract.article import extract_article
    from eventwire.ingest.decode import looks_like_html
    from eventwire.records import RawDocument

    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    kind = "html" if looks_like_html(data) else "text"
    doc = RawDocument(source=url or "<memory>", content=data, kind=kind, url=url)
    return extract_article(doc, date=_as_date(date))


def open_store(path: str | None = None, *, create: bool = False) -> EventStore:
    """Open an eventwire store (a directory of Delta tables).

    Example: ``eventwire.open_store("eventwire-store").sql("select count(*) from articles")``
    """
    from eventwire.store.store import open_store as _open

    return _open(path, create=create)


def ingest(inputs, store: str | None = None, *, workers: int = 1, date: _dt.date | str | None = None):
    """Ingest paths or URLs into the store at ``store``; returns the run's counts.

    Example: ``eventwire.ingest(["examples/corpus"], store="my-store")``
    """
    from eventwire.runner.local import ingest as _ingest
    from eventwire.store.store import open_store as _open

    if isinstance(inputs, str):
        inputs = [inputs]
    return _ingest(inputs, _open(store, create=True), workers=workers, date=_as_date(date))


def _as_date(value: _dt.date | str | None) -> _dt.date | None:
    from eventwire.params import parse_date

    return parse_date(value) if isinstance(value, str) else value
