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


# The embedding cache ([nlp] embed_cache): each distinct row of token features embedded once.

@pytest.fixture(scope="module")
def cached():
    """spaCy's pipeline with the fast networks keeping up to 256 embeddings each."""
    nlp = spacy.load(Nlp().model)
    assert fast_tok2vec.install(nlp, embed_cache=256) == 2
    return nlp


def _forward(net) -> fast_tok2vec.Tok2VecForward:
    return net._func.fast


def test_cached_embeddings_give_thincs_vectors_to_rounding_and_the_same_analyses(pipelines, cached):
    stock, _ = pipelines
    texts = TEXTS + news_text("the border dispute").split("\n\n")
    docs = [stock.make_doc(t) for t in texts]
    for theirs, ours in zip(_networks(stock), _networks(cached), strict=True):
        for size in (1, 4, len(docs)):  # the last has more distinct rows than the cache keeps
            batches = [docs[i:i + size] for i in range(0, len(docs), size)]
            pairs = [pair for batch in batches for pair in zip(theirs.predict(batch), ours.predict(batch), strict=True)]
            for a, b in pairs:
                assert a.shape == b.shape
            # thinc's own vectors move this much from one batch to another (float32 kernels round by position)
            assert np.allclose(a, b, rtol=0, atol=1e-4)
        assert len(_forward(ours).cache.slots) > 0

    def view(doc):
        return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]

    same_as_stock(stock, cached, TEXTS + [news_text("a trade agreement")], view)


def _rows(words: list[str], nlp) -> np.ndarray:
    net = _networks(nlp)[0]
    doc = nlp.make_doc(" ".join(words))
    return doc.to_array(_forward(net).columns).astype("uint64")


@pytest.fixture()
def embedding(cached):
    """``(params, embed)`` of the tok2vec component's network: the arrays its embedding
    reads, and its float64 embedding of rows of token features."""
    forward = _forward(_networks(cached)[0])
    params = tuple(layer.get_param("E") for _, layer, _ in forward.tables) + forward.embed_mix.params()

    def embed(rows):
        return forward.embed_mix.in_double(forward._hashed(rows))

    return params, embed


def test_a_rows_embedding_does_not_depend_on_what_came_before(cached, embedding):
    """The kept vector of a row is the same whatever batch it was first seen in."""
    params, embed = embedding
    words = "the talks in Geneva broke down as envoys of both sides walked out , says Reuters".split()
    rows = _rows(words, cached)
    alone = fast_tok2vec.EmbedCache(1000).vectors_of(rows, params, embed)
    warmed = fast_tok2vec.EmbedCache(1000)
    warmed.vectors_of(_rows("Envoys said the talks had failed in Geneva on Monday".split(), cached), params, embed)
    reordered = rows[::-1].copy()
    assert np.array_equal(warmed.vectors_of(reordered, params, embed)[::-1], alone)
    for start in range(len(rows)):  # one row at a time, where a float32 product rounds otherwise
        assert np.array_equal(fast_tok2vec.EmbedCache(1000).vectors_of(rows[start:start + 1], params, embed),
                              alone[start:start + 1])
    # a repeated row is embedded once
    calls = []
    fresh = fast_tok2vec.EmbedCache(1000)
    fresh.vectors_of(np.vstack([rows, rows]), params, lambda r: calls.append(len(r)) or embed(r))
    assert calls == [len({r.tobytes() for r in rows})]
    fresh.vectors_of(rows, params, lambda r: calls.append(len(r)) or embed(r))
    assert len(calls) == 1  # all kept


def test_a_full_cache_starts_again_and_a_batch_larger_than_it_is_not_kept(cached, embedding):
    params, embed = embedding
    first = _rows("Iran and Iraq signed a pact".split(), cached)
    second = _rows("Chile recalled its ambassador from Peru".split(), cached)
    expected = {id(r): fast_tok2vec.EmbedCache(100).vectors_of(r, params, embed) for r in (first, second)}
    small = fast_tok2vec.EmbedCache(8)
    assert np.array_equal(small.vectors_of(first, params, embed), expected[id(first)])
    assert len(small.slots) == 6
    assert np.array_equal(small.vectors_of(second, params, embed), expected[id(second)])
    assert len(small.slots) == 6  # 6 + 6 > 8: emptied, then the second batch's rows kept
    both = np.vstack([first, second])
    assert np.array_equal(small.vectors_of(both, params, embed), np.vstack([expected[id(first)], expected[id(second)]]))
    assert len(small.slots) == 6  # 12 distinct rows > 8: embedded, not kept


def test_new_weights_or_training_empty_the_cache():
    nlp = spacy.load(Nlp().model)
    assert fast_tok2vec.install(nlp, embed_cache=1000) == 2
    net = _networks(nlp)[0]
    docs = [nlp.make_doc(TEXTS[0])]
    before = net.predict(docs)[0]
    assert _forward(net).cache.slots
    for node in net.walk():
        if node.name == "hashembed":
            node.set_param("E", node.get_param("E") * 0.5)  # a load replaces the arrays
    after = net.predict(docs)[0]
    assert not np.allclose(before, after)
    fresh = spacy.load(Nlp().model)
    for node in _networks(fresh)[0].walk():
        if node.name == "hashembed":
            node.set_param("E", node.get_param("E") * 0.5)
    assert np.allclose(_networks(fresh)[0].predict(docs)[0], after, rtol=0, atol=1e-4)
    # a training step changes the arrays in place: its forward pass empties the cache
    net(docs, is_train=True)
    assert not _forward(net).cache.slots


def test_the_blocks_run_over_runs_of_whole_docs_as_thinc_runs_a_batch_of_them(pipelines):
    """Cut into runs of at least ``chunk_tokens`` tokens, each run's vectors are thinc's for a batch of its Docs."""
    stock, _ = pipelines
    texts = TEXTS + news_text("the border dispute").split("\n\n")
    docs = [stock.make_doc(t) for t in texts]
    lengths = [len(d) for d in docs]
    assert fast_tok2vec._chunk_ends([3, 3, 3, 3, 1], 5) == [2, 4, 5]
    assert fast_tok2vec._chunk_ends([0, 0], 5) == [2]
    ends = fast_tok2vec._chunk_ends(lengths, 40)
    assert len(ends) > 2 and ends[-1] == len(docs)
    for theirs in _networks(stock):
        chunked = fast_tok2vec.Tok2VecForward(theirs, chunk_tokens=40)
        got = chunked(docs)
        expected, first = [], 0
        for last in ends:
            expected.extend(theirs.predict(docs[first:last]))
            first = last
        assert len(got) == len(expected) == len(docs)
        for a, b in zip(expected, got, strict=True):
            assert np.array_equal(a, b)
        # a run of Docs without tokens keeps its place
        padded = [stock.make_doc(""), *docs[:2], stock.make_doc(""), stock.make_doc("")]
        out = fast_tok2vec.Tok2VecForward(theirs, chunk_tokens=1)(padded)
        assert [len(v) for v in out] == [0, len(docs[0]), len(docs[1]), 0, 0]


def test_threads_adding_rows_at_once_do_not_mix_them_up(cached, embedding):
    """One thread is held inside its embedding of new rows while another asks for other new rows:
    the second waits, and each gets its own vectors (the HTTP API parses in several threads)."""
    import threading

    params, embed = embedding
    first = _rows("Iran and Iraq signed a pact".split(), cached)
    second = _rows("Chile recalled its ambassador from Peru".split(), cached)
    expected = [fast_tok2vec.EmbedCache(100).vectors_of(r, params, embed) for r in (first, second)]
    shared = fast_tok2vec.EmbedCache(100)
    inside, release = threading.Event(), threading.Event()
    got: dict[str, np.ndarray] = {}

    def held(rows):
        inside.set()
        release.wait(10)
        return embed(rows)

    a = threading.Thread(target=lambda: got.setdefault("a", shared.vectors_of(first, params, held)))
    b = threading.Thread(target=lambda: got.setdefault("b", shared.vectors_of(second, params, embed)))
    a.start()
    assert inside.wait(10)
    b.start()
    b.join(0.5)
    assert "b" not in got  # waits for the first thread's rows to be placed
    release.set()
    a.join(10)
    b.join(10)
    assert np.array_equal(got["a"], expected[0]) and np.array_equal(got["b"], expected[1])
    assert np.array_equal(shared.vectors_of(np.vstack([first, second]), params, embed), np.vstack(expected))
