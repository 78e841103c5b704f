import datetime as dt
import gzip
import io

import pytest
from warcio.archiveiterator import ArchiveIterator

from eventwire.ingest import iter_documents
from eventwire.ingest.warc import read_warc
from eventwire.records import RawDocument, Reject
from tests.ingest.helpers import WarcRecordSpec, build_warc, page

SPECS = [
    WarcRecordSpec("https://example.org/1", page("One")),
    WarcRecordSpec("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png"),
    WarcRecordSpec("https://example.org/2", page("Two"), content_type="text/html; charset=windows-1251"),
    WarcRecordSpec("https://example.org/missing", page("Not found"), status="404 Not Found"),
    WarcRecordSpec("https://example.org/3", page("Three"), content_type="application/xhtml+xml"),
]


def read(data: bytes, settings, source="crawl.warc"):
    return list(read_warc(io.BytesIO(data), source, settings))


def test_html_responses_become_documents(settings):
    docs = read(build_warc(SPECS), settings)
    assert [d.url for d in docs] == ["https://example.org/1", "https://example.org/2", "https://example.org/3"]
    first = docs[0]
    assert isinstance(first, RawDocument) and first.kind == "html" and first.content == page("One")
    assert first.fetched_at is not None and first.fetched_at.tzinfo == dt.UTC
    assert docs[1].encoding == "windows-1251"


def test_records_are_named_by_their_number_in_the_file(settings):
    # warcinfo=1, then request/response pairs: the first response is record 3.
    docs = read(build_warc(SPECS), settings)
    assert [d.source for d in docs] == ["crawl.warc#record-3", "crawl.warc#record-7", "crawl.warc#record-11"]


def test_resource_records_with_html_are_read(settings):
    specs = [WarcRecordSpec("file:///saved/story.html", page("Saved"), rec_type="resource"),
             WarcRecordSpec("urn:meta", b"{}", content_type="application/json", rec_type="metadata")]
    [doc] = read(build_warc(specs), settings)
    assert doc.url == "file:///saved/story.html" and doc.source == "crawl.warc#record-2"


def test_gzipped_warc_via_iter_documents(tmp_path, settings):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(build_warc(SPECS, gzip=True))
    docs = list(iter_documents([str(path)], settings))
    assert [d.source for d in docs] == [f"{path}#record-{n}" for n in (3, 7, 11)]


def test_whole_file_gzip_warc_is_read_too(tmp_path, settings):
    # Some tools gzip the whole WARC in one member; warcio alone refuses it.
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(build_warc(SPECS)))
    assert len(list(iter_documents([str(path)], settings))) == 3


def test_oversized_payload_is_rejected_and_reading_goes_on(settings):
    big = page("Big", "word " * settings.limits.max_document_bytes)
    data = build_warc([WarcRecordSpec("https://example.org/big", big), *SPECS[:1]])
    reject, doc = read(data, settings)
    assert reject.reason == "too_large" and reject.source == "crawl.warc#record-3"
    assert doc.url == "https://example.org/1"


@pytest.mark.parametrize("fraction", [0.35, 0.5, 0.62, 0.8, 0.97])
def test_truncated_warc_yields_records_before_the_break_then_one_reject(settings, fraction):
    data = build_warc(SPECS)
    cut = data[: int(len(data) * fraction)]
    items = read(cut, settings)
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert [r.reason for r in rejects] == ["truncated_warc"] and items[-1] is rejects[0]
    complete = [d for d in read(data, settings) if d.url in {x.url for x in docs}]
    assert docs == complete  # what came before the break is intact


def record_ends(data: bytes) -> list[int]:
    """Where each record's block ends (before its CRLF CRLF separator)."""
    iterator = ArchiveIterator(io.BytesIO(data))
    ends = []
    for _ in iterator:
        ends.append(iterator.get_record_offset() + iterator.get_record_length())
    return ends


def test_every_cut_point_is_reported(settings):
    data = build_warc(SPECS[:2])
    full = read(data, settings)
    # A cut at a record boundary (give or take the separator) leaves a valid, shorter WARC.
    boundaries = {end + extra for end in record_ends(data) for extra in range(5)}
    for cut in range(1, len(data) + 1):
        items = read(data[:cut], settings)
        assert all(item in full for item in items if isinstance(item, RawDocument)), cut
        if cut in boundaries:
            assert not any(isinstance(item, Reject) for item in items), cut
        else:
            assert isinstance(items[-1], Reject) and items[-1].reason == "truncated_warc", (cut, items[-1:])
            assert sum(isinstance(item, Reject) for item in items) == 1, cut


def test_truncated_gzipped_warc(tmp_path, settings):
    data = build_warc(SPECS, gzip=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * 0.7)])
    items = list(iter_documents([str(path)], settings))
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "Reject"]
    assert items[-1].reason == "truncated_warc"


def test_not_a_warc(settings):
    [reject] = read(b"This is a plain text file pretending to be a WARC.\n" * 5, settings)
    assert reject.reason == "bad_warc"
    assert [r.reason for r in read(b"", settings)] == ["empty"]


def test_gzip_bomb_in_a_warc_stops_the_file(tmp_path, settings):
    path = tmp_path / "bomb.warc.gz"
    good = build_warc(SPECS[:1], gzip=True)
    path.write_bytes(good + gzip.compress(b"WARC/1.0\r\n" + b"X" * 30_000_000))
    items = list(iter_documents([str(path)], settings))
    assert [getattr(i, "reason", "doc") for i in items] == ["doc", "gzip_bomb"]
