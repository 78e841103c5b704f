"""Helpers for the NLP tests."""

import spacy

from eventwire.settings import Nlp


def stock_and_installed(install):
    """Two fresh copies of the shipped model: spaCy's own, and one with ``install`` applied."""
    model = Nlp().model
    stock, fast = spacy.load(model), spacy.load(model)
    assert install(fast)
    return stock, fast


def assert_stands_in(stock, fast, name: str, component: str) -> None:
    """``fast`` has a decoder's stand-in where ``stock`` has pipe ``name``, under the same name."""
    assert fast.pipe_names == stock.pipe_names
    assert type(fast.get_pipe(name)).__name__ == "StandIn"
    assert fast.get_pipe_meta(name).factory == component


#: Texts with nothing to analyse, which every stand-in must pass through as spaCy does.
EMPTY_TEXTS = ["", " ", "\n\n"]


def same_as_stock(stock, fast, texts, view) -> list:
    """The Docs ``fast`` makes of ``texts`` in batches of 1, 3 and 256, each checked to have
    the same ``view`` (a function of a Doc) as ``stock``'s."""
    out = []
    for batch_size in (1, 3, 256):  # batches of mixed lengths, and one text at a time
        for a, b in zip(stock.pipe(texts, batch_size=batch_size), fast.pipe(texts, batch_size=batch_size),
                        strict=True):
            assert view(a) == view(b), a.text
            out.append(b)
    return out
