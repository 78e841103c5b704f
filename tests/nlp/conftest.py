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
