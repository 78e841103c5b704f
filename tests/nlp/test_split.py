"""Sentence splitting on token arrays gives what spaCy's sentencizer gives, with opening quotes
and brackets moved to the sentence they open."""

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


def _opens(doc, i):
    tok = doc[i]
    if tok.text in ('"', "'", "''", "`", "``") or (tok.is_left_punct and tok.is_right_punct):
        return (i == 0 or bool(doc[i - 1].whitespace_)) and not tok.whitespace_
    return tok.is_left_punct and not tok.is_right_punct


def _sentencizer_split(nlp, text):
    """The old way: spaCy's sentencizer component, token by token, then each
    sentence's opening quotes and brackets taken from the end of the one before."""
    out, offset = [], 0
    for para in text.split("\n"):
        if para.strip():
            doc = nlp(para)
            starts = [sent.start for sent in doc.sents]
            for k in range(1, len(starts)):
                while starts[k] > 0 and _opens(doc, starts[k] - 1):
                    starts[k] -= 1
            for first, last in zip(starts, [*starts[1:], len(doc)]):
                sent = doc[first:last]
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
    pieces = ["A", "b", " ", "  ", ".", "!", "?", '"', ")", "\n", "word", "...", ",", ";", "\u3002", "\u2026", "-",
              "\u201c", "\u201d", "(", "'", "["]
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


@pytest.mark.parametrize(("text", "expected"), [
    # The opening quote of a quoted sentence was the last character of the sentence before.
    ("He said. \u201cWe will go,\u201d he added.", ["He said.", "\u201cWe will go,\u201d he added."]),
    ('He said. "We will go," he added. "No." She left.', ["He said.", '"We will go," he added.', '"No."', "She left."]),
    ("He said, \u2018\u2018wait.\u2019\u2019 It ended. \u2018\u2018No,\u2019\u2019 he said.",
     ["He said, \u2018\u2018wait.\u2019\u2019", "It ended.", "\u2018\u2018No,\u2019\u2019 he said."]),
    ("It ended. (Reuters) Iran left.", ["It ended.", "(Reuters) Iran left."]),
    # Closing quotes and brackets stay where they were; a paragraph ending on an opener keeps it.
    ("\u201cGo.\u201d (Iran left.) Then", ["\u201cGo.\u201d", "(Iran left.)", "Then"]),
    ("It ended. \u201c", ["It ended. \u201c"]),
])
def test_an_opening_quote_goes_with_the_sentence_it_opens(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_openers_move_back_within_their_paragraph():
    from eventwire.nlp.pipeline import with_openers

    # "A . ( B" -> the bracket starts the second sentence; "( B" as a paragraph's start stays put.
    openers = np.array([0, 0, 1, 0], dtype=bool)
    assert with_openers(np.array([0, 3]), openers, np.array([0])).tolist() == [0, 2]
    assert with_openers(np.array([0, 3]), openers, np.array([0, 3])).tolist() == [0, 3]
    # "A “ ( B": a run of openers moves as one.
    assert with_openers(np.array([0, 3]), np.array([0, 1, 1, 0], dtype=bool), np.array([0])).tolist() == [0, 1]


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


def test_a_title_case_dateline_is_split_only_when_its_place_is_one():
    from eventwire.nlp.pipeline import split_datelines

    places = {"New Delhi", "Kabul"}.__contains__
    text = "New Delhi: The government sought more time. Mr Smith: we will go."
    assert [s.text for s in split_datelines(split_sentences(text), places)] == [
        "New Delhi:", "The government sought more time.", "Mr Smith: we will go."]
    # Without a gazetteer, or past the article's first sentences, title case is left alone.
    assert [s.text for s in split_datelines(split_sentences(text))] == [
        "New Delhi: The government sought more time.", "Mr Smith: we will go."]
    late = "Iran left. Iraq left. Syria left. Kabul: talks resumed."
    assert split_datelines(split_sentences(late), places)[-1].text == "Kabul: talks resumed."
