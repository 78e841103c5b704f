import datetime as dt

import pytest

from eventwire.errors import InputError
from eventwire.ingest import Fetcher, iter_documents
from eventwire.ingest.feeds import fetch_entries, looks_like_feed, parse_feed, poll_feeds, read_feed
from eventwire.records import RawDocument
from tests.ingest.helpers import page


def rss(items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of (guid, link, title) items dated 2024-05-0n."""
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid isPermaLink=\"false\">{guid}</guid>"
        f"<pubDate>Mon, 0{n + 1} May 2024 10:00:00 GMT</pubDate></item>"
        for n, (guid, link, title) in enumerate(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'


def test_parse_rss_fixture(fixtures):
    entries = parse_feed((fixtures / "feed.rss").read_bytes(), "feed.rss")
    first, second, third = entries
    assert first.entry_id == first.link == "https://example.org/news/ceasefire"
    assert first.published == dt.date(2024, 5, 6) and first.title == "Ceasefire agreed in the north"
    assert "northern province" in first.content and first.content_kind == "html"
    assert second.entry_id == "summit-2024-05-07" and second.link is None and second.content is None
    assert "postponed" in second.summary
    assert third.summary is None and third.content is None


def test_local_feed_file_needs_no_network(fixtures, settings):
    path = str(fixtures / "feed.rss")
    items = list(iter_documents([path], settings))
    first, second, third = items
    assert first == RawDocument(
        source=f"{path}#entry-1", content=first.content, kind="html", url="https://example.org/news/ceasefire",
        title="Ceasefire agreed in the north", published=dt.date(2024, 5, 6), encoding="utf-8",
    )
    assert b"northern province" in first.content
    assert second.source == f"{path}#entry-2" and b"postponed by a week" in second.content
    assert third.reason == "missing_field"


def test_atom_file(fixtures, settings):
    [doc] = iter_documents([str(fixtures / "feed.atom")], settings)
    assert doc.url == "https://example.org/news/budget" and doc.published == dt.date(2024, 5, 8)
    assert b"narrow margin" in doc.content


def test_local_feed_entry_without_content_is_fetched(server, settings, tmp_path):
    link = server.add("/story", page("Fetched story"))
    feed = tmp_path / "saved.xml"
    feed.write_text(rss([("g1", link, "Fetched")]))
    [doc] = iter_documents([str(feed)], settings)
    assert doc.source == link and doc.content == page("Fetched story") and doc.title == "Fetched"


def test_feed_url_stands_for_its_entries(server, settings):
    a = server.add("/a", page("A"))
    b = server.add("/b", page("B"))
    feed = server.add("/rss", rss([("ga", a, "Story A"), ("gb", b, "Story B"), ("gc", server.url("/gone"), "Gone")]),
                      content_type="application/rss+xml")
    items = list(iter_documents([feed], settings))
    assert [(i.source, getattr(i, "title", None)) for i in items[:2]] == [(a, "Story A"), (b, "Story B")]
    assert items[0].published == dt.date(2024, 5, 1) and items[1].published == dt.date(2024, 5, 2)
    assert items[2].source == server.url("/gone") and items[2].reason == "http_status"


def test_feed_served_as_text_html_is_still_a_feed(server, settings):
    link = server.add("/a", page("A"))
    feed = server.add("/feed", rss([("g", link, "A")]), content_type="text/html")
    assert [i.source for i in iter_documents([feed], settings)] == [link]


def test_relative_links_resolve_against_the_feed_url(server, settings):
    server.add("/news/a", page("A"))
    feed = server.add("/news/feed.xml", rss([("g", "a", "A")]), content_type="application/rss+xml")
    with Fetcher(settings) as fetcher:
        [entry] = read_feed(feed, settings, fetcher)
    assert entry.link == server.url("/news/a")


def test_read_feed_errors(server, settings):
    with Fetcher(settings) as fetcher:
        with pytest.raises(InputError) as info:
            read_feed(server.add("/page", page("Not a feed")), settings, fetcher)
        assert info.value.reason == "bad_feed"
        with pytest.raises(InputError) as info:
            read_feed(server.url("/missing"), settings, fetcher)
        assert info.value.reason == "http_status"


def test_poll_feeds_returns_only_new_entries(server, settings):
    one = server.add("/1", page("One"))
    two = server.add("/2", page("Two"))
    server.add("/rss", rss([("g1", one, "One")]), content_type="application/rss+xml")
    with Fetcher(settings) as fetcher:
        first = poll_feeds([server.url("/rss"), server.url("/broken")], set(), settings, fetcher)
        assert [e.entry_id for e in first.entries] == ["g1"] and first.seen == {"g1"}
        assert [r.reason for r in first.rejects] == ["http_status"] and first.rejects[0].source == server.url("/broken")

        server.add("/rss", rss([("g2", two, "Two"), ("g1", one, "One")]), content_type="application/rss+xml")
        seen = set(first.seen)
        second = poll_feeds([server.url("/rss")], seen, settings, fetcher)
        assert [e.link for e in second.entries] == [two] and second.seen == {"g1", "g2"}
        assert seen == {"g1"}  # the caller's set is not changed

        docs = list(fetch_entries(second.entries, settings, fetcher))
        assert [(d.source, d.title) for d in docs] == [(two, "Two")]
        assert poll_feeds([server.url("/rss")], second.seen, settings, fetcher).entries == []


def test_entries_without_id_or_link_get_a_stable_hash_id():
    feed = b'<rss version="2.0"><channel><item><title>Only a title</title></item></channel></rss>'
    first = parse_feed(feed, "https://example.org/rss")[0].entry_id
    assert first.startswith("sha256:") and first == parse_feed(feed, "https://example.org/rss")[0].entry_id


def test_feed_sniffing():
    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c --><rss version="2.0">')
    assert looks_like_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">')
    assert looks_like_feed(b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">')
    assert not looks_like_feed(b"<!DOCTYPE html><html><head><link type='application/rss+xml'>")


def test_feedparser_never_reads_a_path_or_url_from_the_content():
    # Given a bare string, feedparser would open it as a file: bytes that
    # spell a path must be treated as (broken) feed data.
    with pytest.raises(InputError):
        parse_feed(b"/etc/hostname", "x")
