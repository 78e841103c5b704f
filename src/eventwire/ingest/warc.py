"""WARC files: the HTML pages a crawler saved, one document per record.

Only ``response`` records with a 2xx HTTP status and an HTML payload (by
Content-Type, or by sniffing when it is missing), and ``resource`` records
with HTML, become documents; requests, metadata, revisits, redirects, error
pages, images and PDFs are skipped as not being news pages. Each document is
named ``path#record-<n>`` (n counts every record from 1, skipped ones too,
so a number points at one record with ``warcio index``).

The file is streamed with warcio's ArchiveIterator: memory holds one
payload at most, capped at ``limits.max_document_bytes`` (a bigger one is a
``too_large`` Reject and the reader moves on). Gzip is undone by the
caller's :class:`~eventwire.ingest.streams.GzipGuard`, so a bomb stops the
file at the cap, and warcio sees plain WARC bytes.

A WARC that stops mid-record yields the records before the break, then one
``truncated_warc`` Reject. warcio ends quietly on some truncations, so the
reader checks the end itself: the last complete record must be followed by
nothing but blank lines.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import BinaryIO

from eventwire.errors import InputError
from eventwire.ingest.decode import looks_like_html
from eventwire.ingest.streams import make_reject
from eventwire.records import RawDocument, Reject
from eventwire.settings import Settings

_READ_CHUNK = 1 << 16
# Bytes of the stream's end kept to check that only blank lines follow the
# last record (writers put exactly four: CRLF CRLF).
_TAIL = 64


class _TailCounter:
    """Counts bytes read and remembers the last few; warcio reads through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0
        self.tail = b""
        self.at_eof = False

    def read(self, size: int = -1) -> bytes:
        # read1: at most one read of the layer below, so the bytes before a
        # gzip truncation reach warcio before the error does.
        data = self._stream.read1(size)  # type: ignore[attr-defined]
        if not data:
            self.at_eof = True
        self.count += len(data)
        self.tail = (self.tail + data)[-_TAIL:]
        return data

    def tell(self) -> int:
        return self.count


def read_warc(stream: BinaryIO, source: str, settings: Settings) -> Iterator[RawDocument | Reject]:
    """HTML documents from an uncompressed WARC stream, with Rejects for bad parts.

    ``url`` is the WARC-Target-URI, ``fetched_at`` the WARC-Date, and
    ``encoding`` the charset of the HTTP Content-Type, if any.

    Example: ``list(read_warc(open("crawl.warc", "rb"), "crawl.warc", Settings()))``
    """
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    head = stream.peek(_TAIL)[:_TAIL]  # type: ignore[attr-defined]
    if not head.strip():
        yield make_reject(source, "empty", "the WARC is empty")
        return
    if not _is_archive(head):
        # warcio would try it as an old ARC file and quietly yield nothing.
        yield make_reject(source, "bad_warc", "the file does not start with a WARC record header")
        return
    counter = _TailCounter(stream)
    limit = settings.limits.max_document_bytes
    number = 0
    good_end = 0
    from warcio.archiveiterator import ArchiveIterator  # loaded for WARC files only

    iterator = ArchiveIterator(counter)  # type: ignore[arg-type]
    try:
        for record in iterator:
            number += 1
            where = f"{source}#record-{number}"
            content_type = _html_content_type(record)
            item = None if content_type is None else _read_payload(record, where, content_type, limit)
            if not _drain(record):  # a cut-off payload is not yielded as a document
                yield make_reject(
                    where, "truncated_warc",
                    f"the WARC ends inside record {number}; the {number - 1} records before it were read",
                )
                return
            if item is not None:
                yield item
            good_end = counter.count - iterator.reader.rem_length()
    except InputError as exc:
        reason = "truncated_warc" if exc.reason == "truncated_gzip" else exc.reason
        yield make_reject(source, reason, f"after record {number}: {exc}")
        return
    except Exception as exc:  # noqa: BLE001 - warcio raises assorted errors on junk
        # warcio parses headers from untrusted bytes and fails with
        # ArchiveLoadFailed, ValueError, AttributeError, ... on junk; which
        # one depends on where the junk starts, so they are not told apart.
        if counter.at_eof:
            yield make_reject(
                source, "truncated_warc",
                f"the WARC ends inside record {number + 1}; the {number} records before it were read ({exc})",
            )
        else:
            yield make_reject(
                source, "bad_warc",
                f"record {number + 1} is not a valid WARC record ({type(exc).__name__}: {exc}); "
                f"the {number} records before it were read",
            )
        return
    leftover = counter.count - good_end
    if leftover > 0 and (leftover > _TAIL or counter.tail[-leftover:].strip()):
        what = f"after record {number}" if number else "before the first complete record"
        yield make_reject(
            source, "truncated_warc", f"the WARC ends {what} with {leftover} bytes of an incomplete record"
        )


def _is_archive(head: bytes) -> bool:
    """True when the stream starts like a WARC (or its ARC ancestor).

    A stream shorter than the marker counts if it is a prefix of it: that is
    a WARC cut off in its first line.
    """
    head = head.lstrip()
    return head.startswith((b"WARC/", b"filedesc://")) or b"WARC/".startswith(head)


def _html_content_type(record: object) -> str | None:
    """The record's payload Content-Type when it is a 2xx HTML page, else None."""
    rec_type = record.rec_type  # type: ignore[attr-defined]
    if rec_type == "response":
        http = record.http_headers  # type: ignore[attr-defined]
        if http is None:
            return None
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    elif rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    else:
        return None
    lowered = content_type.lower()
    if "html" in lowered or not lowered.strip():
        return content_type
    return None


def _read_payload(record: object, where: str, content_type: str, limit: int) -> RawDocument | Reject | None:
    """The record's decoded payload as a document, or a Reject; None if not HTML."""
    stream = record.content_stream()  # type: ignore[attr-defined]
    pieces: list[bytes] = []
    size = 0
    while size <= limit:
        piece = stream.read(min(_READ_CHUNK, limit + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    if size > limit:
        message = f"the record's payload is over {limit} bytes (limits.max_document_bytes)"
        return make_reject(where, "too_large", message, size=size)
    content = b"".join(pieces)
    if not content_type.strip() and not looks_like_html(content):
        return None
    if not content.strip():
        return make_reject(where, "empty", "the record's payload is empty", content=content)
    headers = record.rec_headers  # type: ignore[attr-defined]
    return RawDocument(
        source=where,
        content=content,
        kind="html",
        url=headers.get_header("WARC-Target-URI"),
        fetched_at=_parse_warc_date(headers.get_header("WARC-Date")),
        encoding=_charset(content_type),
    )


def _drain(record: object) -> bool:
    """Read the rest of the record's block; False if the stream ended first."""
    from warcio.limitreader import LimitReader

    raw = record.raw_stream  # type: ignore[attr-defined]
    while raw.read(_READ_CHUNK):
        pass
    # Every WARC record has a Content-Length. warcio reads a header block cut
    # off before it (or inside it) without complaint, so check it here.
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()  # type: ignore[attr-defined]
    return declared.isdigit() and isinstance(raw, LimitReader) and raw.limit == 0


def _parse_warc_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
