"""Knowledge-base names matched as token sequences, and their tokens cached on disk."""

import pytest

from eventwire.actors.names import NameTable, name_tokens
from eventwire.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_finds_every_name_overlaps_included(nlp):
    table = NameTable("LOWER")
    for key, tokens in {"korea": ["Korea"], "south korea": ["South", "Korea"],
                        "south korea army": ["South", "Korea", "army"], "putin": ["Putin"]}.items():
        table.add(key, tokens)
    doc = nlp.make_doc("SOUTH KOREA and Putin met; the South Korea army left. Korea")
    assert sorted(table(doc), key=lambda m: (m[1], m[2])) == [
        ("south korea", 0, 2), ("korea", 1, 2), ("putin", 3, 4),
        ("south korea", 7, 9), ("south korea army", 7, 10), ("korea", 8, 9), ("korea", 12, 13),
    ]


def test_exact_forms_are_case_sensitive(nlp):
    table = NameTable("ORTH")
    table.add("us", ["US"])
    assert table(nlp.make_doc("US troops told us so.")) == [("us", 0, 1)]
    assert table(nlp.make_doc("")) == []


def test_one_name_under_two_keys_gives_both(nlp):
    table = NameTable("LOWER")
    table.add("a", ["Georgia"])
    table.add("b", ["Georgia"])
    table.add("a", ["Georgia"])  # filed once per key
    assert table(nlp.make_doc("Georgia")) == [("a", 0, 1), ("b", 0, 1)]


def test_name_tokens_are_spacys_and_cached(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    names = ["U.S. Secretary of State", "Côte d'Ivoire", "al-Shabaab", "Kim Jong-un"]
    tokens = name_tokens(names, nlp.vocab)
    assert tokens["Côte d'Ivoire"] == ["Côte", "d'Ivoire"]
    assert tokens["U.S. Secretary of State"] == ["U.S.", "Secretary", "of", "State"]
    (cached,) = tmp_path.glob("name-tokens-*.msgpack")
    # The second process reads the file: no tokenizer needed.
    import spacy

    monkeypatch.setattr(spacy, "blank", lambda *a, **k: pytest.fail("tokenized again"))
    assert name_tokens(reversed(names), nlp.vocab) == tokens
    # Other names: another file, so the tokenizer runs.
    with pytest.raises(pytest.fail.Exception):
        name_tokens(names + ["Hamas"], nlp.vocab)
    monkeypatch.undo()
    # A damaged file is rebuilt.
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    cached.write_bytes(b"\x00garbage")
    assert name_tokens(names, nlp.vocab) == tokens
