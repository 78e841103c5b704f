"""JSON Lines and JSON records of news: one article per object.

A record needs ``text`` or ``html`` (a string); ``url``, ``title`` and
``date`` (or ``published``) are passed on as hints. Field names used by common
news dumps are accepted as well: ``maintext``/``body`` for text, ``raw_html``
for html, ``date_publish``/``published_at`` for the date (news-please,
NewsAPI). When a record has both text and html, the text wins: it is what the
dump's author already cleaned, and re-extracting the html could only differ.

A bad line is one Reject (``bad_json``, ``missing_field``, ``too_large``,
``empty``); the next line is read as if nothing happened.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

import msgspec

from eventwire.errors import InputError
from eventwire.ingest.streams import make_reject, reject_from_error
from eventwire.records import RawDocument, Reject
from eventwire.settings import Settings

TEXT_FIELDS = ("text", "maintext", "body")
HTML_FIELDS = ("html", "raw_html")
DATE_FIELDS = ("date", "published", "date_publish", "published_at")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# msgspec raises DecodeError for bad JSON, UnicodeDecodeError for bytes that
# are not UTF-8, and RecursionError for nesting thousands deep.
_JSON_ERRORS = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)
# Skipping an over-long line reads it in pieces of this size.
_SKIP_CHUNK = 1 << 20


def read_jsonl(stream: BinaryIO, source: str, settings: Settings) -> Iterator[RawDocument | Reject]:
    """Documents from a JSON Lines stream; ``source#L<n>`` names each line.

    A line longer than ``limits.max_document_bytes`` is skipped without being
    held in memory. Blank lines are ignored. A broken stream (truncated
    gzip, bomb) ends the file with one Reject naming the last good line.

    Example: ``list(read_jsonl(open("news.jsonl", "rb"), "news.jsonl", Settings()))``
    """
    limit = settings.limits.max_document_bytes
    lineno = 0
    try:
        while True:
            line = stream.readline(limit + 1)
            if not line:
                return
            lineno += 1
            where = f"{source}#L{lineno}"
            if len(line) > limit and not line.endswith(b"\n"):
                size = len(line) + _skip_rest_of_line(stream)
                yield make_reject(
                    where, "too_large", f"line {lineno} is over {limit} bytes (limits.max_document_bytes)", size=size
                )
                continue
            if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]  # a UTF-8 BOM that editors on Windows add
            if not line.strip():
                continue
            yield parse_record(line, where)
    except InputError as exc:
        yield reject_from_error(source, InputError(exc.reason, f"after line {lineno}: {exc}"))


def read_json(content: bytes, source: str) -> Iterator[RawDocument | Reject]:
    """Documents from a JSON file: one object, or a list of them.

    List items are named ``source#record-<n>`` (from 1).

    Example: ``list(read_json(b'[{"text": "Talks resumed."}]', "a.json"))``
    """
    try:
        value = msgspec.json.decode(content.removeprefix(b"\xef\xbb\xbf"))
    except _JSON_ERRORS as exc:
        yield make_reject(source, "bad_json", f"not valid JSON: {exc}", content=content)
        return
    if isinstance(value, dict):
        yield document_from_record(value, source, content)
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            where = f"{source}#record-{index}"
            if isinstance(item, dict):
                yield document_from_record(item, where, None)
            else:
                yield make_reject(where, "bad_json", f"record {index} is a {_json_type(item)}, not an object")
    else:
        yield make_reject(source, "bad_json", f"expected an object or a list of objects, found a {_json_type(value)}")


def parse_record(line: bytes, where: str) -> RawDocument | Reject:
    """One JSON object (a JSONL line) as a document, or the Reject saying why not.

    Example: ``parse_record(b'{"text": "Talks resumed."}', "a.jsonl#L1").kind == "text"``
    """
    try:
        value = msgspec.json.decode(line)
    except _JSON_ERRORS as exc:
        return make_reject(where, "bad_json", f"not valid JSON: {exc}", content=line)
    if not isinstance(value, dict):
        return make_reject(where, "bad_json", f"expected an object, found a {_json_type(value)}", content=line)
    return document_from_record(value, where, line)


def document_from_record(record: dict[str, Any], where: str, raw: bytes | None) -> RawDocument | Reject:
    """Map a decoded record's fields onto a RawDocument with hints.

    Example: ``document_from_record({"html": "<p>x</p>", "date": "2024-05-01"}, "a#L1", None)``
    """
    text = _first_string(record, TEXT_FIELDS)
    html = _first_string(record, HTML_FIELDS)
    if text is not None and text.strip():
        body, kind = text, "text"
    elif html is not None and html.strip():
        body, kind = html, "html"
    elif text is None and html is None:
        names = "/".join(TEXT_FIELDS + HTML_FIELDS)
        return make_reject(where, "missing_field", f"the record has no {names} string", content=raw)
    else:
        return make_reject(where, "empty", "the record's text/html is empty", content=raw)
    date_value = next((record[name] for name in DATE_FIELDS if record.get(name) is not None), None)
    return RawDocument(
        source=where,
        content=body.encode("utf-8"),
        kind=kind,
        url=_first_string(record, ("url", "link")),
        title=_first_string(record, ("title", "headline")),
        published=parse_date(date_value),
        encoding="utf-8",
    )


def parse_date(value: object) -> dt.date | None:
    """A publication date from an ISO 8601 or RFC 2822 string, else None.

    Dates are hints: an unreadable one is dropped, not a reason to reject.

    Example: ``parse_date("2024-05-01T09:30:00Z")`` returns ``date(2024, 5, 1)``
    """
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _first_string(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str):
            return value
    return None


def _json_type(value: object) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while True:
        piece = stream.readline(_SKIP_CHUNK)
        skipped += len(piece)
        if not piece or piece.endswith(b"\n"):
            return skipped
