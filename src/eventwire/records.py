"""Typed records that flow between stages.

Every stage takes and returns these; none of them is a loose dict. They are
msgspec Structs: immutable, cheap to pickle across worker processes, and
encodable to JSON without glue.
"""

from __future__ import annotations

import datetime as dt

import msgspec


class RawDocument(msgspec.Struct, frozen=True, kw_only=True):
    """Bytes as a reader found them, before any extraction.

    ``kind`` tells extraction how to read ``content``: ``"html"`` for markup,
    ``"text"`` for plain or scraped text. Readers of structured inputs (JSONL,
    feeds) pass what the record already says in the ``title``, ``published``
    and ``url`` hints; extraction prefers them to what it would guess.
    """

    source: str
    content: bytes
    kind: str
    url: str | None = None
    fetched_at: dt.datetime | None = None
    title: str | None = None
    published: dt.date | None = None
    encoding: str | None = None


class Reject(msgspec.Struct, frozen=True, kw_only=True):
    """An input that could not become an article, and why.

    ``reason`` is a short stable code (``empty``, ``binary``, ``too_large``,
    ``gzip_bomb``, ``truncated_warc``, ``bad_json``, ``timeout``, ...);
    ``message`` says what was wrong in words a user can act on.
    """

    source: str
    reason: str
    message: str
    stage: str
    size: int = 0
    content_hash: str = ""


class Article(msgspec.Struct, frozen=True, kw_only=True):
    """A clean article with its metadata and provenance."""

    article_id: str
    source: str
    url: str | None
    canonical_url: str | None
    title: str | None
    published: dt.date | None
    date_source: str | None
    language: str | None
    site: str | None
    author: str | None
    author_note: str | None
    text: str
    content_hash: str
    kind: str
    fetched_at: dt.datetime | None = None
    duplicate_of: str | None = None
    extractor: str = ""
