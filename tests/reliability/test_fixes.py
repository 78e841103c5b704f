"""One named test per bug the fuzzers and fault trials found (the inputs are also replayed
from tests/fixtures/fuzz by test_fuzz_regressions.py)."""

from __future__ import annotations

import errno

import httpx
import pytest

from eventwire.errors import FetchError, InputError, StoreError, UsageError
from eventwire.settings import Http, Settings


def test_redirect_to_a_malformed_location_is_a_fetch_error_not_a_crash():
    from eventwire.ingest.http import Fetcher

    def handler(request):
        return httpx.Response(302, headers={"location": "http://l[p/A"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    fetcher = Fetcher(Settings(http=Http(respect_robots=False)), client=client, resolve=lambda h, p: ["93.184.216.34"])
    with pytest.raises(FetchError) as err:
        fetcher.fetch("http://example.org/a")
    assert err.value.reason == "fetch_failed" and "invalid URL" in str(err.value)


@pytest.mark.parametrize("url", ["http://[", "//tt\udcfahp:[0", "https://[::1"])
def test_canonical_url_of_a_malformed_host_is_none(url):
    from eventwire.extract.identity import article_id, canonical_url

    assert canonical_url(url) is None
    assert len(article_id(canonical_url(url), "some text")) == 24


def test_a_warc_record_with_a_malformed_target_uri_does_not_stop_the_ingest(tmp_path, store):
    from eventwire.runner.local import ingest
    from tests.ingest.helpers import WarcRecordSpec, build_warc, page

    body = page("Talks", "Russia accused Ukraine of shelling the town, officials said on Tuesday.")
    warc = build_warc([WarcRecordSpec("http://[broken", body), WarcRecordSpec("https://example.org/ok", page("Fine"))])
    (tmp_path / "crawl.warc").write_bytes(warc)
    stats = ingest([str(tmp_path / "crawl.warc")], store, Settings(code_events=False))
    assert stats.status == "ok"
    assert stats.articles_new == 2


def test_an_empty_feed_body_is_bad_feed():
    from eventwire.ingest.feeds import parse_feed

    with pytest.raises(InputError) as err:
        parse_feed(b"", "https://example.org/rss")
    assert err.value.reason == "bad_feed"


def test_character_references_to_no_character_keep_the_feed_readable():
    from eventwire.ingest.feeds import parse_feed

    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
            b"<item><title>a&#xD800;b&#55296;c&#x110000;d&#" + b"9" * 5000 + b";e&#x41;</title>"
            b"<link>https://example.org/1</link></item></channel></rss>")
    [entry] = parse_feed(feed, "f.rss")
    assert entry.title == "a\ufffdb\ufffdc\ufffdd\ufffdeA"
    assert entry.link == "https://example.org/1"


def test_a_store_path_that_is_a_file_is_a_store_error(tmp_path):
    from eventwire.store.store import open_store

    path = tmp_path / "file"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file"):
        open_store(path)
    with pytest.raises(StoreError, match="is a file"):
        open_store(path, create=True)


@pytest.mark.parametrize("value", ["9" * 400, str(2**63), "99999999999999999999"])
def test_as_of_past_the_largest_delta_version_is_a_usage_error(value):
    from eventwire.store.store import parse_as_of

    with pytest.raises(UsageError, match="a version is a number"):
        parse_as_of(value)


def test_full_disk_errors_say_so_on_one_line(tmp_path):
    from eventwire.store.store import write_error

    delta = ("Generic LocalFileSystem error\n          \x1b[31m\u21b3\x1b[0m Unable to copy data to file\n"
             "           \x1b[31m\u21b3\x1b[0m No space left on device (os error 28)")
    for exc in (OSError(errno.ENOSPC, "No space left on device"), OSError(errno.EFBIG, "File too large"),
                RuntimeError(delta)):
        err = write_error("writing 5 rows to 'articles'", tmp_path, exc)
        text = str(err)
        assert "disk holding the store is full" in text and "\n" not in text and "\x1b" not in text
        assert "store is intact" in text
    other = str(write_error("writing", tmp_path, OSError(errno.EACCES, "Permission denied")))
    assert "full" not in other and "Permission denied" in other


def test_cli_prints_an_error_holding_markup_as_typed():
    from typer.testing import CliRunner

    from eventwire.cli.main import app

    result = CliRunner().invoke(app, ["ingest", "x", "--date", "[/]"])
    assert result.exit_code == 2
    assert "'[/]' is not a date" in result.output


def test_a_merge_keeps_retrying_past_eight_conflicts(store, monkeypatch):
    """Four writers with small batches ran a writer out of its 8 retries; retries now last a minute."""
    import pyarrow as pa
    from deltalake.exceptions import CommitFailedError

    import eventwire.store.store as store_module
    from eventwire.store.schema import REJECTS

    monkeypatch.setattr(store_module, "_back_off", lambda attempt: None)
    real = store_module.EventStore.delta
    failures = {"left": 12}

    class Conflicting:
        def __init__(self, table):
            self.table = table

        def merge(self, *args, **kwargs):
            if failures["left"]:
                failures["left"] -= 1
                raise CommitFailedError("a concurrent writer committed first")
            return self.table.merge(*args, **kwargs)

    monkeypatch.setattr(store_module.EventStore, "delta", lambda self, name, as_of=None: Conflicting(real(self, name, as_of)))
    row = {"reject_id": "r1", "source": "a", "reason": "empty", "message": "m", "stage": "ingest", "size": 0,
           "content_hash": "", "run_id": "x", "rejected_at": None}
    assert store.insert_new("rejects", pa.Table.from_pylist([row], schema=REJECTS)) == 1
    assert failures["left"] == 0
