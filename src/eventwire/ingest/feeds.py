"""RSS and Atom feeds: entries, polling for new ones, and their documents.

Two kinds of input carry feeds:

- A feed URL (given directly, or found by fetching a URL): every entry's
  link is fetched under the Fetcher's limits and becomes a document named by
  that link; the feed's title and date are passed on as hints.
- A local feed file (``.rss``, ``.atom``, ``.xml`` whose root is a feed):
  an entry carrying full content (``content:encoded``, Atom ``content``)
  becomes a document from the file alone (``path#entry-<n>``). Only an
  entry with no content and an http(s) link is fetched; failing that, its
  summary is used, and an entry with none of these is a ``missing_field``
  Reject. So a saved feed with full text never touches the network.

For ``eventwire watch`` the building blocks are :func:`poll_feeds` (which
entries are new) and :func:`fetch_entries` (their documents)::

    poll = poll_feeds(urls, seen, settings, fetcher)
    for item in fetch_entries(poll.entries, settings, fetcher):
        ...                       # extract, code, write
    seen = poll.seen              # persist only after the write committed

feedparser only ever sees bytes (wrapped in BytesIO: given a bare string it
would open it as a URL or a local path).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Set
from typing import Any

import msgspec

from eventwire.errors import FetchError, InputError
from eventwire.ingest.http import Fetcher, document_from_page
from eventwire.ingest.streams import make_reject, reject_from_error
from eventwire.records import RawDocument, Reject
from eventwire.settings import Settings

_FEED_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)[\s>]",
    re.DOTALL | re.IGNORECASE,
)

# Numeric character references to surrogates or past U+10FFFF: feedparser
# turns them into characters and fails (UnicodeEncodeError, ValueError,
# OverflowError) on the whole feed. They stand for no character, so one
# replacement character keeps the rest of the feed readable.
_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+);?")


def _replace_uncodable_refs(content: bytes) -> bytes:
    def fix(match: re.Match[bytes]) -> bytes:
        digits = match[1]
        hexadecimal = digits[:1] in (b"x", b"X")
        significant = (digits[1:] if hexadecimal else digits).lstrip(b"0") or b"0"
        if len(significant) > 8:  # past U+10FFFF either way; int() of 5000 digits would raise
            return b"&#xFFFD;"
        value = int(significant, 16 if hexadecimal else 10)
        return b"&#xFFFD;" if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF else match[0]

    return _CHAR_REF.sub(fix, content) if b"&#" in content else content


class FeedEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One feed item: where it links, what the feed says about it.

    ``entry_id`` is the entry's guid/id, else its link, else a hash of title
    and date: the key ``poll_feeds`` remembers.
    """

    entry_id: str
    feed: str
    link: str | None = None
    title: str | None = None
    published: dt.date | None = None
    content: str | None = None
    content_kind: str = "html"
    summary: str | None = None


class FeedPoll(msgspec.Struct, frozen=True, kw_only=True):
    """What one poll found: new entries, all ids seen so far, feeds that failed."""

    entries: list[FeedEntry]
    seen: frozenset[str]
    rejects: list[Reject]


def looks_like_feed(head: bytes) -> bool:
    """True when the bytes start with an RSS, Atom or RDF root element.

    Example: ``looks_like_feed(b'<?xml version="1.0"?><rss version="2.0">')`` is True.
    """
    return _FEED_ROOT.match(head.removeprefix(b"\xef\xbb\xbf")[:8192]) is not None


def parse_feed(content: bytes, feed: str, base_url: str | None = None) -> list[FeedEntry]:
    """Entries of a feed document; ``InputError("bad_feed")`` if it is not one.

    ``base_url`` resolves relative entry links (the feed's own URL).

    Example: ``parse_feed(rss_bytes, "https://example.org/rss")[0].link``
    """
    import feedparser  # loaded for feeds only

    headers = {"content-location": base_url} if base_url else None
    try:
        parsed = feedparser.parse(io.BytesIO(_replace_uncodable_refs(content)), response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - feedparser fails in assorted ways on junk
        raise InputError("bad_feed", f"{feed} is not a readable RSS/Atom feed: {type(exc).__name__}: {exc}") from exc
    # An empty document parses to a result without even a ``version`` key.
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        cause = parsed.get("bozo_exception") or "no RSS/Atom root element"
        raise InputError("bad_feed", f"{feed} is not a readable RSS/Atom feed: {cause}")
    return [_entry(raw, feed) for raw in parsed.entries]


def read_feed(url: str, settings: Settings, client: Fetcher | None = None) -> list[FeedEntry]:
    """Fetch a feed URL and return its entries; raises FetchError or InputError.

    Example: ``[e.link for e in read_feed("https://example.org/rss", Settings())]``
    """
    fetcher = client or Fetcher(settings)
    try:
        page = fetcher.fetch(url)
    finally:
        if client is None:
            fetcher.close()
    return parse_feed(page.content, url, base_url=page.final_url)


def poll_feeds(
    feeds: Iterable[str], seen: Set[str], settings: Settings, client: Fetcher | None = None
) -> FeedPoll:
    """Read each feed and keep the entries whose ids are not in ``seen``.

    ``seen`` is not changed; the returned ``seen`` adds the new ids. A feed
    that cannot be read is a Reject in ``rejects`` and the others go on.

    Example: ``poll = poll_feeds(["https://example.org/rss"], set(), Settings())``
    """
    fetcher = client or Fetcher(settings)
    entries: list[FeedEntry] = []
    rejects: list[Reject] = []
    new_ids: set[str] = set()
    try:
        for url in feeds:
            try:
                found = read_feed(url, settings, fetcher)
            except InputError as exc:
                rejects.append(reject_from_error(url, exc))
                continue
            for entry in found:
                if entry.entry_id in seen or entry.entry_id in new_ids:
                    continue
                new_ids.add(entry.entry_id)
                entries.append(entry)
    finally:
        if client is None:
            fetcher.close()
    return FeedPoll(entries=entries, seen=frozenset(seen) | new_ids, rejects=rejects)


def fetch_entries(
    entries: Iterable[FeedEntry], settings: Settings, client: Fetcher | None = None
) -> Iterator[RawDocument | Reject]:
    """Fetch each entry's link and yield its page (source = the link), or a Reject.

    Example: ``list(fetch_entries(poll.entries, settings, fetcher))``
    """
    fetcher = client or Fetcher(settings)
    try:
        for entry in entries:
            yield _fetch_entry(entry, fetcher)
    finally:
        if client is None:
            fetcher.close()


def feed_file_documents(
    content: bytes, source: str, get_fetcher: Callable[[], Fetcher]
) -> Iterator[RawDocument | Reject]:
    """Documents from a local feed file (see the module doc for the rules).

    ``get_fetcher`` is called only if some entry has to be fetched.

    Example: ``list(feed_file_documents(data, "saved.rss", lambda: fetcher))``
    """
    try:
        entries = parse_feed(content, source)
    except InputError as exc:
        yield reject_from_error(source, exc, size=len(content))
        return
    for number, entry in enumerate(entries, start=1):
        where = f"{source}#entry-{number}"
        if entry.content and entry.content.strip():
            yield _inline_document(entry, where, entry.content, entry.content_kind)
        elif _is_http(entry.link):
            yield _fetch_entry(entry, get_fetcher())
        elif entry.summary and entry.summary.strip():
            yield _inline_document(entry, where, entry.summary, "html")
        else:
            yield make_reject(where, "missing_field", "the feed entry has no content, summary or http(s) link")


def _fetch_entry(entry: FeedEntry, fetcher: Fetcher) -> RawDocument | Reject:
    if not _is_http(entry.link):
        where = entry.link or f"{entry.feed}#{entry.entry_id}"
        return make_reject(where, "missing_field", f"feed entry {entry.entry_id!r} has no http(s) link")
    assert entry.link is not None
    try:
        page = fetcher.fetch(entry.link)
    except FetchError as exc:
        return reject_from_error(entry.link, exc)
    return document_from_page(page, source=entry.link, title=entry.title, published=entry.published)


def _inline_document(entry: FeedEntry, where: str, body: str, kind: str) -> RawDocument:
    return RawDocument(
        source=where, content=body.encode("utf-8", errors="surrogatepass"), kind=kind,
        url=entry.link, title=entry.title, published=entry.published, encoding="utf-8",
    )


def _entry(raw: Any, feed: str) -> FeedEntry:
    """A feedparser entry as a FeedEntry, tolerating any missing field."""
    link = _text(raw.get("link"))
    title = _text(raw.get("title"))
    published = _struct_date(raw.get("published_parsed") or raw.get("updated_parsed"))
    content, kind = None, "html"
    blocks = [block for block in raw.get("content") or [] if _text(block.get("value"))]
    if blocks:
        best = max(blocks, key=lambda block: len(block.get("value", "")))
        content = best["value"]
        kind = "text" if best.get("type") == "text/plain" else "html"
    entry_id = _text(raw.get("id")) or link
    if not entry_id:
        key = f"{feed}\n{title}\n{published}".encode("utf-8", errors="surrogatepass")
        entry_id = "sha256:" + hashlib.sha256(key).hexdigest()[:32]
    return FeedEntry(
        entry_id=entry_id, feed=feed, link=link, title=title, published=published,
        content=content, content_kind=kind, summary=_text(raw.get("summary")),
    )


def _struct_date(value: Any) -> dt.date | None:
    try:
        return dt.date(value[0], value[1], value[2]) if value else None
    except (TypeError, ValueError, IndexError):
        return None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _is_http(link: str | None) -> bool:
    return bool(link) and link.lower().startswith(("http://", "https://"))  # type: ignore[union-attr]
