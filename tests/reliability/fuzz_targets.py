"""Fuzz targets: one function per reader or stage, ``check(data: bytes) -> None``.

A target turns arbitrary bytes into a call of the code under test and raises
(``FuzzBug`` or whatever escaped the code) only when that code broke its
contract. The contracts:

- readers (``decode``, ``jsonl``, ``json``, ``warc``, ``gzip``, ``sources``,
  ``feed``) never raise on any input: they yield RawDocuments and Rejects
  (``decode_bytes`` and ``GzipGuard`` may raise ``InputError``, their
  documented way of refusing);
- the fetcher raises only ``FetchError`` and never sends a request to a host
  that resolves to a private address (``http``);
- extraction (``extract_html``, ``extract_text``) returns an Article within
  the limits or raises ``InputError``;
- coding (``code``) returns events whose spans lie inside their sentence.

``bench/fuzz_readers.py`` drives these with atheris and hypothesis; the
regression tests (``tests/reliability/test_fuzz_regressions.py``) replay every
input saved under ``tests/fixtures/fuzz/<target>/`` through the same check.
The first byte of an input often selects a variant (a file name, a charset
label), so a saved input replays exactly the call that failed.
"""

from __future__ import annotations

import atexit
import gzip
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.errors import FetchError, InputError
from eventwire.records import RawDocument, Reject
from eventwire.settings import Http, Limits, Settings

# Small caps so that the size paths (too_large, gzip_bomb, line skipping) are
# reachable with inputs of a few KB.
LIMITS = Limits(max_document_bytes=4_000, max_decompressed_bytes=20_000, max_text_chars=6_000)
SETTINGS = Settings(limits=LIMITS, code_events=False)

_LABELS = (None, "utf-8", "latin-1", "iso-8859-1", "windows-1251", "shift_jis", "gb2312", "utf-16", "bogus", "", "utf8mb4", "euc-kr")
_NAMES = (
    "a.txt", "a.html", "a.jsonl", "a.json", "a.warc", "a.rss", "a.xml", "a.dat",
    "a.jsonl.gz", "a.warc.gz", "a.html.gz", "a", "a.atom", "a.ndjson", "a.htm", "a.md",
)


class FuzzBug(AssertionError):
    """The code under test broke its contract on this input."""


@dataclass(frozen=True)
class Target:
    """A named check; ``group`` says who owns the code (readers, extract, coding)."""

    name: str
    group: str
    check: Callable[[bytes], None]
    max_len: int = 16_384


def _records(items, prefix: str | None = None) -> list:
    out = list(items)
    for item in out:
        if not isinstance(item, RawDocument | Reject):
            raise FuzzBug(f"reader yielded {type(item).__name__}, not a RawDocument or Reject")
        if prefix is not None and not item.source.startswith(prefix):
            raise FuzzBug(f"source {item.source!r} does not name the input {prefix!r}")
        if isinstance(item, RawDocument) and not isinstance(item.content, bytes):
            raise FuzzBug("document content is not bytes")
        if isinstance(item, RawDocument) and len(item.content) > 4 * LIMITS.max_document_bytes:
            # JSON text is re-encoded as UTF-8 (\\u escapes may grow 3x); past
            # that, a cap was not applied.
            raise FuzzBug(f"document of {len(item.content)} bytes passed the {LIMITS.max_document_bytes} cap")
    return out


def _split(data: bytes, choices: tuple) -> tuple:
    if not data:
        return choices[0], b""
    return choices[data[0] % len(choices)], data[1:]


# -- readers -----------------------------------------------------------------
def check_decode(data: bytes) -> None:
    from eventwire.ingest.decode import decode_bytes

    label, content = _split(data, _LABELS)
    try:
        text, encoding = decode_bytes(content, label)
    except InputError as exc:
        if exc.reason not in ("empty", "binary"):
            raise FuzzBug(f"decode_bytes refused with unexpected reason {exc.reason!r}") from exc
        return
    if not isinstance(text, str) or not text.strip():
        raise FuzzBug("decode_bytes returned blank text")
    "x".encode(encoding)  # a usable codec name


def check_jsonl(data: bytes) -> None:
    from eventwire.ingest.jsonl import read_jsonl

    _records(read_jsonl(io.BufferedReader(io.BytesIO(data)), "f.jsonl", SETTINGS), "f.jsonl")


def check_json(data: bytes) -> None:
    from eventwire.ingest.jsonl import read_json

    _records(read_json(data, "f.json"), "f.json")


def check_warc(data: bytes) -> None:
    from eventwire.ingest.warc import read_warc

    _records(read_warc(io.BufferedReader(io.BytesIO(data)), "f.warc", SETTINGS), "f.warc")


def check_gzip(data: bytes) -> None:
    from eventwire.ingest.streams import open_guarded, read_capped

    # The first byte says whether to prepend a valid gzip header, which the
    # mutator rarely builds by itself.
    mode, body = _split(data, ("raw", "compress", "truncate"))
    if mode == "compress":
        body = gzip.compress(body, mtime=0)
    elif mode == "truncate":
        full = gzip.compress(body, mtime=0)
        body = full[: max(1, len(full) * 2 // 3)]
    stream, guard = open_guarded(io.BufferedReader(io.BytesIO(body)), LIMITS.max_decompressed_bytes)
    try:
        read_capped(stream, LIMITS.max_document_bytes, guard)
    except InputError as exc:
        if exc.reason not in ("gzip_bomb", "truncated_gzip", "bad_gzip", "too_large"):
            raise FuzzBug(f"gzip guard refused with unexpected reason {exc.reason!r}") from exc


class _NoNetwork:
    """Stands in for the Fetcher: a feed file's links are never fetched here."""

    def fetch(self, url: str):
        raise FetchError("fetch_failed", f"offline fuzzing: {url} not fetched")


def check_sources(data: bytes) -> None:
    """A file as ``read_path`` reads it: dispatch by name and magic bytes."""
    from eventwire.ingest.sources import read_path

    name, content = _split(data, _NAMES)
    path = os.path.join(_scratch(), name)
    with open(path, "wb") as handle:
        handle.write(content)
    # No prefix check: a feed entry that had to be fetched is named by its link.
    _records(read_path(path, SETTINGS, lambda: _NoNetwork()))


_SCRATCH: list[str] = []


def _scratch() -> str:
    """One private directory per process for the files check_sources writes."""
    if not _SCRATCH:
        base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
        directory = tempfile.mkdtemp(prefix="eventwire-fuzz-", dir=base)
        atexit.register(shutil.rmtree, directory, True)
        _SCRATCH.append(directory)
    return _SCRATCH[0]


def check_feed(data: bytes) -> None:
    from eventwire.ingest.feeds import feed_file_documents, looks_like_feed

    looks_like_feed(data)
    _records(feed_file_documents(data, "f.rss", lambda: _NoNetwork()))


def check_http(data: bytes) -> None:
    """A fuzzed server (status, headers, body) behind fuzzed DNS answers.

    The fetcher must raise only FetchError and must never send a request to
    a host any of whose addresses is private.
    """
    import httpx

    from eventwire.ingest.http import Fetcher, document_from_page, is_public_address

    text = data[1:].decode("latin-1")
    parts = (text.split("\x00") + ["", "", "", "", ""])[:5]
    url, location, address, content_type, body = parts
    # The first byte picks the status and whether robots.txt is asked for.
    status = (200, 200, 301, 302, 307, 404, 500, 204)[data[0] % 8] if data else 200

    def resolve(host: str, port: int) -> list[str]:
        if host.startswith("private"):
            return ["10.0.0.1"]
        if host.startswith("evil"):
            return [address or "127.0.0.1"]
        return ["93.184.216.34"]

    def handler(request: httpx.Request) -> httpx.Response:
        host = request.url.host
        for addr in resolve(host, 80):
            try:
                public = is_public_address(addr)
            except ValueError:
                public = False
            if not public:
                raise FuzzBug(f"request sent to {host} ({addr}), a private address")
        # Raw header bytes, as a server may send any octets.
        headers = [(b"content-type", content_type[:200].encode("latin-1"))]
        if location:
            headers.append((b"location", location[:500].encode("latin-1")))
        return httpx.Response(status, headers=headers, content=body.encode("latin-1"))

    settings = Settings(http=Http(respect_robots=bool(data[:1] and data[0] & 1), max_bytes=2_000))
    client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=False)
    fetcher = Fetcher(settings, client=client, resolve=resolve)
    try:
        page = fetcher.fetch(url or "http://example.org/")
    except FetchError:
        return
    finally:
        client.close()
    item = document_from_page(page, source=url or "x")
    if not isinstance(item, RawDocument | Reject):
        raise FuzzBug("document_from_page returned neither a document nor a Reject")


def check_url(data: bytes) -> None:
    from eventwire.extract.identity import article_id, canonical_url
    from eventwire.ingest.jsonl import parse_date

    text = data.decode("utf-8", errors="surrogateescape")
    canonical = canonical_url(text)
    if canonical is not None and not canonical.startswith(("http://", "https://")):
        raise FuzzBug(f"canonical_url gave a non-http URL {canonical!r}")
    ident = article_id(canonical, text)
    if len(ident) != 24:
        raise FuzzBug("article id is not 24 characters")
    parse_date(text)


# -- extraction --------------------------------------------------------------
def _check_extract(content: bytes, kind: str, url: str | None) -> None:
    from eventwire.extract.article import extract_article

    doc = RawDocument(source="fuzz", content=content, kind=kind, url=url)
    try:
        art = extract_article(doc, LIMITS)
    except InputError:
        return
    if not art.text.strip():
        raise FuzzBug("extraction returned an article without text")
    if len(art.text) > LIMITS.max_text_chars:
        raise FuzzBug(f"article text of {len(art.text)} chars passed max_text_chars")
    if len(art.article_id) != 24:
        raise FuzzBug("article id is not 24 characters")


def check_extract_html(data: bytes) -> None:
    url, content = _split(data, (None, "https://example.org/news/2018/06/12/story", "http://x/", "http://[",
                                 "http://[::1]:99999/a", "javascript:alert(1)", "https://example.org/%zz?utm_source=x#f"))
    _check_extract(content, "html", url)


def check_extract_text(data: bytes) -> None:
    _check_extract(data, "text", None)


# -- coding (owned by the events/actors code) ---------------------------------
def check_code(data: bytes) -> None:
    import eventwire

    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        return
    for event in eventwire.code(text):
        sentence = event.sentence
        spans = [event.trigger, *event.sources, *event.targets]
        for span in spans:
            if not 0 <= span.start <= span.end <= len(sentence):
                raise FuzzBug(f"span {span.start}:{span.end} outside its sentence of {len(sentence)} chars")
        if not -10 <= event.intensity <= 10 or event.quad_class not in (1, 2, 3, 4):
            raise FuzzBug(f"intensity {event.intensity} or quad class {event.quad_class} out of range")


TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target("decode", "readers", check_decode, 8_192),
        Target("jsonl", "readers", check_jsonl),
        Target("json", "readers", check_json),
        Target("warc", "readers", check_warc),
        Target("gzip", "readers", check_gzip),
        Target("sources", "readers", check_sources),
        Target("feed", "readers", check_feed),
        Target("http", "readers", check_http, 4_096),
        Target("url", "readers", check_url, 2_048),
        Target("extract_html", "extract", check_extract_html, 32_768),
        Target("extract_text", "extract", check_extract_text, 16_384),
        Target("code", "coding", check_code, 4_096),
    )
}


def fixture_dir(target: str) -> str:
    """Where saved inputs of ``target`` live (coding ones go to its owner's folder)."""
    return "coding" if TARGETS[target].group == "coding" else target
