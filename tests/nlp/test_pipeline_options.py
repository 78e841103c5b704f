"""Pipeline options: `[nlp] ner = false` still codes what the knowledge base knows; `[nlp] matmul` changes speed, not parses."""

import datetime as dt

import pytest

from eventwire.events.coder import EventCoder
from eventwire.nlp.pipeline import load_pipeline
from eventwire.settings import Nlp, Settings
from tests.conftest import news_text


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


def test_without_ner_a_place_the_gazetteer_knows_is_found_where_the_text_puts_something():
    from eventwire.actors.api import find_actors

    settings = Settings(nlp=Nlp(ner=False))

    def places(text):
        return [(m.text, m.country) for m in find_actors(text, "2019-03-01", settings=settings) if m.kind == "place"]

    # No entity recogniser: "in Cizre", "the town of Samarra" are still places, of their countries.
    assert places("Soldiers searched houses in Cizre overnight.") == [("Cizre", "TUR")]
    assert places("Militants shelled the town of Samarra.") == [("Samarra", "IRQ")]
    # Where a place is acted on: "an offensive on Kirkuk", "the shelling of northern Samarra".
    assert places("The army began an offensive on Kirkuk.") == [("Kirkuk", "IRQ")]
    assert places("Troops halted the shelling of northern Samarra.") == [("Samarra", "IRQ")]
    # A person's name that is also a town's, where no place is meant, stays no place.
    assert places("Bolton, before landing at Ankara, phoned Kalin.") == [("Ankara", "TUR")]
    assert places("Erdogan declined to receive Bolton.") == []


def test_without_ner_a_name_set_beside_a_title_is_remembered():
    """Without entities, "Kelly McGraw, the US trade envoy" still introduces McGraw, whom
    the next sentence calls by surname (a name with an inner capital included)."""
    from eventwire.actors.api import find_actors

    fast = Settings(nlp=Nlp(ner=False))
    text = "Kelly McGraw, the US trade envoy, met Chilean officials. McGraw said the talks went well."
    assert [(m.text, m.code) for m in find_actors(text, "2019-05-01", settings=fast) if m.text == "McGraw"] \
        == [("McGraw", "USAGOV")]


def test_without_ner_a_first_name_is_no_misspelt_country():
    """The speller reads "Alexander" as a slip for Aland unless the recogniser says it is a
    person's; without one, a word of a run of proper nouns is part of a name."""
    from eventwire.actors.api import find_actors

    fast = Settings(nlp=Nlp(ner=False))
    codes = [m.code for m in find_actors("Envoy Alexander Kuznetsov met officials in Riga.", settings=fast)]
    assert "ALA" not in codes
    assert "ETH" in [m.code for m in find_actors("Soldiers from Ethopia crossed into Kenya.", settings=fast)]


def _analysis(doc):
    return [(t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in doc]


def test_numpy_and_blis_matmul_give_the_same_parses():
    numpy_nlp, blis_nlp = load_pipeline(Nlp(matmul="numpy")), load_pipeline(Nlp(matmul="blis"))
    assert numpy_nlp is not blis_nlp
    assert not numpy_nlp.get_pipe("tok2vec").model.ops.use_blis
    assert blis_nlp.get_pipe("tagger").model.ops.use_blis
    texts = news_text("the border dispute").split("\n\n")
    for a, b in zip(numpy_nlp.pipe(texts), blis_nlp.pipe(texts), strict=True):
        assert _analysis(a) == _analysis(b)


def test_a_loaded_pipeline_multiplies_on_one_thread():
    from threadpoolctl import threadpool_info

    load_pipeline(Nlp())
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas and all(lib["num_threads"] == 1 for lib in blas)
