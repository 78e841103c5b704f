"""The bundled example corpus: what `make demo` ingests."""

import subprocess
import sys
from pathlib import Path

from eventwire.runner.local import ingest
from eventwire.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_warc_sample_is_built_from_the_current_pages():
    result = subprocess.run([sys.executable, str(EXAMPLES / "build_warc.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_corpus_ingests_completely(store):
    stats = ingest([str(EXAMPLES / "corpus")], store, Settings(), workers=2)
    # 23 HTML pages + 28 texts; the WARC's 8 pages are the same URLs.
    assert stats.documents == 59
    assert stats.rejects == 0
    assert stats.articles_new == 51
    assert stats.articles_known == 8
    rows = store.sql("select * from articles").to_pylist()
    assert all(r["published"] is not None and r["published"].year == 2018 for r in rows)
    assert all(r["title"] and r["url"] and r["site"] for r in rows)
    # The two syndicated pairs, and only those, are marked.
    assert sum(1 for r in rows if r["duplicate_of"]) == 2
    languages = {r["language"] for r in rows}
    assert languages == {"en", "fr"}
    # Nothing of the scraped chrome survives in the text dumps.
    for r in rows:
        for chrome in ("Subscribe to", "We use cookies", "You are here", "is now on Telegram"):
            assert chrome not in r["text"], (r["source"], chrome)
