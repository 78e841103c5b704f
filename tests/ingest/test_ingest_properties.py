"""Readers never raise on arbitrary bytes: they yield documents or Rejects."""

import gzip
import io
import os
import tempfile

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest.decode import decode_bytes
from eventwire.ingest.jsonl import read_json, read_jsonl
from eventwire.ingest.sources import read_path
from eventwire.ingest.warc import read_warc
from eventwire.records import RawDocument, Reject
from eventwire.settings import Limits, Settings
from tests.ingest.helpers import WarcRecordSpec, build_warc, page

SETTINGS = Settings(limits=Limits(max_document_bytes=4_000, max_decompressed_bytes=20_000))
GOOD_WARC = build_warc([
    WarcRecordSpec("https://example.org/1", page("One")),
    WarcRecordSpec("https://example.org/2", page("Two"), content_type="text/plain"),
])
FUZZ = hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def only_records(items):
    assert all(isinstance(item, RawDocument | Reject) for item in items)
    return items


@FUZZ
@given(st.binary(max_size=2_000), st.none() | st.sampled_from(["utf-8", "latin-1", "shift_jis", "bogus", "utf-16"]))
def test_decode_bytes_returns_text_or_input_error(content, declared):
    try:
        text, encoding = decode_bytes(content, declared)
    except InputError as exc:
        assert exc.reason in {"empty", "binary"}
    else:
        assert isinstance(text, str) and text.strip()
        "x".encode(encoding)  # a real codec name


@FUZZ
@given(st.text(max_size=300))
def test_decode_bytes_round_trips_utf8_text(text):
    try:
        decoded, _ = decode_bytes(text.encode("utf-8"))
    except InputError:
        return
    assert decoded == text.removeprefix("\ufeff")


@FUZZ
@given(st.lists(st.binary(max_size=300) | st.sampled_from([b'{"text": "x"}', b'{"html": 1}', b"[]", b""]), max_size=8))
def test_jsonl_reader_never_raises(lines):
    items = only_records(list(read_jsonl(io.BytesIO(b"\n".join(lines)), "f.jsonl", SETTINGS)))
    assert all(item.source.startswith("f.jsonl#L") for item in items)


@FUZZ
@given(st.binary(max_size=1_000))
def test_json_reader_never_raises(content):
    only_records(list(read_json(content, "f.json")))


@FUZZ
@given(st.binary(max_size=1_500))
def test_warc_reader_never_raises_on_junk(content):
    only_records(list(read_warc(io.BytesIO(b"WARC/1.0\r\n" + content), "f.warc", SETTINGS)))


@FUZZ
@given(st.data())
def test_warc_reader_never_raises_on_damaged_warcs(data):
    damaged = bytearray(GOOD_WARC)
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, len(damaged) - 1))
        damaged[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(damaged)))
    only_records(list(read_warc(io.BytesIO(bytes(damaged[:cut])), "f.warc", SETTINGS)))


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=1_500),
    st.sampled_from(
        [".txt", ".html", ".jsonl", ".json", ".warc", ".rss", ".xml", ".dat", ".jsonl.gz", ".warc.gz", ".html.gz"]
    ),
    st.booleans(),
)
def test_any_file_is_read_without_raising(content, suffix, compress):
    if compress:
        content = gzip.compress(content)[: max(1, len(content))]  # sometimes truncated
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "input" + suffix)
        with open(path, "wb") as handle:
            handle.write(content)
        only_records(list(read_path(path, SETTINGS, _no_fetcher)))


def _no_fetcher():
    raise AssertionError("a local file must not need the network here")
