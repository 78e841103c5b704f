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


# --- the city index cache -------------------------------------------------------


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    return tmp_path


def _refuse_to_index(*args):
    raise AssertionError("the city index was rebuilt instead of read from the cache")


def test_the_city_index_is_read_back_from_the_cache(cache_dir, gz, monkeypatch):
    built = Gazetteer(gz_kb())
    files = list(cache_dir.glob("cities-*.msgpack"))
    assert len(files) == 1
    monkeypatch.setattr(Gazetteer, "_index_cities", staticmethod(_refuse_to_index))
    read = Gazetteer(gz_kb())
    assert read._cities == built._cities == gz._cities
    assert read.locate("Tripoli") == built.locate("Tripoli")
    # each city is stored once, as many names point to it
    assert len({id(v) for v in read._cities.values()}) < len(read._cities) / 3


def test_a_damaged_cache_is_rebuilt(cache_dir, gz):
    Gazetteer(gz_kb())
    (path,) = cache_dir.glob("cities-*.msgpack")
    path.write_bytes(path.read_bytes()[:1000])  # cut short, as by a full disk
    assert Gazetteer(gz_kb()).locate("Samarra").country == "IRQ"
    assert path.stat().st_size > 1000  # written again, whole


def test_the_cache_can_be_turned_off_and_a_read_only_folder_is_no_error(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE", "off")
    assert Gazetteer(gz_kb()).locate("Cizre").country == "TUR"
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("EVENTWIRE_CACHE", str(blocked / "cache"))
    assert Gazetteer(gz_kb()).locate("Cizre").country == "TUR"
    assert list(tmp_path.iterdir()) == [blocked]


def gz_kb():
    from eventwire.actors.kb import KnowledgeBase

    return KnowledgeBase.load()
