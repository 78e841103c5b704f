"""The Fetcher against a real loopback server (and, for public-address cases, a mock transport)."""

import gzip
import socket

import httpx
import pytest

from eventwire.errors import FetchError
from eventwire.ingest import iter_documents
from eventwire.ingest.http import Fetcher, check_address, document_from_page, is_public_address
from eventwire.settings import Http, Settings
from tests.ingest.helpers import page


def fetch_error(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetcher.fetch(url)
    return info.value


def test_fetches_a_page_with_an_honest_user_agent(server, settings):
    url = server.add("/news/1", page("One"), content_type="text/html; charset=ISO-8859-1")
    with Fetcher(settings) as fetcher:
        got = fetcher.fetch(url)
    assert (got.status, got.content, got.content_type, got.charset) == (200, page("One"), "text/html", "ISO-8859-1")
    assert got.fetched_at.tzinfo is not None
    agent = dict(server.requests)["/news/1"]
    assert agent == settings.http.user_agent and agent.startswith("eventwire/")


def test_page_as_document(server, settings):
    [doc] = iter_documents([server.add("/a", page("A"))], settings)
    assert (doc.source, doc.url, doc.kind, doc.encoding) == (server.url("/a"), server.url("/a"), "html", "utf-8")
    [text] = iter_documents([server.add("/t.txt", "Plain words.", content_type="text/plain")], settings)
    assert text.kind == "text"
    [pdf] = iter_documents([server.add("/f.pdf", b"%PDF-1.4", content_type="application/pdf")], settings)
    assert pdf.reason == "unsupported"
    [blank] = iter_documents([server.add("/blank", "")], settings)
    assert blank.reason == "empty"


def test_redirects_are_followed_and_the_final_url_kept(server, settings):
    server.add("/final", page("Final"))
    server.redirect("/hop2", "/final", status=301)
    url = server.redirect("/hop1", server.url("/hop2"))
    [doc] = iter_documents([url], settings)
    assert doc.source == url and doc.url == server.url("/final") and doc.content == page("Final")


def test_redirect_cap(server):
    settings = Settings(http=Http(allow_private_addresses=True, max_redirects=2))
    for i in range(5):
        server.redirect(f"/r{i}", f"/r{i + 1}")
    server.add("/r5", page("End"))
    with Fetcher(settings) as fetcher:
        error = fetch_error(fetcher, server.url("/r0"))
    assert error.reason == "fetch_failed" and "redirects" in str(error)


def test_http_errors(server, settings):
    server.add("/gone", "gone", status=410)
    items = list(iter_documents([server.url("/gone"), server.url("/nothing-here")], settings))
    assert [i.reason for i in items] == ["http_status", "http_status"]
    assert "HTTP 410" in items[0].message and "HTTP 404" in items[1].message


def test_unreachable_host_is_fetch_failed_with_the_cause(settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    [reject] = iter_documents([f"http://127.0.0.1:{port}/x"], settings)
    assert reject.reason == "fetch_failed" and "refused" in reject.message.lower()


def test_timeout(server):
    settings = Settings(http=Http(allow_private_addresses=True, timeout_s=0.3, respect_robots=False))
    url = server.add("/slow", page("Slow"), delay_s=1.0)
    [reject] = iter_documents([url], settings)
    assert reject.reason == "fetch_failed" and "timed out" in reject.message


def test_size_cap_from_content_length_and_while_streaming(server, settings):
    big = b"<p>" + b"x" * (settings.http.max_bytes + 1) + b"</p>"
    declared = server.add("/big", big)
    # A lying (absent) Content-Length: the cap is counted while reading.
    chunked = server.add("/big-chunked", big, headers={"Content-Length": "10"})
    server.routes["/big-chunked"].headers.pop("Content-Length")
    server.routes["/big-chunked"].headers["Connection"] = "close"
    with Fetcher(settings) as fetcher:
        assert fetch_error(fetcher, declared).reason == "too_large"
        assert fetch_error(fetcher, chunked).reason == "too_large"


def test_compressed_response_is_capped_after_decompression(server, settings):
    bomb = gzip.compress(b" " * 5_000_000)  # 5 KB on the wire, 5 MB decoded
    url = server.add("/zipped", bomb, headers={"Content-Encoding": "gzip"})
    with Fetcher(settings) as fetcher:
        assert fetch_error(fetcher, url).reason == "too_large"


def test_robots_disallow_and_cache(server, settings):
    server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.add("/private/a", page("Secret"))
    server.add("/public/a", page("Open"))
    urls = [server.url("/private/a"), server.url("/public/a"), server.url("/private/a")]
    items = list(iter_documents(urls, settings))
    assert [getattr(i, "reason", "ok") for i in items] == ["robots", "ok", "robots"]
    assert server.hits("/robots.txt") == 1
    assert server.hits("/private/a") == 0


def test_robots_group_for_eventwire_applies(server, settings):
    robots = "User-agent: eventwire\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    server.add("/robots.txt", robots, content_type="text/plain")
    [reject] = iter_documents([server.add("/a", page("A"))], settings)
    assert reject.reason == "robots"


def test_robots_can_be_ignored_and_missing_robots_allows(server):
    server.add("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    url = server.add("/a", page("A"))
    ignoring = Settings(http=Http(allow_private_addresses=True, respect_robots=False))
    assert list(iter_documents([url], ignoring))[0].kind == "html"
    del server.routes["/robots.txt"]  # now 404: no rules
    allowing = Settings(http=Http(allow_private_addresses=True))
    assert list(iter_documents([url], allowing))[0].kind == "html"


def test_loopback_is_refused_by_default(server):
    url = server.add("/a", page("A"))
    [reject] = iter_documents([url, ], Settings())
    assert reject.reason == "private_address" and "allow_private_addresses" in reject.message
    assert server.requests == []  # refused before connecting, robots.txt included


@pytest.mark.parametrize(
    ("address", "public"),
    [("93.184.216.34", True), ("2606:2800:220:1::1", True), ("127.0.0.1", False), ("10.0.0.8", False),
     ("172.16.5.4", False), ("192.168.1.1", False), ("169.254.169.254", False), ("100.64.0.1", False),
     ("0.0.0.0", False), ("224.0.0.251", False), ("::1", False), ("fe80::1%eth0", False), ("fc00::1", False),
     ("::ffff:127.0.0.1", False), ("2002:7f00:1::", False)],
)
def test_address_classification(address, public):
    assert is_public_address(address) is public


def test_every_resolved_address_is_checked():
    check_address("news.example", 80, lambda host, port: ["93.184.216.34"])
    with pytest.raises(FetchError) as info:
        check_address("news.example", 80, lambda host, port: ["93.184.216.34", "10.0.0.5"])
    assert info.value.reason == "private_address"
    with pytest.raises(FetchError) as info:
        check_address("nxdomain.example", 80, _fail_resolve)
    assert info.value.reason == "fetch_failed" and "resolve" in str(info.value)


def test_redirect_to_a_private_address_is_refused_on_that_hop():
    # Public names per the fake resolver; the mock transport answers without a network.
    addresses = {"news.example": ["93.184.216.34"], "internal.example": ["10.0.0.5"]}
    seen = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://internal.example/admin"})

    client = httpx.Client(transport=httpx.MockTransport(answer), follow_redirects=False)
    fetcher = Fetcher(Settings(), client=client, resolve=lambda host, port: addresses[host])
    error = fetch_error(fetcher, "http://news.example/story")
    assert error.reason == "private_address" and "10.0.0.5" in str(error)
    assert "http://internal.example/admin" not in seen


def test_non_http_urls_are_unsupported(settings):
    with Fetcher(settings) as fetcher:
        assert fetch_error(fetcher, "ftp://example.org/x").reason == "unsupported"
        assert fetch_error(fetcher, "http://example.org:notaport/").reason == "unsupported"


def test_document_from_page_sniffs_missing_content_type(server, settings):
    url = server.add("/nohdr", page("Sniffed"), content_type="")
    with Fetcher(settings) as fetcher:
        doc = document_from_page(fetcher.fetch(url), source=url)
    assert doc.kind == "html"


def _fail_resolve(host, port):
    raise socket.gaierror(-2, "Name or service not known")
