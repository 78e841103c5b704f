"""``watch``: only new feed entries are ingested, and the seen ids persist."""

import pytest

from eventwire.errors import UsageError
from eventwire.runner.watch import load_seen, parse_interval, poll_once, watch
from eventwire.settings import Http, Settings
from tests.conftest import news_text
from tests.loopback import server  # noqa: F401  (fixture)

SETTINGS = Settings(http=Http(allow_private_addresses=True, timeout_s=2.0))


def feed(base: str, items: list[str]) -> str:
    entries = "".join(
        f"<item><title>Story {i}</title><link>{base}/story/{i}</link><guid>{base}/story/{i}</guid></item>" for i in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>{entries}</channel></rss>'


def page(i: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in news_text(f"matter {i}").split("\n\n"))
    return f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>{body}</article></body></html>"


@pytest.mark.parametrize("text,seconds", [("15m", 900), ("30s", 30), ("1h", 3600), ("2", 120), ("1.5h", 5400)])
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["soon", "1s", "-5m", ""])
def test_bad_intervals(text):
    with pytest.raises(UsageError):
        parse_interval(text)


def test_only_new_entries_are_ingested(server, store):  # noqa: F811
    for i in ("1", "2", "3"):
        server.add(f"/story/{i}", page(i))
    server.add("/rss", feed(server.base, ["1", "2"]), content_type="application/rss+xml")
    first = poll_once([server.url("/rss")], store, SETTINGS)
    assert first.articles_new == 2
    assert server.hits("/story/1") == 1

    again = poll_once([server.url("/rss")], store, SETTINGS)
    assert again.documents == 0 and again.articles_new == 0
    assert server.hits("/story/1") == 1  # not fetched again

    server.add("/rss", feed(server.base, ["3", "2", "1"]), content_type="application/rss+xml")
    third = poll_once([server.url("/rss")], store, SETTINGS)
    assert third.articles_new == 1
    assert store.count("articles") == 3
    assert len(load_seen(store)) == 3


def test_watch_stops_cleanly_on_ctrl_c(server, store):  # noqa: F811
    server.add("/story/1", page("1"))
    server.add("/rss", feed(server.base, ["1"]), content_type="application/rss+xml")
    runs = []

    def interrupt(_seconds):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        watch([server.url("/rss")], store, SETTINGS, interval_s=60, on_run=runs.append, sleep=interrupt)
    assert len(runs) == 1 and runs[0].status == "ok"
    assert store.count("articles") == 1
    assert load_seen(store) == {server.url("/story/1")}


def test_unreachable_feed_is_a_reject_not_a_crash(store):
    stats = poll_once(["http://127.0.0.1:9/rss"], store, SETTINGS)
    assert stats.rejects == 1
    assert store.sql("select reason from rejects").to_pylist() == [{"reason": "fetch_failed"}]
