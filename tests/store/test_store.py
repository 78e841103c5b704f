import datetime as dt
import multiprocessing as mp

import pytest

from eventwire.errors import StoreError, UsageError
from eventwire.records import Article, Reject
from eventwire.store.queries import export_table, list_articles
from eventwire.store.schema import articles_table, rejects_table
from eventwire.store.store import open_store, parse_as_of, resolve_store_path

NOW = dt.datetime(2018, 6, 12, tzinfo=dt.timezone.utc)


def make_article(i: int, published=dt.date(2018, 6, 12), site="example.org") -> Article:
    return Article(
        article_id=f"id{i:04d}", source=f"doc{i}.txt", url=None, canonical_url=None, title=f"Title {i}",
        published=published, date_source="text", language="en", site=site, author=None, author_note=None,
        text=f"Body of article {i}.", content_hash=f"h{i}", kind="text",
    )


def write(store, arts):
    return store.insert_new("articles", articles_table(arts, [None] * len(arts), "run", NOW))


def test_open_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "nothing")


def test_refuses_to_take_over_a_non_store_directory(tmp_path):
    (tmp_path / "precious.txt").write_text("x")
    with pytest.raises(StoreError, match="not empty"):
        open_store(tmp_path, create=True)


def test_store_path_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTWIRE_STORE", str(tmp_path / "env"))
    assert resolve_store_path(None) == tmp_path / "env"
    assert resolve_store_path(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.delenv("EVENTWIRE_STORE")
    assert str(resolve_store_path(None)) == "eventwire-store"


def test_insert_is_idempotent(store):
    assert write(store, [make_article(1), make_article(2), make_article(2)]) == 2
    assert write(store, [make_article(2), make_article(3)]) == 1
    assert store.count("articles") == 3


def test_as_of_reads_an_old_version(store):
    write(store, [make_article(1)])
    v1 = store.version("articles")
    write(store, [make_article(2)])
    assert list_articles(store).num_rows == 2
    assert list_articles(store, as_of=v1).num_rows == 1
    with pytest.raises(UsageError):
        list_articles(store, as_of=99)


def test_parse_as_of():
    assert parse_as_of("3") == 3
    assert parse_as_of("2018-06-12T10:00").tzinfo is not None
    with pytest.raises(UsageError):
        parse_as_of("yesterday")


def test_filters(store):
    write(store, [make_article(1, dt.date(2018, 1, 5)), make_article(2, dt.date(2018, 6, 1), site="other.net"), make_article(3, None)])
    assert list_articles(store, since=dt.date(2018, 2, 1)).column("article_id").to_pylist() == ["id0002"]
    assert list_articles(store, until=dt.date(2018, 2, 1)).column("article_id").to_pylist() == ["id0001"]
    assert list_articles(store, site="OTHER.net").num_rows == 1
    with pytest.raises(UsageError):
        list_articles(store, since=dt.date(2018, 3, 1), until=dt.date(2018, 2, 1))


def test_rejects_are_idempotent(store):
    rej = Reject(source="bad.bin", reason="binary", message="binary data", stage="read", size=10, content_hash="abc")
    assert store.insert_new("rejects", rejects_table([rej], "r1", NOW)) == 1
    assert store.insert_new("rejects", rejects_table([rej], "r2", NOW)) == 0


def test_runs_record_start_and_end(store):
    store.start_run("r1", "ingest", ["a"], {"eventwire": "x"}, "hash")
    row = store.sql("select status, ended_at from runs").to_pylist()[0]
    assert row == {"status": "running", "ended_at": None}
    store.finish_run("r1", "ok", {"documents": 3})
    row = store.sql("select status, counts, ended_at from runs").to_pylist()[0]
    assert row["status"] == "ok" and '"documents": 3' in row["counts"] and row["ended_at"] is not None


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export(store, tmp_path, fmt):
    write(store, [make_article(1), make_article(2)])
    out = tmp_path / f"a.{fmt}"
    assert export_table(store, "articles", fmt, out) == 2
    assert out.stat().st_size > 0
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(out).num_rows == 2
    if fmt == "jsonl":
        assert len(out.read_text().splitlines()) == 2


def test_export_rejects_bad_options(store, tmp_path):
    with pytest.raises(UsageError):
        export_table(store, "nope", "csv", tmp_path / "x")
    with pytest.raises(UsageError):
        export_table(store, "articles", "xlsx", tmp_path / "x")


def _writer(path, start, queue):
    try:
        store = open_store(path)
        for batch in range(5):
            arts = [make_article(i) for i in range(start + batch * 10, start + batch * 10 + 20)]
            write(store, arts)
        queue.put("ok")
    except Exception as exc:  # reported to the parent
        queue.put(repr(exc))


def test_concurrent_writers_store_each_id_once(tmp_path):
    path = tmp_path / "store"
    open_store(path, create=True)
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    # Overlapping id ranges: 0..59 and 30..89 -> 90 distinct ids.
    procs = [ctx.Process(target=_writer, args=(path, s, queue)) for s in (0, 30)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [queue.get(timeout=5) for _ in procs] == ["ok", "ok"]
    store = open_store(path)
    ids = store.sql("select article_id, count(*) n from articles group by 1 having n > 1").num_rows
    assert ids == 0
    assert store.count("articles") == 90


def test_string_filters_work_on_merged_files(store):
    # Files written by a merge hold string_view columns; a pushed-down string
    # filter must still work when a file holds several values.
    from eventwire.store.queries import list_rejects

    rejects = [
        Reject(source=f"f{i}", reason=reason, message="m", stage="read", size=1, content_hash=str(i))
        for i, reason in enumerate(["binary", "empty", "binary"])
    ]
    store.insert_new("rejects", rejects_table(rejects, "r", NOW))
    assert list_rejects(store, reason="binary").num_rows == 2
    assert store.sql("select count(*) n from rejects where reason = 'empty'").to_pylist() == [{"n": 1}]
