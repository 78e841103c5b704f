"""Truecasing: capitals restored in text written without any, letters only, offsets kept."""

from __future__ import annotations

import pytest

from eventwire.actors.api import default_kb
from eventwire.actors.truecase import Truecaser, all_capitals, caseless, restore_case, truecaser_for


@pytest.fixture(scope="module")
def truecase() -> Truecaser:
    return truecaser_for(default_kb())


def test_a_text_without_capitals_is_caseless():
    assert caseless("russia accused ukraine of shelling civilians in donetsk on friday.")
    assert caseless("the talks ended. " * 40 + "I")  # a stray capital in a long text
    assert not caseless("Russia accused Ukraine of shelling civilians in Donetsk on Friday.")
    assert not caseless("russia accused ukraine of shelling civilians, said Reuters.")  # short: any capital is case
    assert not caseless("ok fine")  # too short to tell
    assert not caseless("")


@pytest.mark.parametrize(("text", "expected"), [
    ("mr abe met president putin in moscow.", "Mr Abe met president Putin in Moscow."),
    ("the un condemned it. nato agreed.", "The UN condemned it. NATO agreed."),
    ("prime minister shinzo abe arrived. later abe left for u.s. bases.",
     "Prime minister Shinzo Abe arrived. Later Abe left for U.S. bases."),
    ("us troops left. they told us to go. the us-backed forces and the us agreed.",
     "US troops left. They told us to go. The US-backed forces and the US agreed."),
    ("a us plan and his us counterpart met turkish-us envoys, who gave us their support.",
     "A US plan and his US counterpart met Turkish-US envoys, who gave us their support."),
    ("china and turkey agreed, over fine china and the turkey.", "China and Turkey agreed, over fine china and the turkey."),
    ("rice prices fell in may, and i said so.", "Rice prices fell in may, and I said so."),
    ("\"we will win,\" he said.\nthe kremlin denied it.", "\"We will win,\" he said.\nThe Kremlin denied it."),
    # (coder round hybrid_v28) "said" after a title is a verb, though someone is called Said
    ("the chief minister said the curfew would stay. president putin said no.",
     "The chief minister said the curfew would stay. President Putin said no."),
])
def test_capitals_come_back_where_they_can_be_known(truecase, text, expected):
    assert truecase(text) == expected


def test_a_surname_alone_is_a_name_only_after_a_title_or_the_full_name(truecase):
    assert truecase("then abe spoke.") == "Then abe spoke."
    assert truecase("shinzo abe arrived and then abe spoke.") == "Shinzo Abe arrived and then Abe spoke."


def test_only_letters_change(truecase):
    text = "the u.s. and the eu — via nato's envoy, mr. stoltenberg — urged kyiv & moscow to talk; i'll see. ok?"
    out = truecase(text)
    assert len(out) == len(text) and out.lower() == text


def test_a_text_all_in_capitals_is_lower_cased_and_truecased():
    kb = default_kb()
    assert all_capitals("RUSSIA ACCUSED UKRAINE OF SHELLING CIVILIANS IN DONETSK.")
    assert not all_capitals("Russia accused Ukraine of shelling civilians in Donetsk.")
    assert not all_capitals("NATO AND THE UN")  # too short to tell
    assert restore_case("THE UN CONDEMNED IT. NATO AGREED.", kb) == "The UN condemned it. NATO agreed."
    assert restore_case("the un condemned it. nato agreed.", kb) == "The UN condemned it. NATO agreed."
    assert restore_case("The UN condemned it. NATO agreed.", kb) is None  # written as usual: left alone


def test_peoples_days_and_cities_that_are_no_english_words_get_capitals(truecase):
    text = "kurdish fighters shelled idlib on monday; in reading, mobile phones and long beach walks stayed as they were."
    assert truecase(text) == (
        "Kurdish fighters shelled Idlib on Monday; in reading, mobile phones and long beach walks stayed as they were."
    )


def test_find_actors_reads_a_lower_cased_text_with_capitals_and_quotes_it_as_written():
    from eventwire.actors.api import find_actors

    text = "turkish troops shelled kurdish positions, and nato urged restraint."
    assert [(m.code, m.text, text[m.start:m.end]) for m in find_actors(text)] == [
        ("TURMIL", "turkish troops", "turkish troops"), ("NATO", "nato", "nato"),
    ]


def test_regions_honorifics_other_names_of_cities_and_countries_in_compounds(truecase):
    assert truecase("mr abe flew from raqqa to the middle east; in europe, the turkey-backed forces and turkey's army.") == (
        "Mr Abe flew from Raqqa to the Middle East; in Europe, the Turkey-backed forces and Turkey's army."
    )
    assert truecase("the lady sang; her roles and tunes were read.") == "The lady sang; her roles and tunes were read."
