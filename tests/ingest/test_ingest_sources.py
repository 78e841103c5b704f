"""iter_documents over local paths: dispatch, directories, gzip, and bad files."""

import gzip
import os
import shutil

import pytest

from eventwire.ingest import iter_documents, sources
from eventwire.records import RawDocument, Reject
from tests.ingest.helpers import WarcRecordSpec, build_warc, page


def run(paths, settings):
    return list(iter_documents([str(p) for p in paths], settings))


def reasons(items):
    return [item.reason for item in items if isinstance(item, Reject)]


def test_text_and_html_files(fixtures, settings):
    text, html = run([fixtures / "article.txt", fixtures / "article.html"], settings)
    source = fixtures / "article.txt"
    assert text == RawDocument(source=str(source), content=source.read_bytes(), kind="text")
    assert html.kind == "html" and html.source == str(fixtures / "article.html")
    assert b"Ministers resume talks" in html.content


def test_directory_is_walked_recursively_sorted_and_without_hidden_files(tmp_path, settings):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta story.")
    (tmp_path / "a.txt").write_text("Alpha story.")
    (tmp_path / "c.html").write_text("<p>Gamma story.</p>")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text("hidden")
    (tmp_path / ".notes.txt").write_text("hidden")
    items = run([tmp_path], settings)
    expected = [tmp_path / "a.txt", tmp_path / "b" / "z.txt", tmp_path / "c.html"]
    assert [item.source for item in items] == [str(path) for path in expected]


def test_symlink_loop_in_a_directory_is_not_followed_forever(tmp_path, settings):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("A story.")
    os.symlink(tmp_path / "news", tmp_path / "news" / "again")
    assert [item.source for item in run([tmp_path / "news"], settings)] == [str(tmp_path / "news" / "a.txt")]


def test_inputs_are_read_in_the_order_given(fixtures, settings):
    items = run([fixtures / "article.html", fixtures / "article.txt"], settings)
    assert [item.kind for item in items] == ["html", "text"]


def test_empty_file_is_rejected(tmp_path, settings):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"  \n\n ")
    assert reasons(run([tmp_path / "empty.txt", tmp_path / "blank.html"], settings)) == ["empty", "empty"]


def test_binary_file_is_rejected_not_crashed_on(tmp_path, settings):
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "zz_after.txt").write_text("The stream goes on.")
    items = run([tmp_path], settings)
    assert reasons(items) == ["binary", "binary"]
    assert items[-1].kind == "text"


def test_too_large_file_is_refused_from_its_size(tmp_path, settings, monkeypatch):
    big = tmp_path / "big.html"
    with big.open("wb") as handle:  # sparse: the test does not write 50 KB of data
        handle.truncate(settings.limits.max_document_bytes + 1)
    read_calls = []
    monkeypatch.setattr(sources, "read_capped", lambda *args: read_calls.append(args))
    [reject] = run([big], settings)
    assert reject.reason == "too_large" and reject.size == settings.limits.max_document_bytes + 1
    assert read_calls == []


def test_gzipped_inputs_are_decompressed(tmp_path, fixtures, settings):
    with gzip.open(tmp_path / "article.html.gz", "wb") as handle:
        handle.write((fixtures / "article.html").read_bytes())
    with gzip.open(tmp_path / "articles.jsonl.gz", "wb") as handle:
        handle.write((fixtures / "articles.jsonl").read_bytes())
    items = run([tmp_path / "article.html.gz", tmp_path / "articles.jsonl.gz"], settings)
    assert items[0].kind == "html" and items[0].content == (fixtures / "article.html").read_bytes()
    assert items[1].source == f"{tmp_path / 'articles.jsonl.gz'}#L1"


def test_gzip_is_recognised_by_magic_without_the_suffix(tmp_path, settings):
    (tmp_path / "story.txt").write_bytes(gzip.compress(b"A compressed story."))
    [doc] = run([tmp_path / "story.txt"], settings)
    assert doc.content == b"A compressed story."


def test_gzip_bomb_is_stopped(tmp_path, settings):
    # 20 MB of one letter compresses to ~20 KB: far past the 200 KB cap at 1000:1.
    bomb = gzip.compress(b"A" * 20_000_000)
    (tmp_path / "bomb.txt.gz").write_bytes(bomb)
    (tmp_path / "bomb.jsonl.gz").write_bytes(bomb)
    items = run([tmp_path / "bomb.txt.gz", tmp_path / "bomb.jsonl.gz"], settings)
    assert reasons(items) == ["gzip_bomb", "gzip_bomb"]
    assert "max_decompressed_bytes" in items[0].message


def test_big_but_ordinary_gzip_is_too_large_not_a_bomb(tmp_path, settings):
    words = " ".join(f"word{i}" for i in range(40_000)).encode()  # ~300 KB, compresses ~4:1
    (tmp_path / "long.txt.gz").write_bytes(gzip.compress(words))
    assert reasons(run([tmp_path / "long.txt.gz"], settings)) == ["too_large"]


def test_corrupt_and_truncated_gzip(tmp_path, settings):
    good = gzip.compress(b"A story that will be cut short. " * 200)
    (tmp_path / "cut.txt.gz").write_bytes(good[: len(good) // 2])
    (tmp_path / "fake.txt.gz").write_bytes(b"plain text named .gz")
    assert reasons(run([tmp_path / "cut.txt.gz", tmp_path / "fake.txt.gz"], settings)) == ["truncated_gzip", "bad_gzip"]


def test_missing_path_and_broken_symlink(tmp_path, settings):
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    items = run([tmp_path / "absent.txt", tmp_path / "link.txt"], settings)
    assert reasons(items) == ["not_found", "unreadable"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_is_unreadable(tmp_path, settings):
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    assert reasons(run([locked], settings)) == ["unreadable"]


def test_open_failure_is_unreadable_and_the_stream_goes_on(tmp_path, settings, monkeypatch):
    (tmp_path / "a.txt").write_text("Locked story.")
    (tmp_path / "b.txt").write_text("Readable story.")
    real_open = open

    def deny_a(path, *args, **kwargs):
        if str(path).endswith("a.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny_a)
    items = run([tmp_path], settings)
    assert reasons(items) == ["unreadable"] and "Permission denied" in items[0].message
    assert items[1].content == b"Readable story."


def test_fifo_in_a_directory_is_skipped_without_blocking(tmp_path, settings):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "story.txt").write_text("A story.")
    items = run([tmp_path], settings)
    assert reasons(items) == ["unreadable"] and items[1].kind == "text"


def test_unknown_extension_is_sniffed(tmp_path, settings, fixtures):
    (tmp_path / "page.dat").write_bytes(page("Sniffed"))
    (tmp_path / "notes").write_text("Plain words without markup.")
    (tmp_path / "image.bin").write_bytes(b"GIF89a" + bytes(64))
    (tmp_path / "crawl.arc0").write_bytes(build_warc([WarcRecordSpec("https://example.org/w", page("In a WARC"))]))
    shutil.copy(fixtures / "feed.atom", tmp_path / "feed.out")
    items = run([tmp_path / name for name in ("page.dat", "notes", "image.bin", "crawl.arc0", "feed.out")], settings)
    assert [(getattr(i, "kind", None), getattr(i, "reason", None)) for i in items] == [
        ("html", None), ("text", None), (None, "binary"), ("html", None), ("html", None),
    ]
    assert items[3].url == "https://example.org/w"


def test_xml_that_is_not_a_feed_is_unsupported(tmp_path, settings):
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>https://x.org/</loc></url></urlset>')
    assert reasons(run([tmp_path / "sitemap.xml"], settings)) == ["unsupported"]


def test_a_directory_of_many_files_streams(tmp_path, settings):
    for i in range(300):
        (tmp_path / f"{i:04d}.txt").write_text(f"Story number {i}.")
    stream = iter_documents([str(tmp_path)], settings)
    first = next(stream)
    assert first.source.endswith("0000.txt")
    stream.close()  # the generator releases its files and fetcher


def test_reading_local_files_loads_no_network_or_archive_library(tmp_path):
    """Written for the project: httpx, feedparser and warcio load only for URLs, feeds and WARC files."""
    import subprocess
    import sys

    (tmp_path / "story.txt").write_text("Japan and Russia met in Moscow.")
    libraries = ("httpx", "feedparser", "warcio")
    code = (
        "import sys\n"
        "from eventwire.ingest.sources import iter_documents\n"
        "from eventwire.settings import Settings\n"
        f"docs = list(iter_documents([{str(tmp_path)!r}], Settings()))\n"
        f"print(len(docs), sorted(m for m in {libraries!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "1 []"
