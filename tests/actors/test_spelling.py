"""Misspelt country names, demonyms and capitals: the corrector alone and in actor recognition."""

from __future__ import annotations

import pytest

from eventwire.actors.spelling import CountrySpeller, edit_distance

FORMS = {"ethiopia": "ETH", "qatar": "QAT", "afghanistan": "AFG", "philippines": "PHL", "kathmandu": "NPL",
         "austria": "AUT", "australia": "AUS", "austrian": "AUT", "niger": "NER", "nigeria": "NGA"}


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("qatar", "quatar", 1), ("ethiopia", "ethopia", 1), ("ethiopia", "ehtiopia", 1),
    ("kathmandu", "khatmandu", 2), ("mali", "bali", 1), ("iran", "iraq", 1), ("austria", "australia", 2),
])
def test_edit_distance_counts_swaps_as_one(a, b, distance):
    assert edit_distance(a, b) == distance


@pytest.mark.parametrize(("word", "form"), [
    ("Ethopia", "ethiopia"), ("Quatar", "qatar"), ("Afganistan", "afghanistan"), ("Phillippines", "philippines"),
    ("Khatmandu", "kathmandu"), ("ETHOPIA", "ethiopia"),
])
def test_slips_are_corrected(word, form):
    assert CountrySpeller(FORMS).correct(word) == form


@pytest.mark.parametrize("word", [
    "Ethics",     # too far from anything
    "Austria",    # spelt right: nothing to correct
    "Nigel",      # too short to correct at all
    "Bthiopia",   # the first letter must agree
    "Nigera",     # one edit from Niger and from Nigeria, two countries: ambiguous
])
def test_what_is_not_corrected(word):
    assert CountrySpeller(FORMS).correct(word) is None


def test_answers_are_kept_and_bounded(monkeypatch):
    import eventwire.actors.spelling as spelling

    monkeypatch.setattr(spelling, "CACHE_SIZE", 3)
    speller = CountrySpeller(FORMS)
    words = ["Ethopia", "Quatar", "Ethics", "ETHOPIA", "Afganistan", "Nigera", "Khatmandu", "Ethopia"]
    answers = [speller.correct(w) for w in words]
    assert answers == ["ethiopia", "qatar", None, "ethiopia", "afghanistan", None, "kathmandu", "ethiopia"]
    assert answers == [CountrySpeller(FORMS).correct(w) for w in words]  # the same as a fresh speller's
    assert 0 < len(speller._answers) <= 3


def test_misspelt_countries_are_actors_in_text():
    from eventwire.actors.api import find_actors

    # (The sentence needs a word the prefilter knows, "officials": a sentence
    # whose only actor names are misspelt is not parsed at all.)
    found = [(m.text, m.code) for m in find_actors("Ethopia accused Afganistan of shelling its border, officials said.")]
    assert found[:2] == [("Ethopia", "ETH"), ("Afganistan", "AFG")]


def test_a_place_of_its_own_is_not_a_slip():
    from eventwire.actors.api import find_actors

    # "Indiana" is one letter from "Indian", "Columbia" from "Colombia": both are places of their own.
    codes = {m.text: m.code for m in find_actors("Police in Indiana and Columbia arrested the suspects.")}
    assert "IND" not in codes.values() and "COL" not in codes.values()
