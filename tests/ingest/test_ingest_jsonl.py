import datetime as dt
import io

from eventwire.ingest import iter_documents
from eventwire.ingest.jsonl import parse_date, read_jsonl
from eventwire.records import RawDocument, Reject


def test_jsonl_fixture_line_by_line(fixtures, settings):
    path = str(fixtures / "articles.jsonl")
    items = list(iter_documents([path], settings))
    summary = [(item.source.rsplit("#", 1)[1], getattr(item, "kind", None) or item.reason) for item in items]
    assert summary == [
        ("L1", "text"), ("L2", "html"), ("L4", "bad_json"), ("L5", "missing_field"), ("L6", "bad_json"), ("L7", "text"),
    ]
    first, second = items[0], items[1]
    assert first == RawDocument(
        source=f"{path}#L1", content=b"Foreign ministers met in Geneva on Thursday.", kind="text",
        url="https://example.org/news/1", title="Talks resume", published=dt.date(2024, 5, 2), encoding="utf-8",
    )
    assert second.published == dt.date(2024, 5, 2) and second.content.startswith(b"<html>")
    assert items[5].published is None  # "not a date" is dropped, not a reason to reject


def test_bad_line_reject_carries_size_and_hash(fixtures, settings):
    items = list(iter_documents([str(fixtures / "articles.jsonl")], settings))
    bad = items[2]
    assert isinstance(bad, Reject) and bad.stage == "ingest" and bad.size > 0 and len(bad.content_hash) == 64
    assert "not valid JSON" in bad.message


def test_text_wins_over_html_and_aliases_are_read():
    line = (
        b'{"maintext": "Clean text.", "raw_html": "<p>Raw</p>", "date_publish": "2023-11-30 08:00:00",'
        b' "headline": "H", "link": "https://x.org/1"}\n'
    )
    [doc] = read_jsonl(io.BytesIO(line), "a.jsonl", _settings())
    assert (doc.kind, doc.content, doc.published, doc.title, doc.url) == (
        "text", b"Clean text.", dt.date(2023, 11, 30), "H", "https://x.org/1",
    )


def test_blank_text_falls_back_to_html_and_all_blank_is_empty():
    stream = io.BytesIO(b'{"text": " ", "html": "<p>Body</p>"}\n{"text": "", "html": "\\n"}\n')
    doc, reject = read_jsonl(stream, "a.jsonl", _settings())
    assert doc.kind == "html" and reject.reason == "empty"


def test_over_long_line_is_skipped_without_losing_the_next(settings):
    long_line = b'{"text": "' + b"x" * (settings.limits.max_document_bytes + 10) + b'"}\n'
    stream = io.BytesIO(long_line + b'{"text": "Short story."}\n')
    reject, doc = read_jsonl(stream, "a.jsonl", settings)
    assert reject.reason == "too_large" and reject.source == "a.jsonl#L1" and reject.size == len(long_line)
    assert doc.source == "a.jsonl#L2" and doc.content == b"Short story."


def test_bom_crlf_and_missing_final_newline():
    stream = io.BytesIO(b'\xef\xbb\xbf{"text": "One."}\r\n{"text": "Two."}')
    assert [d.content for d in read_jsonl(stream, "a.jsonl", _settings())] == [b"One.", b"Two."]


def test_invalid_utf8_lone_surrogates_and_deep_nesting_are_bad_json():
    stream = io.BytesIO(b'{"text": "caf\xe9"}\n{"text": "half \\ud800 pair"}\n' + b"[" * 100_000 + b"\n")
    items = list(read_jsonl(stream, "a.jsonl", _settings()))
    assert [item.reason for item in items] == ["bad_json"] * 3


def test_json_file_list(fixtures, settings):
    path = str(fixtures / "articles.json")
    items = list(iter_documents([path], settings))
    assert [item.source for item in items] == [f"{path}#record-{i}" for i in (1, 2, 3, 4)]
    assert [getattr(i, "kind", None) or i.reason for i in items] == ["text", "html", "bad_json", "empty"]
    assert items[0].published == dt.date(2024, 3, 1)


def test_json_file_single_object_and_junk(tmp_path, settings):
    (tmp_path / "one.json").write_text('{"title": "Solo", "text": "Just one article."}')
    (tmp_path / "num.json").write_text("42")
    (tmp_path / "broken.json").write_text('{"text": ')
    items = list(iter_documents([str(tmp_path / n) for n in ("one.json", "num.json", "broken.json")], settings))
    assert items[0].source == str(tmp_path / "one.json") and items[0].title == "Solo"
    assert [i.reason for i in items[1:]] == ["bad_json", "bad_json"]


def test_parse_date_forms():
    assert parse_date("2024-05-01") == dt.date(2024, 5, 1)
    assert parse_date("2024-05-01T23:59:00+05:00") == dt.date(2024, 5, 1)
    assert parse_date("Wed, 01 May 2024 10:00:00 GMT") == dt.date(2024, 5, 1)
    assert parse_date("2024-13-45") is None
    assert parse_date(20240501) is None
    assert parse_date("yesterday") is None


def _settings():
    from eventwire.settings import Settings

    return Settings()
