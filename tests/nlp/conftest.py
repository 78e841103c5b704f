"""Helpers for the NLP tests."""

import spacy

from eventwire.settings import Nlp


def stock_and_installed(install):
    """Two fresh copies of the shipped model: spaCy's own, and one with ``install`` applied."""
    model = Nlp().model
    stock, fast = spacy.load(model), spacy.load(model)
    assert install(fast)
    return stock, fast
