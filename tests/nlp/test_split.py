"""Sentence splitting on token arrays gives exactly what spaCy's sentencizer gives."""

import random

import numpy as np
import pytest
import spacy

from eventwire.nlp.pipeline import sentence_starts, split_sentences
from tests.conftest import news_text

TRICKY = [
    "", " ", "...", "A.  B", "Hi!!! There?? Yes.", '"Stop." He said. (Yes.) [No]', "  lead  space. x",
    "\n\n\nA. B.\n\nC", "Mr. Smith went. 3.5 is a number. U.S. forces left.", "end.", ". . .", "a . b", "?A",
    'A?"B" C', "Talks ended\u2026 Then? Nothing!", "Wait\u3002 Next \u0964 done", "One;\ttwo.\tThree",
]


def _sentencizer_split(nlp, text):
    """The old way: spaCy's sentencizer component, token by token."""
    out, offset = [], 0
    for para in text.split("\n"):
        if para.strip():
            for sent in nlp(para).sents:
                stripped = sent.text.strip()
                if stripped:
                    start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                    out.append((start, start + len(stripped), stripped))
        offset += len(para) + 1
    return out


@pytest.fixture(scope="module")
def sentencizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _random_texts(n, seed=3):
    rng = random.Random(seed)
    pieces = ["A", "b", " ", "  ", ".", "!", "?", '"', ")", "\n", "word", "...", ",", ";", "\u3002", "\u2026", "-"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def test_same_sentences_as_spacys_sentencizer(sentencizer):
    texts = TRICKY + [news_text(topic) for topic in ("the border dispute", "a trade deal")] + _random_texts(500)
    for text in texts:
        ours = [(s.start, s.end, s.text) for s in split_sentences(text)]
        assert ours == _sentencizer_split(sentencizer, text), text
        assert [s.index for s in split_sentences(text)] == list(range(len(ours)))


def test_the_models_tokenizer_splits_the_same(sentencizer):
    from eventwire.nlp.pipeline import load_pipeline
    from eventwire.settings import Nlp

    tokenizer = load_pipeline(Nlp()).tokenizer
    for text in TRICKY + [news_text("a ceasefire")] + _random_texts(200, seed=5):
        assert split_sentences(text, tokenizer) == split_sentences(text)
        assert [(s.start, s.end, s.text) for s in split_sentences(text, tokenizer)] == _sentencizer_split(sentencizer, text)


def test_sentence_start_rule():
    # "A met B . C": the word after the full stop starts a sentence.
    ends = np.array([0, 0, 0, 1, 0], dtype=bool)
    punct = np.array([0, 0, 0, 1, 0], dtype=bool)
    assert sentence_starts(ends, punct).tolist() == [0, 4]
    # Closing quotes and brackets after the stop stay with the sentence.
    ends = np.array([0, 1, 0, 0, 0], dtype=bool)
    punct = np.array([0, 1, 1, 1, 0], dtype=bool)
    assert sentence_starts(ends, punct).tolist() == [0, 4]
    assert sentence_starts(np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)).tolist() == []
    # Leading stops: the first word after them starts the second sentence.
    assert sentence_starts(np.array([1, 0, 0], dtype=bool), np.array([1, 0, 0], dtype=bool)).tolist() == [0, 1]


def test_paragraphs_start_afresh():
    # Two paragraphs: "A ." and ". B C": the second's first token starts a
    # sentence, and so does "B", the first word after that stop (as spaCy's
    # sentencizer does on the paragraph alone).
    ends = np.array([0, 1, 1, 0, 0], dtype=bool)
    assert sentence_starts(ends, ends, np.array([0, 2])).tolist() == [0, 2, 3]
    # The stop of the first paragraph does not carry over into the second.
    ends = np.array([0, 1, 0, 0], dtype=bool)
    assert sentence_starts(ends, ends, np.array([0, 2])).tolist() == [0, 2]
    assert sentence_starts(ends, ends).tolist() == [0, 2]


@pytest.mark.parametrize(("text", "expected"), [
    ("KIEV - Ukraine left.", ["KIEV -", "Ukraine left."]),
    ("DALIAN, China (Wire) \u2014 Kim arrived. He left.", ["DALIAN, China (Wire) \u2014", "Kim arrived.", "He left."]),
    ("NEW DELHI: Farmers blocked roads.", ["NEW DELHI:", "Farmers blocked roads."]),
    # No dateline: a compound, dashes inside a sentence, a place in ordinary case.
    ("US-China talks ended.", ["US-China talks ended."]),
    ("The UN - and Iran - agreed.", ["The UN - and Iran - agreed."]),
    ("Kiev - the capital - was calm.", ["Kiev - the capital - was calm."]),
])
def test_a_wire_dateline_is_a_sentence_of_its_own(text, expected):
    from eventwire.nlp.pipeline import split_datelines

    sentences = split_datelines(split_sentences(text))
    assert [s.text for s in sentences] == expected
    assert [s.index for s in sentences] == list(range(len(expected)))
    assert all(text[s.start:s.end] == s.text for s in sentences)
