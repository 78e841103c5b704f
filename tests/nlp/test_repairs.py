"""Parse repairs: "police firing" read as a participle becomes the police's firing."""

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.nlp.repairs import repair


def _doc(words, heads, deps, tags, pos):
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)


def _tree(doc):
    return [(t.text, t.dep_, t.head.i, t.tag_) for t in doc]


@pytest.mark.parametrize(("verb", "firing_head", "firing_dep"), [
    ("died", 4, "acl"),  # "Two men died in police firing at Rampur": a participle on "police"
    ("perished", 2, "advcl"),  # "... perished in police firing at Rampur": an adverbial clause
])
def test_firing_misread_as_a_participle_becomes_the_noun_police_modify(verb, firing_head, firing_dep):
    """As the small model parses them: "firing" a verb hung on "police" or on the main verb."""
    doc = _doc(["Two", "men", verb, "in", "police", "firing", "at", "Rampur", "."],
               [1, 2, 2, 2, 3, firing_head, 5, 6, 2],
               ["nummod", "nsubj", "ROOT", "prep", "pobj", firing_dep, "prep", "pobj", "punct"],
               ["CD", "NNS", "VBD", "IN", "NNS", "VBG", "IN", "NNP", "."],
               ["NUM", "NOUN", "VERB", "ADP", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"])
    repair(doc)
    assert _tree(doc)[4:6] == [("police", "compound", 5, "NNS"), ("firing", "pobj", 3, "NN")]
    assert doc[5].pos_ == "NOUN" and [c.text for c in doc[5].children] == ["police", "at"]


def test_police_firing_something_is_left_a_verb():
    """"ended with police firing tear gas": the firing has an object; the parse stands."""
    doc = _doc(["It", "ended", "with", "police", "firing", "gas", "."],
               [1, 1, 1, 2, 3, 4, 1],
               ["nsubj", "ROOT", "prep", "pobj", "acl", "dobj", "punct"],
               ["PRP", "VBD", "IN", "NNS", "VBG", "NN", "."],
               ["PRON", "VERB", "ADP", "NOUN", "VERB", "NOUN", "PUNCT"])
    before = _tree(doc)
    repair(doc)
    assert _tree(doc) == before
