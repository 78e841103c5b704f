"""The recognizer's and the prefilter's tables, kept on disk: the same tables, rebuilt when their inputs change."""

from __future__ import annotations

import pytest

from eventwire.actors import recognize
from eventwire.actors.kb import KnowledgeBase
from eventwire.actors.prefilter import Prefilter
from eventwire.actors.recognize import ActorRecognizer
from eventwire.cache import source_digest
from eventwire.nlp.pipeline import load_pipeline

EXTRA = "person\tname\taliases\tcountry\tsector\toffices\nqx-ambassador-mirel-tasso\tMirel Tasso\t\tMDA\tGOV\t\n"
TEXTS = [
    "Mirel Tasso met the Moldovan president and officials of the Kremlin in Chisinau.",
    "The Afganistan delegation and US envoys met Cote d\u2019Ivoire's foreign minister.",
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _view(recognizer: ActorRecognizer, nlp) -> tuple:
    found = [[(c.kind, c.start, c.end, c.text, c.category) for c in recognizer.recognize(nlp(t))] for t in TEXTS]
    return (recognizer.categories, recognizer._role_by_form, recognizer._lower.state(), recognizer._exact.state(),
            recognizer.capitals, recognizer.speller.forms(), recognizer.speller.index(), found)


def test_the_knowledge_bases_digest_follows_its_files(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text(EXTRA, encoding="utf-8")
    shipped, again, more = KnowledgeBase.load(), KnowledgeBase.load(), KnowledgeBase.load([extra])
    assert shipped.digest == again.digest != more.digest
    extra.write_text(EXTRA.replace("MDA", "ROU"), encoding="utf-8")
    assert KnowledgeBase.load([extra]).digest not in (shipped.digest, more.digest)


def test_source_digest_follows_the_modules():
    assert source_digest("eventwire.actors.kb") == source_digest("eventwire.actors.kb")
    assert source_digest("eventwire.actors.kb") != source_digest("eventwire.actors.names")


def test_recognizer_tables_read_back_are_the_built_ones(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    extra = tmp_path / "mine.tsv"
    extra.write_text(EXTRA, encoding="utf-8")
    kb = KnowledgeBase.load([extra])
    built = ActorRecognizer(nlp.vocab, kb)
    (cached,) = tmp_path.glob("actor-tables-*.msgpack")
    monkeypatch.setattr(recognize, "_build_tables", lambda *a: pytest.fail("built again"))
    read = ActorRecognizer(nlp.vocab, kb)
    assert _view(read, nlp) == _view(built, nlp)
    assert ("person", "Mirel Tasso") in [(c.category, c.text) for c in read.recognize(nlp(TEXTS[0]))]
    monkeypatch.undo()
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    # Another knowledge base (the shipped one alone): another file, built anew.
    ActorRecognizer(nlp.vocab, KnowledgeBase.load())
    assert len(list(tmp_path.glob("actor-tables-*.msgpack"))) == 2
    # A damaged file is rebuilt; no cache at all works the same.
    cached.write_bytes(b"\x00garbage")
    assert _view(ActorRecognizer(nlp.vocab, kb), nlp) == _view(built, nlp)
    monkeypatch.setenv("EVENTWIRE_CACHE", "off")
    assert _view(ActorRecognizer(nlp.vocab, kb), nlp) == _view(built, nlp)


def test_prefilter_sets_read_back_are_the_built_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    kb = KnowledgeBase.load()
    built = Prefilter(kb)
    (cached,) = tmp_path.glob("prefilter-*.msgpack")
    monkeypatch.setattr(Prefilter, "_build", lambda *a: pytest.fail("built again"))
    read = Prefilter(kb)
    for name in ("_words", "_pairs", "_caps_words", "_caps_pairs"):
        assert getattr(read, name) == getattr(built, name)
    assert read("The Kremlin denied it.") and read("US envoys left.") and not read("Shares fell 3% on Tuesday.")
    monkeypatch.undo()
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    cached.write_bytes(b"\x00garbage")
    assert Prefilter(kb)._words == built._words
