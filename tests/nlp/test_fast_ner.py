"""The numpy decoder of spaCy's entity recogniser finds exactly spaCy's entities."""

import pytest
import spacy
from spacy.tokens import Span

from eventwire.nlp.fast_ner import COMPONENT, install
from eventwire.settings import Nlp
from tests.conftest import news_text
from tests.nlp.conftest import EMPTY_TEXTS, assert_stands_in, same_as_stock, stock_and_installed

TEXTS = [
    "U.S. President Joe Biden met Xi Jinping in San Francisco on Nov. 15, 2023.",
    "Japanese Prime Minister Shinzo Abe met Russian President Vladimir Putin in Moscow on Saturday.",
    "The European Union and NATO said 3,000 troops of the Free Syrian Army left Aleppo.",
    "Hamas fired rockets. Israel's army struck Gaza. The UN Security Council met.",
    "  Leading  spaces and\ttabs\n\nand Barack Obama in New York.",
    "Putin",
] + EMPTY_TEXTS


@pytest.fixture(scope="module")
def pipelines():
    return stock_and_installed(install)


def _entities(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents], [t.ent_iob_ for t in doc]


def test_takes_the_recognisers_place(pipelines):
    assert_stands_in(*pipelines, "ner", COMPONENT)


def test_same_entities_as_spacy(pipelines):
    stock, fast = pipelines
    texts = TEXTS + news_text("the border dispute").split("\n\n") + [news_text("sanctions")]
    found = sum(len(b.ents) for b in same_as_stock(stock, fast, texts, _entities))
    assert found > 20
    doc = fast(TEXTS[1])
    assert ("Shinzo Abe", "PERSON") in [(e.text, e.label_) for e in doc.ents]


def test_entities_set_beforehand_go_to_spacys_own_rules(pipelines):
    stock, fast = pipelines
    docs = []
    for nlp in (stock, fast):
        doc = nlp.make_doc("Paris Hilton met Emmanuel Macron in Paris.")
        doc.set_ents([Span(doc, 0, 2, label="PERSON")], default="unmodified")
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        docs.append(doc)
    assert _entities(docs[0]) == _entities(docs[1])
    assert (0, 2, "PERSON") in _entities(docs[1])[0]


def test_leaves_a_pipeline_without_a_recogniser_alone():
    nlp = spacy.load(Nlp().model, exclude=["ner"])
    names = list(nlp.pipe_names)
    assert not install(nlp)
    assert nlp.pipe_names == names


@pytest.mark.parametrize("favoured", [("U-PERSON",), ("B-PERSON", "I-PERSON", "L-PERSON")])
def test_move_rules_hold_where_the_model_pushes_against_them(favoured):
    """Scores pushed towards one label's moves: white space, sentence starts and
    the end of the text must still block them, as in spaCy's decoder."""
    model = Nlp().model
    stock = spacy.load(model, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer"])
    fast = spacy.load(model, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer"])
    assert install(fast)
    for nlp in (stock, fast):
        ner = nlp.get_pipe("ner")
        moves = ner.moves if hasattr(ner, "moves") else ner.decoder.ner.moves
        upper = (ner.model if hasattr(ner, "model") else ner.decoder.ner.model).layers[-1]
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        bias = upper.get_param("b")
        for rank, name in enumerate(favoured):
            bias[names.index(name)] += 100.0 - 10 * rank
    words = ["The", "talks", "  ", "in", "Paris", "ended", ".", "Then", "\n", "Rome", "x"]
    for starts in ([False] * len(words), [i in (3, 7, 9) for i in range(len(words))]):
        docs = [spacy.tokens.Doc(nlp.vocab, words=words, sent_starts=[True] + starts[1:]) for nlp in (stock, fast)]
        a, b = stock.get_pipe("ner")(docs[0]), fast.get_pipe("ner")(docs[1])
        assert _entities(a) == _entities(b)
        assert a.ents  # the push worked


def test_an_empty_text_in_a_batch_keeps_the_numpy_decoder(monkeypatch):
    """An empty Doc "has" every annotation in spaCy; it must not send its batch to spaCy's loop."""
    _, fast = stock_and_installed(install)
    decoder = fast.get_pipe("ner").decoder

    def refuse(*args, **kwargs):
        raise AssertionError("spaCy's own recogniser was called")

    monkeypatch.setattr(decoder, "ner", type("Stub", (), {"pipe": refuse})())
    docs = list(fast.pipe(["", "Vladimir Putin visited Beijing.", " "]))
    assert [e.label_ for e in docs[1].ents] == ["PERSON", "GPE"]
