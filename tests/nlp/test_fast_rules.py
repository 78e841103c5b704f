"""The fast attribute-ruler + lemmatizer component gives exactly what spaCy's own give."""

import pytest
import spacy

from eventwire.nlp.fast_rules import COMPONENT, install, lemma_words
from eventwire.settings import Nlp
from tests.conftest import news_text
from tests.nlp.conftest import stock_and_installed

SENTENCES = [
    "Japanese Prime Minister Shinzo Abe met Russian President Vladimir Putin in Moscow on Saturday.",
    "Russia accused Ukraine of provoking the clash, and the talks were called off.",
    "We're gonna win, let's go, y'all ain't seen nothing yet!",
    "There are three reasons why I'd say the ministers would've agreed.",
    "Something happened; nobody knows whether anyone could have stopped it, but everyone tried.",
    "Gotta go: c'mon, it isn't over till it's over.",
    "The better offer was rejected by the more cautious of the two delegations.",
    "She told him that they had left the building before the police arrived.",
    "  Leading spaces and\ttabs\n\nand a paragraph break.",
    "",
]


@pytest.fixture(scope="module")
def pipelines():
    return stock_and_installed(install)


def _annotations(doc):
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]


def test_replaces_the_two_components(pipelines):
    _, fast = pipelines
    assert COMPONENT in fast.pipe_names
    assert "attribute_ruler" not in fast.pipe_names and "lemmatizer" not in fast.pipe_names


def test_same_pos_morphology_and_lemmas(pipelines):
    stock, fast = pipelines
    texts = SENTENCES + news_text("the border dispute").split("\n\n")
    # Twice: the second pass runs from the memo tables.
    for _ in range(2):
        for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
            assert _annotations(a) == _annotations(b)


def test_leaves_a_pipeline_without_a_lemmatizer_alone():
    nlp = spacy.load(Nlp().model, exclude=["lemmatizer"])
    names = list(nlp.pipe_names)
    assert not install(nlp)
    assert nlp.pipe_names == names


def test_rules_over_several_tokens_match_as_spacy_does():
    model = Nlp().model
    stock, fast = spacy.load(model), spacy.load(model)
    for nlp in (stock, fast):
        ruler = nlp.get_pipe("attribute_ruler")
        # Three tokens, the last one set (a negative index), and two tokens
        # setting an attribute outside POS, MORPH and LEMMA.
        ruler.add([[{"LOWER": "prime"}, {"LOWER": "minister"}, {"TAG": "NNP"}]], {"LEMMA": "premier"}, index=-1)
        ruler.add([[{"LOWER": {"IN": ["foreign", "defence"]}}, {"LOWER": "ministers"}]], {"NORM": "minister"}, index=1)
    assert install(fast)
    texts = [
        "Prime Minister Abe and prime minister Modi met the foreign ministers.",
        "The defence ministers met; the prime minister did not.",
        "Prime Minister",
    ]
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert _annotations(a) + [t.norm_ for t in a] == _annotations(b) + [t.norm_ for t in b]
    assert [t.lemma_ for t in fast(texts[0])][2] == "premier"
    assert [t.norm_ for t in fast(texts[1])][2] == "minister"


def test_leaves_a_pipeline_with_an_operator_rule_alone():
    nlp = spacy.load(Nlp().model)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}, {"POS": "ADJ"}]], {"LEMMA": "x"})
    names = list(nlp.pipe_names)
    assert not install(nlp)
    assert nlp.pipe_names == names


def test_memo_tables_hold_word_classes_not_words(pipelines):
    stock, fast = pipelines
    rules = fast.get_pipe(COMPONENT).rules
    # Made-up words: every one is new to the tables, none is named by a rule.
    texts = [f"The {w}ish envoys {w}ed the {w}ers in {w.title()}ville." for w in
             ("zorb", "quin", "vasp", "trell", "grob", "plim", "snad", "frub", "welk", "jorp")]
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert _annotations(a) == _annotations(b)
    before = len(rules._rules)
    more = [t.replace("envoys", "delegates") for t in texts]
    for a, b in zip(stock.pipe(more), fast.pipe(more), strict=True):
        assert _annotations(a) == _annotations(b)
    # 40 new word forms, but hardly a new (tag, class, dependency) key.
    assert len(rules._rules) - before <= 3


def test_a_rule_naming_a_word_or_a_pattern_still_applies():
    model = Nlp().model
    stock, fast = spacy.load(model), spacy.load(model)
    for nlp in (stock, fast):
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.add([[{"LOWER": "talks", "TAG": "NNS"}]], {"LEMMA": "negotiation"})
        ruler.add([[{"LOWER": {"REGEX": "^counter"}}]], {"LEMMA": "counter-move"})
        ruler.add([[{"LOWER": {"NOT_IN": ["the", "a"]}, "TAG": "DT"}]], {"LEMMA": "some-determiner"})
    assert install(fast)
    texts = ["Talks on the counteroffensive began; this counterattack failed.", "Those talks and that counter.",
             "Talks on the offensive began; this attack failed."]  # the same tags, no pattern
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert _annotations(a) == _annotations(b)
    doc = fast(texts[0])
    assert [doc[0].lemma_, doc[3].lemma_, doc[6].lemma_, doc[7].lemma_] == [
        "negotiation", "counter-move", "some-determiner", "counter-move"]
    assert fast(texts[1])[0].lemma_ == "some-determiner"


def test_full_memo_tables_start_again_with_the_same_results(pipelines, monkeypatch):
    import eventwire.nlp.fast_rules as fast_rules

    stock, fast = pipelines
    monkeypatch.setattr(fast_rules, "_MEMO_LIMIT", 5)
    rules = fast.get_pipe(COMPONENT).rules
    for a, b in zip(stock.pipe(SENTENCES), fast.pipe(SENTENCES), strict=True):
        assert _annotations(a) == _annotations(b)
    assert len(rules._lower_class) <= 5 + 40 and len(rules._rules) <= 5 + 40
    assert len(rules._lemmas) <= 5 + 40 and len(rules.lemmatize.__self__.cache) <= 5 + 40


def test_lemma_index_is_searched_as_sets(pipelines):
    _, fast = pipelines
    stock_lemmatizer = spacy.load(Nlp().model).get_pipe("lemmatizer")
    assert isinstance(stock_lemmatizer.lookups.get_table("lemma_index")["noun"], list)
    # The replaced lemmatizer's index: same words, as sets.
    rules = fast.get_pipe(COMPONENT).rules
    index = rules.lemmatize.__self__.lookups.get_table("lemma_index")
    assert isinstance(index["noun"], frozenset)
    assert index["noun"] == frozenset(stock_lemmatizer.lookups.get_table("lemma_index")["noun"])


def test_lemma_words_are_the_lemmatizers_words_installed_or_not(pipelines):
    stock, fast = pipelines
    words = frozenset().union(*lemma_words(fast))
    assert words == frozenset().union(*lemma_words(stock))
    assert {"animal", "defiant", "attack"} <= words and "diane" not in words
    # The installed component's own sets, not copies.
    index = fast.get_pipe(COMPONENT).rules._lemmatizer.lookups.get_table("lemma_index")
    assert all(any(s is own for own in index.values()) for s in lemma_words(fast))
    assert lemma_words(spacy.load(Nlp().model, exclude=["lemmatizer"])) == ()
