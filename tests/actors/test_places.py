"""The gazetteer: place names to a country and a point."""

from __future__ import annotations

import pytest

from eventwire.actors.places import Gazetteer, gazetteer, locate


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return gazetteer()


@pytest.mark.parametrize(("name", "country"), [
    ("Cizre", "TUR"), ("Samarra", "IRQ"), ("Calgary", "CAN"), ("Gorazde", "BIH"), ("Goražde", "BIH"),
    ("Hebron", "PSE"), ("Dili", "TLS"), ("Ivory Coast", "CIV"), ("Britain", "GBR"), ("Gaza Strip", "PSE"),
    ("Darfur", "SDN"), ("Texas", "USA"),
])
def test_places_resolve_to_a_country(gz, name, country):
    assert gz.locate(name).country == country


def test_the_most_populous_city_of_a_name_wins(gz):
    assert gz.locate("Tripoli").country == "LBY"  # not Lebanon's Tripoli


def test_a_city_name_beats_another_city_alternate_name(gz):
    assert gz.locate("Dili").name == "Dili"  # "Dili" is also a spelling of Delhi


def test_points_are_given_for_cities_countries_and_regions(gz):
    paris = gz.locate("Paris")
    assert paris.country == "FRA" and 48 < paris.lat < 49 and 2 < paris.lon < 3
    japan = gz.locate("Japan")  # a country sits at its capital
    assert japan.country == "JPN" and 35 < japan.lat < 36
    assert gz.locate("West Bank").lat is not None


def test_continents_and_unknown_names_are_not_places(gz):
    assert gz.locate("Africa") is None and gz.locate("Middle East") is None
    assert gz.locate("Qwzxv") is None and gz.locate("") is None
    assert "Nairobi" in gz and "Qwzxv" not in gz


def test_the_shorthand_uses_the_shared_gazetteer():
    assert locate("Kabul").country == "AFG"


def test_news_names_that_geonames_gives_to_other_places():
    from eventwire.actors.places import locate

    assert locate("Odessa").country == "UKR"  # not Odessa, Texas
    assert locate("Salisbury").country == "GBR"  # not Harare's colonial name
    assert locate("Dili").country == "TLS"  # a capital, not a spelling of Delhi
