"""KnownArticles: "is it stored?" from a snapshot of the ids, exact, and asking the table only for possible hits."""

import datetime as dt

from eventwire.records import Article
from eventwire.store.known import KnownArticles
from eventwire.store.schema import articles_table
from eventwire.store.store import open_store

NOW = dt.datetime(2019, 3, 1, tzinfo=dt.timezone.utc)


def _article(article_id: str) -> Article:
    return Article(
        article_id=article_id, source="a.txt", url=None, canonical_url=None, title="T", published=None,
        date_source="none", language="en", site=None, author=None, author_note=None, text="Body.",
        content_hash=article_id, kind="text",
    )


def _store(tmp_path, ids):
    store = open_store(tmp_path / "s", create=True)
    if ids:
        store.insert_new("articles", articles_table([_article(i) for i in ids], [None] * len(ids), "r", NOW))
    return store


def _asked(store, monkeypatch):
    calls = []
    real = store.existing_keys

    def spy(name, keys):
        calls.append(list(keys))
        return real(name, keys)

    monkeypatch.setattr(store, "existing_keys", spy)
    return calls


def test_an_empty_store_has_no_snapshot(tmp_path):
    assert KnownArticles.snapshot(_store(tmp_path, [])) is None


def test_new_ids_are_answered_without_asking_the_table(tmp_path, monkeypatch):
    stored = ["a1b2c3d4e5f60718293a4b5c", "00ff00ff00ff00ff00ff00ff"]
    store = _store(tmp_path, stored)
    known = KnownArticles.snapshot(store)
    assert len(known) == 2
    calls = _asked(store, monkeypatch)
    assert known.stored(["1234567890abcdef12345678", "fedcba0987654321fedcba09"]) == set()
    assert calls == []
    assert known.stored(["00ff00ff00ff00ff00ff00ff", "1234567890abcdef12345678"]) == {"00ff00ff00ff00ff00ff00ff"}
    assert calls == [["00ff00ff00ff00ff00ff00ff"]]


def test_a_shared_prefix_is_checked_exactly(tmp_path, monkeypatch):
    store = _store(tmp_path, ["a1b2c3d4e5f60718293a4b5c"])
    known = KnownArticles.snapshot(store)
    calls = _asked(store, monkeypatch)
    # Same first 64 bits, another id: asked of the table, and not stored.
    assert known.stored(["a1b2c3d4e5f60718ffffffff"]) == set()
    assert calls == [["a1b2c3d4e5f60718ffffffff"]]


def test_ids_that_are_not_hex_are_asked_of_the_table(tmp_path, monkeypatch):
    store = _store(tmp_path, ["id0001", "id0002"])  # a store written by hand, or by a test
    known = KnownArticles.snapshot(store)
    calls = _asked(store, monkeypatch)
    assert known.stored(["id0002", "id0003"]) == {"id0002"}
    assert calls == [["id0002", "id0003"]]
