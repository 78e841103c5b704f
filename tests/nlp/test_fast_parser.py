"""The numpy decoder of spaCy's dependency parser gives exactly spaCy's parses."""

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.nlp.fast_parser import COMPONENT, install
from eventwire.settings import Nlp
from tests.conftest import news_text
from tests.nlp.conftest import EMPTY_TEXTS, assert_stands_in, same_as_stock, stock_and_installed

TEXTS = [
    "Japan's prime minister met the Russian president in Moscow on Saturday and signed a deal.",
    "The ministers, who had not met since the talks collapsed in May, agreed to resume them.",
    "Which of the proposals the council will accept is not clear, a spokesman said.",
    "Rebels shelled the town. Troops withdrew! Did the ceasefire hold? Nobody knows.",
    "  Leading  spaces and\ttabs\n\nand a line break in the middle of it.",
    "\u201cWe will not give in,\u201d she said, \u201cwhatever they threaten.\u201d",
    "Talks",
] + EMPTY_TEXTS


@pytest.fixture(scope="module")
def pipelines():
    return stock_and_installed(install)


def _parse(doc):
    return [(t.i, t.head.i, t.dep_, t.is_sent_start, t.left_edge.i, t.right_edge.i) for t in doc]


def test_takes_the_parsers_place(pipelines):
    assert_stands_in(*pipelines, "parser", COMPONENT)


def test_same_parses_as_spacy(pipelines):
    stock, fast = pipelines
    texts = TEXTS + news_text("the border dispute").split("\n\n") + [news_text("sanctions")]
    sentences = sum(len(list(b.sents)) for b in same_as_stock(stock, fast, texts, _parse) if len(b))
    assert sentences > 3 * len(texts)  # several texts are split into sentences by the parser
    doc = fast(TEXTS[0])
    assert [(t.text, t.dep_) for t in doc if t.dep_ in ("nsubj", "ROOT", "dobj")] == [
        ("minister", "nsubj"), ("met", "ROOT"), ("president", "dobj"), ("deal", "dobj")]


def test_sentence_starts_set_beforehand_bind_both(pipelines):
    """Words that must (True) or must not (False) start a sentence constrain the moves alike."""
    stock, fast = pipelines
    words = ["Rebels", "shelled", "the", "town", "and", "troops", "withdrew", "from", "it", "today", "."]
    for starts in (
        [True] + [None] * 10,
        [True, None, None, None, None, True, None, None, None, None, None],
        [True] + [False] * 10,
        [True, False, None, False, None, None, False, True, None, None, False],
    ):
        parsed = []
        for nlp in (stock, fast):
            doc = Doc(nlp.vocab, words=words, sent_starts=starts)
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            parsed.append(_parse(doc))
        assert parsed[0] == parsed[1], starts


@pytest.mark.parametrize("favoured", [("D",), ("B-ROOT",), ("L-dep", "R-dep"), ("R-conj", "D", "L-nsubj")])
def test_move_rules_hold_where_the_model_pushes_against_them(favoured):
    """Scores pushed towards some moves: the validity rules, words put back on the
    buffer by a reduce and heads replaced by a later arc must follow spaCy's decoder."""
    stock, fast = stock_and_installed(install)
    for nlp in (stock, fast):
        parser = nlp.get_pipe("parser")
        parser = getattr(parser, "decoder", None) and parser.decoder.parser or parser
        moves = parser.moves
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        bias = parser.model.layers[-1].get_param("b")
        for rank, name in enumerate(favoured):
            bias[names.index(name)] += 8.0 - rank
    texts = TEXTS + news_text("fishing rights").split("\n\n")
    changed = 0
    for a, b, c in zip(stock.pipe(texts), fast.pipe(texts), spacy.load(Nlp().model).pipe(texts), strict=True):
        assert _parse(a) == _parse(b), (favoured, a.text)
        changed += _parse(a) != _parse(c)
    assert changed  # the push did change spaCy's parses


def test_heads_set_beforehand_go_to_spacys_own_parser(pipelines):
    stock, fast = pipelines
    parsed = []
    for nlp in (stock, fast):
        doc = nlp.make_doc("Troops withdrew.")
        doc = Doc(nlp.vocab, words=[t.text for t in doc], heads=[1, 1, 1], deps=["nsubj", "ROOT", "punct"])
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        parsed.append(_parse(doc))
    assert parsed[0] == parsed[1]


def test_leaves_a_pipeline_without_a_parser_alone():
    nlp = spacy.load(Nlp().model, exclude=["parser"])
    names = list(nlp.pipe_names)
    assert not install(nlp)
    assert nlp.pipe_names == names


def test_the_shipped_pipeline_uses_it():
    from eventwire.nlp.pipeline import load_pipeline

    assert load_pipeline(Nlp()).get_pipe_meta("parser").factory == COMPONENT
    assert load_pipeline(Nlp(fast_parser=False)).get_pipe_meta("parser").factory == "parser"


def test_an_empty_text_in_a_batch_keeps_the_numpy_decoder(monkeypatch):
    """An empty Doc "has" every annotation in spaCy; it must not send its batch to spaCy's loop."""
    _, fast = stock_and_installed(install)
    decoder = fast.get_pipe("parser").decoder
    model = decoder.parser.model

    def refuse(*args, **kwargs):
        raise AssertionError("spaCy's own parser was called")

    monkeypatch.setattr(decoder, "parser", type("Stub", (), {"pipe": refuse, "postprocesses": (), "model": model})())
    docs = list(fast.pipe(["", "Russia accused Ukraine.", " "]))
    assert [t.dep_ for t in docs[1]] == ["nsubj", "ROOT", "dobj", "punct"]
