"""The local runner end to end on small inputs written here."""

import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.runner.local import ingest
from eventwire.settings import Limits, Settings
from eventwire.store.store import open_store
from tests.conftest import news_text

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="og:site_name" content="Example Herald">
<meta property="article:published_time" content="2018-06-12T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>{paras}</article>
<footer>Copyright Example Herald</footer></body></html>"""


def page(title: str, topic: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in news_text(topic).split("\n\n"))
    return PAGE.format(title=title, paras=paras)


@pytest.fixture
def corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    (root / "html").mkdir(parents=True)
    (root / "text").mkdir()
    (root / "html" / "a.html").write_text(page("Talks on the border", "the border dispute"))
    (root / "html" / "b.html").write_text(page("Fishing rights", "fishing rights in the northern sea"))
    # A syndicated copy of a.html with an edited lead: stored, marked duplicate_of.
    copy = page("Talks on the border (wire)", "the border dispute").replace("<p>Officials", "<p>GENEVA (Wire) - Officials", 1)
    (root / "html" / "z-copy.html").write_text(copy)
    (root / "text" / "c.txt").write_text("Trade deal signed\nJune 14, 2018\n\n" + news_text("a trade agreement"))
    with gzip.open(root / "text" / "d.txt.gz", "wt") as fh:
        fh.write("Ceasefire holds\n\n" + news_text("the ceasefire in the east"))
    (root / "empty.txt").write_text("")
    (root / "junk.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    return root


def test_ingest_stores_articles_and_rejects(corpus, store):
    stats = ingest([str(corpus)], store, Settings())
    assert stats.status == "ok"
    assert stats.documents == 7
    assert stats.articles_new == 5
    assert stats.near_duplicates == 1
    assert stats.rejects_by_reason == {"empty": 1, "binary": 1}
    rows = {r["title"]: r for r in store.sql("select * from articles").to_pylist()}
    assert rows["Trade deal signed"]["published"].isoformat() == "2018-06-14"
    assert rows["Talks on the border"]["site"] == "Example Herald"
    original = rows["Talks on the border"]["article_id"]
    assert rows["Talks on the border (wire)"]["duplicate_of"] == original
    assert rows["Ceasefire holds"]["published"] is None
    run = store.sql("select status, counts from runs").to_pylist()[0]
    assert run["status"] == "ok" and '"articles_new": 5' in run["counts"]


def test_rerun_adds_nothing(corpus, store):
    ingest([str(corpus)], store, Settings())
    before = {t: store.count(t) for t in ("articles", "rejects")}
    stats = ingest([str(corpus)], store, Settings())
    assert stats.articles_new == 0 and stats.articles_known == 5
    assert {t: store.count(t) for t in ("articles", "rejects")} == before


def test_user_date_fills_only_missing_dates(corpus, store):
    import datetime as dt

    ingest([str(corpus)], store, Settings(), date=dt.date(2018, 7, 1))
    dates = {r["title"]: (r["published"], r["date_source"]) for r in store.sql("select title, published, date_source from articles").to_pylist()}
    assert dates["Ceasefire holds"] == (dt.date(2018, 7, 1), "user")
    assert dates["Trade deal signed"] == (dt.date(2018, 6, 14), "text")


def test_two_workers_give_the_same_articles(corpus, tmp_path):
    one = open_store(tmp_path / "one", create=True)
    two = open_store(tmp_path / "two", create=True)
    ingest([str(corpus)], one, Settings(), workers=1)
    ingest([str(corpus)], two, Settings(), workers=2)
    q = "select article_id, duplicate_of, title, text from articles order by article_id"
    assert one.sql(q).to_pylist() == two.sql(q).to_pylist()


def test_document_time_limit_rejects_without_stopping(corpus, store, monkeypatch):
    import eventwire.extract.article as article

    real = article.extract_article

    def slow(doc, limits=None, date=None):
        if doc.source.endswith("b.html"):
            time.sleep(5)
        return real(doc, limits, date)

    monkeypatch.setattr("eventwire.runner.worker.extract_article", slow)
    settings = Settings(limits=Limits(document_timeout_s=0.5))
    stats = ingest([str(corpus)], store, settings)
    assert stats.rejects_by_reason.get("timeout") == 1
    assert stats.articles_new == 4


def test_sigkill_leaves_a_readable_store_and_rerun_completes(tmp_path):
    """Kill an ingest mid-run; the store opens and a rerun finishes it exactly."""
    root = tmp_path / "many"
    root.mkdir()
    for i in range(400):
        (root / f"{i:04d}.txt").write_text(f"Story {i}\n\n" + news_text(f"matter number {i}"))
    store_path = tmp_path / "store"
    cfg = tmp_path / "small-batches.toml"
    cfg.write_text("batch_size = 20\n")
    cmd = [sys.executable, "-m", "eventwire.cli.main", "ingest", str(root), "--store", str(store_path), "--config", str(cfg)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Wait for at least one committed batch, then kill without warning.
    deadline = time.time() + 120
    while time.time() < deadline:
        log = store_path / "articles" / "_delta_log"
        if log.exists() and len(list(log.glob("*.json"))) >= 3:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = open_store(store_path)
    partial = store.count("articles")
    assert 0 < partial < 400
    stats = ingest([str(root)], store, Settings())
    assert stats.articles_known == partial
    assert store.count("articles") == 400
    assert store.sql("select count(distinct article_id) from articles").to_pylist()[0] == {"count(DISTINCT article_id)": 400}
    dupes = store.sql("select count(*) - count(distinct event_id) as d from events").to_pylist()[0]["d"]
    assert dupes == 0


def test_events_are_coded_and_stored(tmp_path, store):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(
        "Ministers meet\nJune 14, 2018\n\nJapanese Prime Minister Shinzo Abe met Russian President Vladimir Putin "
        "in Moscow on Saturday.\n\nRussia accused Ukraine of provoking the clash."
    )
    stats = ingest([str(root)], store, Settings())
    assert stats.events_new >= 2
    rows = store.sql("select type, sentence_index, date from events order by sentence_index").to_pylist()
    assert {r["type"] for r in rows} >= {"CONSULT", "ACCUSE"}
    dyads = store.sql("select source_country, target_country, tone from event_dyads where type = 'CONSULT'").to_pylist()
    assert {(d["source_country"], d["target_country"]) for d in dyads} & {("JPN", "RUS"), ("RUS", "JPN")}
    assert all(d["tone"] is not None for d in dyads)


def test_a_coding_failure_keeps_the_article(corpus, store, monkeypatch):
    from eventwire.events import coder

    def broken(self, *args, **kwargs):
        raise ValueError("parser exploded")

    # Workers code a batch of articles at once, then one by one to find the culprit.
    monkeypatch.setattr(coder.EventCoder, "code_articles", broken)
    monkeypatch.setattr(coder.EventCoder, "code_article", broken)
    stats = ingest([str(corpus)], store, Settings())
    assert stats.articles_new == 5
    reasons = store.sql("select stage, reason, message from rejects where stage = 'code'").to_pylist()
    assert len(reasons) == 5 and all("parser exploded" in r["message"] for r in reasons)


def _texts_without_urls(root: Path, n: int) -> Path:
    root.mkdir()
    for i in range(n):
        (root / f"{i:02d}.txt").write_text(f"Talks {i}\n\nRussia accused Ukraine of shelling village {i}.\n\n"
                                          + news_text(f"the village number {i}", 3))
    return root


def test_rerun_does_not_code_stored_articles_again(tmp_path, store, monkeypatch):
    """Articles without a URL are known by their text id: a rerun extracts them but codes nothing."""
    from eventwire.events import coder

    root = _texts_without_urls(tmp_path / "in", 5)
    first = ingest([str(root)], store, Settings())
    assert first.articles_new == 5 and first.events_new >= 5

    def must_not_run(self, *args, **kwargs):
        raise AssertionError("a stored article was coded again")

    monkeypatch.setattr(coder.EventCoder, "code_articles", must_not_run)
    monkeypatch.setattr(coder.EventCoder, "code_article", must_not_run)
    again = ingest([str(root)], store, Settings())
    assert (again.articles_known, again.articles_new, again.rejects) == (5, 0, 0)
    assert set(again.stage_cpu_s) >= {"read", "check", "extract", "code", "write"}


def test_a_failing_article_does_not_cost_its_batch_its_events(tmp_path, store, monkeypatch):
    from eventwire.events import coder

    root = _texts_without_urls(tmp_path / "in", 4)
    real = coder.EventCoder.code_articles

    def batch_fails(self, *args, **kwargs):
        raise ValueError("one article in this batch breaks the parser")

    def one_fails(self, article_id, text, date, url=None):
        if "village 2." in text:
            raise ValueError("parser exploded")
        return [e for _, events in real(self, [(article_id, text, date)]) for e in events]

    monkeypatch.setattr(coder.EventCoder, "code_articles", batch_fails)
    monkeypatch.setattr(coder.EventCoder, "code_article", one_fails)
    stats = ingest([str(root)], store, Settings())
    assert stats.articles_new == 4
    assert stats.rejects_by_reason == {"internal_error": 1}
    coded = store.sql("select count(distinct article_id) as n from events").to_pylist()[0]["n"]
    assert coded == 3


def test_the_pool_stops_when_the_run_fails_before_its_first_result(corpus, store, monkeypatch):
    import eventwire.runner.local as local

    started = []
    real = local._local_results

    def spy(*args, **kwargs):
        results = real(*args, **kwargs)
        started.append(results)
        return results

    def broken_sink(*args, **kwargs):
        raise RuntimeError("writer cannot start")

    monkeypatch.setattr(local, "_local_results", spy)
    monkeypatch.setattr(local, "OutcomeSink", broken_sink)
    with pytest.raises(RuntimeError, match="writer cannot start"):
        ingest([str(corpus)], store, Settings(), workers=2)
    (results,) = started
    # The pool had started (before the writer), and no worker outlives the run.
    assert results._pool._pool and not any(p.is_alive() for p in results._pool._pool)
    assert store.sql("select status from runs").to_pylist() == [{"status": "failed"}]


def _what_a_worker_starts_with() -> dict:
    import gc

    from eventwire.nlp import pipeline

    return {"spacy": "spacy" in sys.modules, "coder": "eventwire.events.coder" in sys.modules,
            "frozen": gc.get_freeze_count(), "pipelines": len(pipeline._pipelines)}


def test_the_fork_server_loads_the_workers_modules_once_and_no_model():
    """Written for the project: workers fork from a server that has imported spaCy and the
    coder (so each worker does not import them again) but loaded no pipeline (settings differ)."""
    from eventwire.runner.local import start_forkserver

    with start_forkserver().Pool(1) as pool:
        got = pool.apply(_what_a_worker_starts_with)
    assert got["spacy"] and got["coder"]
    assert got["frozen"] > 0
    assert got["pipelines"] == 0


def test_a_source_that_cannot_start_records_a_failed_run(store):
    from eventwire.runner.local import run_ingest

    def source(stats):
        raise OSError("no such archive")

    with pytest.raises(OSError):
        run_ingest(source, store, Settings(), engine="local", workers=1)
    assert store.sql("select status from runs").to_pylist() == [{"status": "failed"}]


@pytest.mark.parametrize("n", [1, 5, 16, 17, 31, 32, 33, 40, 100])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_batches_keep_every_document_in_order_and_share_out_the_tail(n, workers):
    from eventwire.runner.local import RunStats, _batches
    from eventwire.runner.worker import BATCH

    batches = list(_batches(iter(range(n)), RunStats(run_id="t"), workers))
    assert [d for b in batches for d in b] == list(range(n))
    sizes = [len(b) for b in batches]
    full = max(0, n // BATCH - 1)  # batches read while a full one was still ahead
    tail = n - full * BATCH  # the last full batch and what follows it
    assert sizes[:full] == [BATCH] * full
    if workers == 1:
        assert sizes[full:] == [min(tail, BATCH)] + ([tail - BATCH] if tail > BATCH else [])
    else:
        # The last documents go out in about two batches per worker, of sizes within one.
        assert len(sizes) - full == min(tail, 2 * workers)
        assert max(sizes[full:]) - min(sizes[full:]) <= 1
