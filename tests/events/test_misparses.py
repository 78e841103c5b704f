"""Rules for the small parser's slips, tested on the parses themselves.

The slips depend on the exact words of a sentence, so each test builds the
parse the model gave to a sentence of that shape, and asks the rule about it.
"""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from eventwire.events.candidates import _background_participle, _beside_complement, misparsed_main_verb  # noqa: E402


def parse(rows: list[tuple[str, str, str, str, int]]):
    """A Doc from (word, tag, pos, dep, head index) rows; the root is its own head."""
    from spacy.tokens import Doc

    words, tags, pos, deps, heads = (list(col) for col in zip(*rows, strict=True))
    return Doc(spacy.blank("en").vocab, words=words, tags=tags, pos=pos, deps=deps, heads=heads)


def test_a_clause_with_a_subject_and_an_auxiliary_on_a_verb_of_saying_taken_for_a_noun_is_the_news():
    # "Officials in the northeast confirm that four soldiers were killed": "confirm" parsed
    # as a noun in the prepositional phrase, "were killed" as a participle on it.
    doc = parse([
        ("Officials", "NNS", "NOUN", "ROOT", 0), ("in", "IN", "ADP", "prep", 0), ("the", "DT", "DET", "det", 4),
        ("northeast", "JJ", "ADJ", "amod", 4), ("confirm", "NN", "NOUN", "pobj", 1),
        ("that", "IN", "SCONJ", "mark", 9), ("four", "CD", "NUM", "nummod", 7),
        ("soldiers", "NNS", "NOUN", "nsubjpass", 9), ("were", "VBD", "AUX", "auxpass", 9),
        ("killed", "VBN", "VERB", "acl", 4),
    ])
    assert not _background_participle(doc[9])


def test_a_that_clause_on_a_real_noun_and_a_bare_participle_stay_background():
    # "They denied the claim that Moscow had tested it": what is claimed, not news.
    claim = parse([
        ("They", "PRP", "PRON", "nsubj", 1), ("denied", "VBD", "VERB", "ROOT", 1), ("the", "DT", "DET", "det", 3),
        ("claim", "NN", "NOUN", "dobj", 1), ("that", "IN", "SCONJ", "mark", 7), ("Moscow", "NNP", "PROPN", "nsubj", 7),
        ("had", "VBD", "AUX", "aux", 7), ("tested", "VBN", "VERB", "acl", 3), ("it", "PRP", "PRON", "dobj", 7),
    ])
    assert _background_participle(claim[7])
    # "They mourned the soldiers killed in the ambush": a participle without a subject.
    mourned = parse([
        ("They", "PRP", "PRON", "nsubj", 1), ("mourned", "VBD", "VERB", "ROOT", 1), ("the", "DT", "DET", "det", 3),
        ("soldiers", "NNS", "NOUN", "dobj", 1), ("killed", "VBN", "VERB", "acl", 3), ("in", "IN", "ADP", "prep", 4),
        ("the", "DT", "DET", "det", 7), ("ambush", "NN", "NOUN", "pobj", 5),
    ])
    assert _background_participle(mourned[4])


def test_an_object_taken_for_an_apposition_of_another_number_makes_the_participle_the_verb():
    # "Iraqi forces seized on Thursday a cache": plural "forces", singular "a cache".
    rows = [
        ("Iraqi", "JJ", "ADJ", "amod", 1), ("forces", "NNS", "NOUN", "ROOT", 1), ("seized", "VBN", "VERB", "acl", 1),
        ("on", "IN", "ADP", "prep", 2), ("Thursday", "NNP", "PROPN", "pobj", 3), ("a", "DT", "DET", "det", 6),
        ("cache", "NN", "NOUN", "appos", 1),
    ]
    assert misparsed_main_verb(parse(rows)[2])
    # "Iraqi forces seized on Thursday, the army units ...": the same number, an apposition.
    rows[5:] = [("the", "DT", "DET", "det", 6), ("units", "NNS", "NOUN", "appos", 1)]
    assert not misparsed_main_verb(parse(rows)[2])


def test_a_counted_noun_after_up_to_taken_for_a_particle_is_the_object():
    from eventwire.events.arguments import ParsedSentence
    from eventwire.events.patterns import PatternDictionary

    # "Rebels kidnapped up to 16 Russian advisers": "up" parsed as the verb's particle, "to" as its preposition.
    doc = parse([
        ("Rebels", "NNS", "NOUN", "nsubj", 1), ("kidnapped", "VBD", "VERB", "ROOT", 1), ("up", "RP", "ADP", "prt", 1),
        ("to", "IN", "ADP", "prep", 2), ("16", "CD", "NUM", "nummod", 6), ("Russian", "JJ", "ADJ", "amod", 6),
        ("advisers", "NNS", "NOUN", "pobj", 3),
    ])
    advisers = doc[5:7]
    sent = ParsedSentence(doc, [(advisers.start_char, advisers.end_char)], PatternDictionary.load())
    assert sent.verb_targets(doc[1], None) == [0]
    # "... up to the border": no count, no object.
    doc = parse([
        ("Rebels", "NNS", "NOUN", "nsubj", 1), ("marched", "VBD", "VERB", "ROOT", 1), ("up", "RP", "ADP", "prt", 1),
        ("to", "IN", "ADP", "prep", 2), ("the", "DT", "DET", "det", 5), ("Russians", "NNPS", "PROPN", "pobj", 3),
    ])
    russians = doc[5:6]
    sent = ParsedSentence(doc, [(russians.start_char, russians.end_char)], PatternDictionary.load())
    assert sent.verb_targets(doc[1], None) == []


def test_a_list_the_parser_starts_as_an_apposition_names_every_member():
    # "The leaders of Ghana, Kenya, Togo and Mali": the parser made "Kenya" an apposition
    # of "Ghana" and the rest its conjuncts, inside the first mention's phrase.
    from eventwire.events.arguments import ParsedSentence
    from eventwire.events.patterns import default_patterns

    doc = parse([
        ("The", "DT", "DET", "det", 1), ("leaders", "NNS", "NOUN", "nsubj", 10), ("of", "IN", "ADP", "prep", 1),
        ("Ghana", "NNP", "PROPN", "pobj", 2), (",", ",", "PUNCT", "punct", 3), ("Kenya", "NNP", "PROPN", "appos", 3),
        (",", ",", "PUNCT", "punct", 5), ("Togo", "NNP", "PROPN", "conj", 5), ("and", "CC", "CCONJ", "cc", 7),
        ("Mali", "NNP", "PROPN", "conj", 7), ("met", "VBD", "VERB", "ROOT", 10), (".", ".", "PUNCT", "punct", 10),
    ])
    spans = [(0, 20), (23, 28), (31, 35), (40, 44)]  # "The leaders of Ghana", "Kenya", "Togo", "Mali"
    assert [doc.text[a:b] for a, b in spans] == ["The leaders of Ghana", "Kenya", "Togo", "Mali"]
    sent = ParsedSentence(doc, spans, default_patterns(), frozenset(), ["GHA", "KEN", "TGO", "MLI"])
    assert sorted(sent.np_actors(doc[1])) == [0, 1, 2, 3]


def test_a_clause_hung_beside_a_failed_to_complement_did_not_fail():
    # "..., where people died in a gas attack, the US failed to enforce a red line": the
    # parser hangs "died" on "failed" as a clausal complement beside "to enforce".
    doc = parse([
        ("people", "NNS", "NOUN", "nsubj", 1), ("died", "VBD", "VERB", "ccomp", 5), (",", ",", "PUNCT", "punct", 5),
        ("the", "DT", "DET", "det", 4), ("US", "NNP", "PROPN", "nsubj", 5), ("failed", "VBD", "VERB", "ROOT", 5),
        ("to", "TO", "PART", "aux", 7), ("enforce", "VB", "VERB", "xcomp", 5), ("a", "DT", "DET", "det", 9),
        ("line", "NN", "NOUN", "dobj", 7),
    ])
    assert _beside_complement(doc[5], doc[1])
    assert not _beside_complement(doc[5], doc[7])


def test_a_passive_joined_to_a_verb_of_saying_happened_to_its_object_not_the_speakers():
    # "activists said 50 people were killed": parsed with "people" as the object of "said"
    # and "killed" joined to it; the victims are the people, not the activists.
    from eventwire.events.arguments import ParsedSentence
    from eventwire.events.patterns import default_patterns

    from spacy.tokens import Doc

    doc = Doc(
        spacy.blank("en").vocab, words=["activists", "said", "50", "people", "were", "killed"],
        tags=["NNS", "VBD", "CD", "NNS", "VBD", "VBN"], pos=["NOUN", "VERB", "NUM", "NOUN", "AUX", "VERB"],
        deps=["nsubj", "ROOT", "nummod", "dobj", "auxpass", "conj"], heads=[1, 1, 3, 1, 5, 1],
        lemmas=["activist", "say", "50", "people", "be", "kill"],
    )
    spans = [(0, 9), (18, 24)]  # "activists", "people"
    sent = ParsedSentence(doc, spans, default_patterns())
    assert sent.verb_targets(doc[5], None) == [1]
