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
    from eventwire.records import Article, Event
    from eventwire.store.store import EventStore

__all__ = ["__version__", "extract", "open_store", "ingest", "find_actors", "code", "classify_relation"]


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


def code(text: str, date: _dt.date | str | None = None, url: str | None = None) -> list[Event]:
    """Code the events of one article's clean text (no store).

    ``date`` is the article date: relative dates ("last Thursday") are
    resolved against it and people's offices are looked up on it. The
    article id is the one ``extract`` would give (from ``url``, else the text).

    Example: ``[(e.type, e.sources[0].code) for e in eventwire.code("Russia accused Ukraine of shelling.")]``
    """
    from eventwire.events.coder import code_article
    from eventwire.extract.identity import article_id

    return code_article(article_id(url, text), text, _as_date(date), url)


def classify_relation(sentence: str, source_span: tuple[int, int] | None, target_span: tuple[int, int] | None):
    """The relation model's PLOVER type (or ``NONE``) for two actor spans (char offsets) of a sentence.

    Example: ``eventwire.classify_relation("Russia accused Ukraine.", (0, 6), (15, 22)).type`` -> ``"ACCUSE"``
    """
    from eventwire.events.classify import classify_relation as _classify

    return _classify(sentence, source_span, target_span)


def find_actors(text: str, date: _dt.date | str | None = None):
    """The actor mentions of ``text``, resolved across it on ``date``.

    Example: ``eventwire.find_actors("The Russian president met Mr Abe.", date="2010-06-01")``
    gives Dmitry Medvedev (RUSGOV) and Shinzo Abe (JPNELI: out of office then).
    """
    from eventwire.actors.api import find_actors as _find

    return _find(text, date=_as_date(date))


def _as_date(value: _dt.date | str | None) -> _dt.date | None:
    from eventwire.params import parse_date

    return parse_date(value) if isinstance(value, str) else value
