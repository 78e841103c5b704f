"""From what the user names (paths, URLs) to a stream of RawDocuments and Rejects.

Dispatch, by lowercased name after removing one ``.gz``:

==========================  ==================================================
``.txt .md .text``          one ``text`` document
``.html .htm .xhtml``       one ``html`` document
``.jsonl .ndjson``          a document per line (``path#L<n>``)
``.json``                   one object or a list (``path#record-<n>``)
``.warc``                   HTML response records (``path#record-<n>``)
``.rss .atom .xml``         a feed file (``path#entry-<n>``); an ``.xml``
                            whose root is not a feed is ``unsupported``
anything else               sniffed: WARC header, feed root, binary magic,
                            HTML tags, else text if it decodes
==========================  ==================================================

Gzip is recognised by its magic bytes, whatever the name, and decompressed
through :class:`~eventwire.ingest.streams.GzipGuard`. Directories are walked
recursively in sorted order, skipping hidden names. URLs are fetched with
:class:`~eventwire.ingest.http.Fetcher`; a response that is a feed stands for
its entries, each link fetched in turn.

Single documents larger than ``limits.max_document_bytes`` are refused from
their size on disk, before reading. JSON and feed files, parsed whole, may be
up to ``limits.max_decompressed_bytes``; JSONL and WARC stream and cap each
record instead.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator

from eventwire.errors import InputError
from eventwire.ingest.decode import binary_reason, decode_bytes, looks_like_html
from eventwire.ingest.feeds import feed_file_documents, fetch_entries, looks_like_feed, parse_feed
from eventwire.ingest.http import Fetcher, document_from_page
from eventwire.ingest.jsonl import read_json, read_jsonl
from eventwire.ingest.streams import (
    BUFFER_SIZE,
    GZIP_MAGIC,
    GzipGuard,
    file_problem,
    make_reject,
    open_guarded,
    read_capped,
    reject_from_error,
    walk_files,
)
from eventwire.ingest.warc import read_warc
from eventwire.records import RawDocument, Reject
from eventwire.settings import Settings

_KINDS = {
    ".txt": "text", ".md": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".warc": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
# Enough of a file's start to recognise WARC, feed, HTML and binary formats.
_SNIFF_BYTES = 4096


class _LazyFetcher:
    """Creates the Fetcher (and its connection pool) only when a URL comes up."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._fetcher: Fetcher | None = None

    def get(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self._settings)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


def iter_documents(inputs: Iterable[str], settings: Settings) -> Iterator[RawDocument | Reject]:
    """Every document in the named paths and URLs, in order, as a stream.

    Bad input becomes a Reject with a stable reason and the stream goes on;
    nothing raises for a bad file, record or URL.

    Example: ``for item in iter_documents(["news/", "https://example.org/rss"], Settings()): ...``
    """
    fetchers = _LazyFetcher(settings)
    try:
        for item in inputs:
            if is_url(item):
                yield from read_url(item, settings, fetchers.get())
            elif os.path.isdir(item):
                for path in walk_files(item):
                    if isinstance(path, Reject):
                        yield path
                    else:
                        yield from read_path(path, settings, fetchers.get)
            else:
                yield from read_path(item, settings, fetchers.get)
    finally:
        fetchers.close()


def is_url(item: str) -> bool:
    """True for http(s) URLs; anything else is a path.

    Example: ``is_url("https://example.org/")`` is True.
    """
    return item.lower().startswith(("http://", "https://"))


def read_url(url: str, settings: Settings, fetcher: Fetcher) -> Iterator[RawDocument | Reject]:
    """The page at ``url``, or, when it is a feed, the pages its entries link to.

    Example: ``list(read_url("https://example.org/rss", Settings(), fetcher))``
    """
    try:
        page = fetcher.fetch(url)
    except InputError as exc:
        yield reject_from_error(url, exc)
        return
    if looks_like_feed(page.content[:_SNIFF_BYTES]):
        try:
            entries = parse_feed(page.content, url, base_url=page.final_url)
        except InputError as exc:
            yield reject_from_error(url, exc, size=len(page.content))
            return
        yield from fetch_entries(entries, settings, fetcher)
    else:
        yield document_from_page(page, source=url)


def read_path(path: str, settings: Settings, get_fetcher: Callable[[], Fetcher]) -> Iterator[RawDocument | Reject]:
    """The documents in one file, dispatched by name and magic bytes.

    ``get_fetcher`` supplies a Fetcher if a feed file's entries need one.

    Example: ``list(read_path("news/a.jsonl.gz", Settings(), lambda: fetcher))``
    """
    problem = file_problem(path)
    if problem is not None:
        reason, message, size = problem
        yield make_reject(path, reason, message, size=size)
        return
    try:
        raw = open(path, "rb", buffering=0)  # noqa: SIM115 - closed below, generator-safe
    except OSError as exc:
        yield make_reject(path, "unreadable", f"cannot open {path}: {exc.strerror or exc}")
        return
    try:
        size = os.fstat(raw.fileno()).st_size
        yield from _read_opened(io.BufferedReader(raw, BUFFER_SIZE), path, size, settings, get_fetcher)
    except InputError as exc:
        yield reject_from_error(path, exc)
    except OSError as exc:  # an I/O error mid-read (bad disk, vanished mount)
        yield make_reject(path, "unreadable", f"error reading {path}: {exc.strerror or exc}")
    finally:
        raw.close()


def _read_opened(
    stream: io.BufferedReader, path: str, size: int, settings: Settings, get_fetcher: Callable[[], Fetcher]
) -> Iterator[RawDocument | Reject]:
    limits = settings.limits
    name = os.path.basename(path).lower()
    named_gz = name.endswith(".gz")
    if named_gz:
        name = name[:-3]
    if size == 0:
        yield make_reject(path, "empty", f"{path} is empty", size=0)
        return
    guard: GzipGuard | None = None
    if stream.peek(2)[:2] == GZIP_MAGIC:
        stream, guard = open_guarded(stream, limits.max_decompressed_bytes)
    elif named_gz:
        yield make_reject(path, "bad_gzip", f"{path} is named .gz but is not gzip data", size=size)
        return
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    kind = _KINDS.get(os.path.splitext(name)[1]) or _sniff(head)

    if kind == "jsonl":
        yield from read_jsonl(stream, path, settings)
    elif kind == "warc":
        yield from read_warc(stream, path, settings)
    elif kind in ("json", "feed"):
        if guard is None and size > limits.max_decompressed_bytes:
            yield _too_large(path, size, limits.max_decompressed_bytes, "limits.max_decompressed_bytes")
            return
        content = read_capped(stream, limits.max_decompressed_bytes, guard)
        if kind == "json":
            yield from read_json(content, path)
        elif looks_like_feed(content[:_SNIFF_BYTES]):
            yield from feed_file_documents(content, path, get_fetcher)
        else:
            yield make_reject(path, "unsupported", f"{path} is XML but not an RSS/Atom feed", content=content)
    else:
        if guard is None and size > limits.max_document_bytes:
            yield _too_large(path, size, limits.max_document_bytes, "limits.max_document_bytes")
            return
        reason = binary_reason(head)
        if reason:  # refuse a renamed image or archive before reading it all
            yield make_reject(path, "binary", f"{path} is not text ({reason})", size=size)
            return
        content = read_capped(stream, limits.max_document_bytes, guard)
        yield _single_document(content, path, kind)


def _single_document(content: bytes, path: str, kind: str) -> RawDocument | Reject:
    """A text/html/sniffed file as one document after cheap sanity checks."""
    if not content.strip():
        return make_reject(path, "empty", f"{path} is empty or only whitespace", content=content)
    reason = binary_reason(content)
    if reason:
        return make_reject(path, "binary", f"{path} is not text ({reason})", content=content)
    if kind == "sniffed":
        # No name to go by: only text that actually decodes is accepted.
        try:
            decode_bytes(content)
        except InputError as exc:
            return make_reject(path, exc.reason, f"{path}: {exc}", content=content)
        kind = "html" if looks_like_html(content) else "text"
    return RawDocument(source=path, content=content, kind=kind)


def _sniff(head: bytes) -> str:
    """A reader for a file whose name says nothing: warc, feed or sniffed."""
    stripped = head.lstrip()
    if stripped.startswith(b"WARC/"):
        return "warc"
    if looks_like_feed(head):
        return "feed"
    return "sniffed"


def _too_large(path: str, size: int, limit: int, setting: str) -> Reject:
    return make_reject(path, "too_large", f"{path} is {size} bytes, over {setting} = {limit}", size=size)
