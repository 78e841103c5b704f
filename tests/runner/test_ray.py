"""The Ray runner against the local runner, on a local Ray instance with 2 CPUs."""

import subprocess
import sys

import pytest

from eventwire.runner.local import ingest
from eventwire.settings import Settings
from eventwire.store.store import open_store
from tests.conftest import news_text

STORIES = {
    "a.txt": "Ministers meet\nJune 14, 2018\n\nJapanese Prime Minister Shinzo Abe met Russian President Vladimir Putin "
             "in Moscow on Saturday.\n\nRussia accused Ukraine of provoking the clash.\n\n" + news_text("the islands"),
    "b.txt": "Sanctions\nJuly 2, 2018\n\nThe United States imposed sanctions on Iran on Monday.\n\n"
             "Iran threatened to close the Strait of Hormuz.\n\n" + news_text("oil exports"),
    "c.txt": "Summit\n\nNorth Korean leader Kim Jong Un met Chinese President Xi Jinping in Beijing.\n\n" + news_text("the summit"),
    # c.txt under another headline: the same text, so the same article (known the second time).
    "d.txt": "Summit (wire)\n\nNorth Korean leader Kim Jong Un met Chinese President Xi Jinping in Beijing.\n\n"
             + news_text("the summit"),
    "e.txt": "",
}


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    for k, (name, text) in enumerate(STORIES.items()):
        (root / ("sub" if k % 2 else "") / name).write_text(text)
    with open(root / "more.jsonl", "w") as fh:
        for i in range(20):
            fh.write('{"text": "Germany and France agreed on trade talk number %d. %s", "url": "https://x.example/%d"}\n'
                     % (i, news_text(f"tariff round {i}", 2).replace("\n\n", " "), i))
    return root


def test_import_eventwire_does_not_import_ray():
    code = ("import sys, eventwire, eventwire.runner.local, eventwire.cli.main, eventwire.cli.ingest; "
            "sys.exit(1 if any(m == 'ray' or m.startswith('ray.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.fixture(scope="module")
def ray_2cpu():
    ray = pytest.importorskip("ray", reason="Ray is an extra: pip install 'eventwire[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def _rows(store, query):
    return store.sql(query).to_pylist()


@pytest.mark.slow
def test_ray_stores_what_the_local_runner_stores(ray_2cpu, corpus, tmp_path):
    from eventwire.runner.ray import ingest_ray

    local = open_store(tmp_path / "local", create=True)
    on_ray = open_store(tmp_path / "ray", create=True)
    a = ingest([str(corpus)], local, Settings(), workers=1)
    b = ingest_ray([str(corpus)], on_ray, Settings(), workers=2)
    assert b.status == "ok" and b.engine == "ray"
    assert (b.documents, b.articles_new, b.rejects, b.near_duplicates) == (a.documents, a.articles_new, a.rejects, a.near_duplicates)
    articles = "select article_id, duplicate_of, published from articles order by article_id"
    events = "select event_id, article_id, type from events order by event_id"
    assert _rows(on_ray, articles) == _rows(local, articles)
    assert _rows(on_ray, events) == _rows(local, events)
    assert len(_rows(on_ray, events)) >= 4
    assert _rows(on_ray, "select reason from rejects") == [{"reason": "empty"}]

    again = ingest_ray([str(corpus)], on_ray, Settings(), workers=2)
    assert again.articles_new == 0 and again.articles_known == a.articles_new + a.articles_known
    assert again.events_new == 0


def test_ray_refuses_urls(ray_2cpu, store):
    from eventwire.errors import UsageError
    from eventwire.runner.ray import ingest_ray

    with pytest.raises(UsageError, match="--engine local"):
        ingest_ray(["https://example.org/feed.rss"], store, Settings())
