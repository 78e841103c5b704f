"""``[nlp] ner = false``: the pipeline without spaCy's NER still codes what the knowledge base knows."""

import datetime as dt

import pytest

from eventwire.events.coder import EventCoder
from eventwire.nlp.pipeline import load_pipeline
from eventwire.settings import Nlp, Settings


def test_ner_off_leaves_the_recogniser_out():
    assert "ner" in load_pipeline(Nlp()).pipe_names
    assert "ner" not in load_pipeline(Nlp(ner=False)).pipe_names


def _coded(coder, text):
    return [(e.type, [a.code for a in e.sources], [a.code for a in e.targets])
            for e in coder.code_article("a1", text, dt.date(2018, 5, 26))]


@pytest.mark.parametrize("text", [
    "Japanese Prime Minister Shinzo Abe met Russian President Vladimir Putin in Moscow on Saturday.",
    "Russia accused Ukraine of provoking the clash.",
    "The United States imposed sanctions on Iran on Monday.",
])
def test_coding_without_ner_codes_known_actors_as_with_it(text):
    with_ner, without = EventCoder(Settings()), EventCoder(Settings(nlp=Nlp(ner=False)))
    got = _coded(without, text)
    assert got and got == _coded(with_ner, text)
