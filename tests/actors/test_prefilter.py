"""The prefilter: a cheap test for sentences that can hold an actor."""

from __future__ import annotations

import pytest

from eventwire.actors.api import default_kb
from eventwire.actors.kb import KnowledgeBase
from eventwire.actors.prefilter import Prefilter, prefilter_for


@pytest.fixture(scope="module")
def has_candidate() -> Prefilter:
    return prefilter_for(default_kb())


@pytest.mark.parametrize("text", [
    "The Kremlin denied it.",                     # metonym
    "Britain's ambassador was summoned.",         # possessive country
    "Japanese officials declined to comment.",    # demonym + role
    "Troops crossed the river at dawn.",          # role (group)
    "The U.S. and the UK disagreed.",             # dotted and short capital forms
    "Mr Smith left early.",                       # honorific
    "She said it would rain.",                    # pronoun
    "Shinzo Abe spoke.",                          # person
    "The Élysée said nothing.",                   # diacritics
    "The United Nations Security Council met.",   # multi-word name
    "Gen. Smith resigned.",                       # abbreviated title
])
def test_sentences_with_candidates_pass(has_candidate, text):
    assert has_candidate(text)


@pytest.mark.parametrize("text", [
    "Shares fell 3% on Tuesday.",
    "It rained all day and the river rose.",
    "Tell us what you think.",                    # "us" is not the US
    "Who knows what will happen next?",           # "who" is not the WHO
])
def test_sentences_without_candidates_fail(has_candidate, text):
    assert not has_candidate(text)


def test_a_user_dictionary_extends_it(tmp_path):
    (tmp_path / "groups.tsv").write_text("metonym\tcountry\tsector\nZorblat Front\tFRA\tREB\n")
    kb = KnowledgeBase.load([tmp_path])
    assert prefilter_for(kb)("The Zorblat Front attacked.")
    assert not prefilter_for(default_kb())("The Zorblat Front attacked.")
