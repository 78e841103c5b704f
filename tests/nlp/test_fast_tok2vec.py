"""The numpy prediction of spaCy's tok2vec networks gives thinc's vectors, bit for bit."""

import numpy as np
import pytest
import spacy

from eventwire.nlp import fast_tok2vec
from eventwire.nlp.transition import UnsupportedModel
from eventwire.settings import Nlp
from tests.conftest import news_text
from tests.nlp.conftest import EMPTY_TEXTS, same_as_stock

TEXTS = [
    "The defence ministers of Chile and Peru signed a border accord in Lima on Thursday.",
    "\u201cNo talks while the shelling goes on,\u201d the envoy told reporters, and left.",
    "  Two  spaces,\ttabs\n\nand a paragraph break inside one text.",
    "Sanctions",
    "UN",
] + EMPTY_TEXTS


@pytest.fixture(scope="module")
def pipelines():
    model = Nlp().model
    stock, fast = spacy.load(model), spacy.load(model)
    assert fast_tok2vec.install(fast) == 2  # the tok2vec component's network and the recogniser's own
    return stock, fast


def _networks(nlp):
    return fast_tok2vec.networks(nlp)


def test_finds_both_networks_and_installs_once(pipelines):
    _, fast = pipelines
    nets = _networks(fast)
    assert len(nets) == 2
    assert all(hasattr(n._func, "stock") for n in nets)
    assert fast_tok2vec.install(fast) == 2  # again: nothing wrapped twice
    assert not any(hasattr(n._func.stock, "stock") for n in nets)


def test_same_vectors_as_thinc(pipelines):
    stock, fast = pipelines
    texts = TEXTS + news_text("the border dispute").split("\n\n") + [news_text("sanctions")]
    for theirs, ours in zip(_networks(stock), _networks(fast), strict=True):
        for size in (1, 3, 64):
            for start in range(0, len(texts), size):
                docs = [stock.make_doc(t) for t in texts[start:start + size]]
                expected, got = theirs.predict(docs), ours.predict(docs)
                assert len(expected) == len(got) == len(docs)
                for a, b, doc in zip(expected, got, docs, strict=True):
                    assert a.shape == b.shape == (len(doc), 96)
                    assert np.array_equal(a, b), doc.text


def test_same_analyses_through_the_pipeline(pipelines):
    stock, fast = pipelines

    def view(doc):
        return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]

    docs = same_as_stock(stock, fast, TEXTS + [news_text("a trade agreement")], view)
    assert any(doc.ents for doc in docs)


def test_training_uses_thincs_forward(pipelines):
    """With is_train thinc's function runs: its backprop works (the fast one has none)."""
    _, fast = pipelines
    for net in _networks(fast):
        docs = [fast.make_doc("Rebels shelled the town.")]
        vectors, backprop = net(docs, is_train=True)
        assert vectors[0].shape == (5, 96)
        backprop([np.zeros_like(v) for v in vectors])  # raises with the prediction-only function
        _, no_backprop = net(docs, is_train=False)
        with pytest.raises(RuntimeError):
            no_backprop([np.zeros_like(v) for v in vectors])


def test_weights_replaced_after_install_are_used():
    """An update or a load replaces a layer's arrays; the prediction reads the new ones."""
    model = Nlp().model
    stock, fast = spacy.load(model), spacy.load(model)
    assert fast_tok2vec.install(fast) == 2
    for nlp in (stock, fast):
        for net in _networks(nlp):
            for node in net.walk():
                for name in ("W", "E"):
                    if node.name in ("maxout", "hashembed") and node.has_param(name):
                        node.set_param(name, node.get_param(name) * 0.5)
    docs = [stock.make_doc(t) for t in TEXTS[:3]]
    for theirs, ours in zip(_networks(stock), _networks(fast), strict=True):
        assert all(np.array_equal(a, b) for a, b in zip(theirs.predict(docs), ours.predict(docs), strict=True))


def test_a_network_of_another_shape_is_left_alone():
    from thinc.api import Linear, chain

    odd = chain(Linear(4, 4), Linear(4, 4))
    with pytest.raises(UnsupportedModel):
        fast_tok2vec.Tok2VecForward(odd)
    blank = spacy.blank("en")
    assert fast_tok2vec.install(blank) == 0
