"""The actor knowledge base: shipped facts, lookups, user dictionaries, consistency."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.actors.kb import KnowledgeBase, normalize, parse_date
from eventwire.errors import UsageError

D = dt.date
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "actors"

# The countries whose heads of state and government the KB promises from 2000:
# the G20 members, the P5 and the 50 most populous countries.
TOP_50 = (
    "IND CHN USA IDN PAK NGA BRA BGD RUS ETH MEX JPN EGY PHL COD VNM IRN TUR DEU THA TZA GBR FRA ZAF "
    "ITA KEN MMR COL KOR SDN UGA ESP DZA IRQ ARG AFG YEM CAN AGO UKR MAR POL UZB MYS MOZ GHA PER SAU "
    "MDG CIV"
).split()
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
# Periods with no holder on record, on purpose (see data/kb/README.md "Known gaps").
KNOWN_GAPS = {
    ("IRQ", "head_of_state"): (D(2003, 4, 10), D(2004, 5, 31)),
    ("IRQ", "head_of_government"): (D(2003, 4, 10), D(2004, 5, 31)),
    ("AFG", "head_of_state"): (D(2001, 11, 14), D(2001, 12, 21)),
    ("SDN", "head_of_government"): (D(2021, 10, 26), D(2025, 5, 31)),
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def _spells(kb: KnowledgeBase, person_id: str, role: str) -> list[tuple[dt.date, dt.date | None]]:
    return [(o.start, o.end) for o in kb.people[person_id].offices if o.role == role and not o.interim]


# ------------------------------------------------------------ dated facts
def test_abe_premierships(kb):
    assert _spells(kb, "shinzo-abe", "head_of_government") == [
        (D(2006, 9, 26), D(2007, 9, 26)),
        (D(2012, 12, 26), D(2020, 9, 16)),
    ]


def test_medvedev_and_putin_offices(kb):
    assert _spells(kb, "dmitry-medvedev", "head_of_state") == [(D(2008, 5, 7), D(2012, 5, 7))]
    assert _spells(kb, "dmitry-medvedev", "head_of_government") == [(D(2012, 5, 8), D(2020, 1, 16))]
    assert _spells(kb, "vladimir-putin", "head_of_state") == [
        (D(2000, 5, 7), D(2008, 5, 7)),
        (D(2012, 5, 7), None),
    ]
    assert _spells(kb, "vladimir-putin", "head_of_government") == [
        (D(1999, 8, 16), D(2000, 5, 7)),
        (D(2008, 5, 8), D(2012, 5, 7)),
    ]


@pytest.mark.parametrize(
    ("country", "role", "date", "expected"),
    [
        ("RUS", "head_of_state", D(2010, 6, 1), "dmitry-medvedev"),
        ("RUS", "head_of_state", D(2018, 5, 26), "vladimir-putin"),
        ("RUS", "head_of_state", D(2008, 5, 7), "dmitry-medvedev"),  # hand-over day: the incoming holder
        ("RUS", "head_of_state", D(2000, 3, 1), "vladimir-putin"),  # acting president, no regular one
        ("RUS", "prime minister", D(2010, 6, 1), "vladimir-putin"),
        ("JPN", "head_of_government", D(2010, 6, 1), "yukio-hatoyama"),
        ("JPN", "premier", D(2018, 5, 26), "shinzo-abe"),  # no "Premier" title in Japan: the office decides
        ("IRN", "president", D(2015, 1, 1), "hassan-rouhani"),  # Iran's president heads the government
        ("IRN", "head_of_state", D(2015, 1, 1), "ali-khamenei"),
        ("DEU", "president", D(2015, 1, 1), "joachim-gauck"),
        ("DEU", "chancellor", D(2015, 1, 1), "angela-merkel"),
        ("CHN", "premier", D(2015, 1, 1), "li-keqiang"),
        ("USA", "head_of_government", D(2015, 1, 1), "barack-obama"),  # heads_government flag
        ("USA", "secretary of state", D(2015, 1, 1), "john-kerry"),
        ("USA", "defense secretary", D(2004, 1, 1), "donald-rumsfeld"),
        ("GBR", "queen", D(2010, 1, 1), "elizabeth-ii"),
        ("GBR", "foreign secretary", D(2020, 1, 1), "dominic-raab"),
        ("SAU", "crown prince", D(2018, 1, 1), "mohammed-bin-salman"),
        ("TUR", "head_of_government", D(2010, 1, 1), "recep-tayyip-erdogan"),
        ("TUR", "head_of_government", D(2020, 1, 1), "recep-tayyip-erdogan"),  # executive presidency
        ("KOR", "president", D(2025, 1, 15), "yoon-suk-yeol"),  # suspended, but regular wins over acting
        ("UNO", "secretary-general", D(2010, 1, 1), "ban-ki-moon"),
        ("NATO", "igo_head", D(2020, 1, 1), "jens-stoltenberg"),
        ("EUR", "foreign_minister", D(2025, 1, 1), "kaja-kallas"),
        ("CAN", "head_of_state", D(2023, 1, 1), "charles-iii"),
        # older news (offices back to 1979)
        ("USA", "president", D(1985, 6, 1), "ronald-reagan"),
        ("GBR", "prime minister", D(1985, 6, 1), "margaret-thatcher"),
        ("DEU", "chancellor", D(1989, 1, 1), "helmut-kohl"),  # the Federal Republic before 1990-10-03
        ("FRA", "president", D(1990, 1, 1), "francois-mitterrand"),
        ("JPN", "prime minister", D(1992, 1, 1), "kiichi-miyazawa"),
        ("ISR", "prime minister", D(1993, 9, 13), "yitzhak-rabin"),
        ("RUS", "prime minister", D(1995, 1, 1), "viktor-chernomyrdin"),
    ],
)
def test_office_holder(kb, country, role, date, expected):
    holder = kb.office_holder(country, role, date)
    assert holder is not None and holder.id == expected


def test_office_holder_none_outside_records(kb):
    assert kb.office_holder("RUS", "head_of_state", D(1850, 1, 1)) is None
    assert kb.office_holder("XXX", "head_of_state", D(2010, 1, 1)) is None


def test_offices_on(kb):
    assert [o.role for o in kb.offices_on("vladimir-putin", D(2010, 1, 1))] == ["head_of_government"]
    assert kb.offices_on("ban-ki-moon", D(2010, 1, 1))[0].country == "UNO"
    assert kb.offices_on("shinzo-abe", D(2010, 6, 1)) == []
    assert kb.offices_on("no-such-person", D(2010, 6, 1)) == []


@pytest.mark.parametrize(
    ("date", "code", "active"),
    [(D(2007, 5, 1), "JPNGOV", True), (D(2018, 5, 26), "JPNGOV", True), (D(2010, 6, 1), "JPNELI", False)],
)
def test_abe_is_government_only_in_office(kb, date, code, active):
    entry = kb.lookup("Shinzo Abe", date)[0]
    assert (entry.kind, entry.code, entry.active) == ("person", code, active)


def test_person_before_any_office_has_bare_country(kb):
    entry = kb.lookup("Sanae Takaichi", D(2010, 1, 1))[0]
    assert entry.code == "JPN" and entry.active is False


def test_person_in_igo_office_gets_igo_code(kb):
    entry = kb.lookup("Ban Ki-moon", D(2010, 1, 1))[0]
    assert (entry.code, entry.sector) == ("UNO", "IGO")
    assert kb.lookup("Ban Ki-moon", D(2005, 1, 1))[0].code == "KORGOV"


# ------------------------------------------------------------ lookups
@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("U.S.", "USA"), ("US", "USA"), ("America", "USA"), ("the United States", "USA"),
        ("Britain's", "GBR"), ("U.K.", "GBR"), ("Great Britain", "GBR"),
        ("South Korea", "KOR"), ("DPRK", "PRK"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"), ("Czechia", "CZE"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
        ("Russia's", "RUS"), ("Vietnam", "VNM"), ("Iran", "IRN"), ("Syria", "SYR"),
        ("Japanese", "JPN"), ("French", "FRA"), ("American", "USA"), ("Americans", "USA"),
        ("British", "GBR"), ("Russian", "RUS"), ("North Korean", "PRK"), ("Filipinos", "PHL"),
    ],
)
def test_country_names_and_demonyms(kb, surface, code):
    assert kb.lookup(surface)[0].code == code


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("the Kremlin", "RUSGOV"), ("Moscow", "RUSGOV"), ("the White House", "USAGOV"),
        ("the Pentagon", "USAMIL"), ("Foggy Bottom", "USAGOV"), ("State Department", "USAGOV"),
        ("Downing Street", "GBRGOV"), ("Whitehall", "GBRGOV"), ("the Elysee", "FRAGOV"),
        ("Élysée", "FRAGOV"), ("Quai d'Orsay", "FRAGOV"), ("Zhongnanhai", "CHNGOV"),
        ("Beijing", "CHNGOV"), ("Tokyo", "JPNGOV"), ("Tehran", "IRNGOV"), ("Pyongyang", "PRKGOV"),
        ("Kiev", "UKRGOV"), ("Kyiv", "UKRGOV"), ("New Delhi", "INDGOV"), ("Delhi", "INDGOV"),
        ("Riyadh", "SAUGOV"), ("Ankara", "TURGOV"), ("Berlin", "DEUGOV"), ("Seoul", "KORGOV"),
        ("Brussels", "EUR"),
    ],
)
def test_metonyms(kb, surface, code):
    assert kb.lookup(surface)[0].code == code


def test_dated_metonym(kb):
    assert kb.lookup("Blue House", D(2020, 1, 1))[0].code == "KORGOV"
    assert kb.lookup("Blue House", D(2023, 1, 1)) == []
    assert kb.lookup("Yongsan", D(2023, 1, 1))[0].code == "KORGOV"


def test_uk_ministries_and_services_by_name_and_the_foreign_office_renamed_in_2020(kb):
    assert kb.lookup("Home Office")[0].code == "GBRGOV"
    assert [kb.lookup(n)[0].code for n in ("Royal Air Force", "RAF", "Royal Navy", "Luftwaffe")] == [
        "GBRMIL", "GBRMIL", "GBRMIL", "DEUMIL"]
    assert kb.lookup("Foreign and Commonwealth Office", D(2019, 5, 1))[0].code == "GBRGOV"
    assert kb.lookup("FCO", D(2021, 5, 1)) == []  # merged into the FCDO in September 2020
    assert kb.lookup("FCDO", D(2021, 5, 1))[0].code == "GBRGOV"
    # Other countries have a "Foreign Office" too (Pakistan's, Germany's): not a UK name.
    assert not any(e.code == "GBRGOV" for e in kb.lookup("Foreign Office"))


@pytest.mark.parametrize(
    ("surface", "code"),
    [("UN", "UNO"), ("U.N.", "UNO"), ("European Union", "EUR"), ("EU", "EUR"), ("NATO", "NATO"),
     ("World Bank", "WBK"), ("IAEA", "IAE"), ("UNICEF", "KID"), ("African Union", "AU"), ("OPEC", "OPC"),
     ("Amnesty International", "AMN"), ("Doctors Without Borders", "MSF"), ("Security Council", "UNSC")],
)
def test_igos(kb, surface, code):
    assert kb.lookup(surface)[0].code == code


def test_ngo_sector(kb):
    assert kb.lookup("Human Rights Watch")[0].sector == "NGO"


@pytest.mark.parametrize(
    ("surface", "sector"),
    [("troops", "MIL"), ("soldiers", "MIL"), ("police", "COP"), ("rebels", "REB"), ("insurgents", "INS"),
     ("protesters", "CVL"), ("lawmakers", "LEG"), ("MPs", "LEG"), ("judge", "JUD"), ("spokeswoman", "GOV"),
     ("defense minister", "GOV"), ("defence ministers", "GOV"), ("journalists", "MED"), ("refugees", "REF"),
     ("students", "EDU"), ("spy agency", "SPY"), ("businessmen", "BUS"), ("dissidents", "OPP"),
     ("law enforcers", "COP"), ("vigilantes", "UAF"), ("herdsmen", "CVL")],
)
def test_roles(kb, surface, sector):
    entry = kb.lookup(surface)[0]
    assert (entry.kind, entry.sector) == ("role", sector)


def test_name_variants(kb):
    for surface in ("Kim Jong Un", "Kim Jong-un", "kim jong-un"):
        assert kb.lookup(surface)[0].kb_id == "kim-jong-un"
    assert kb.lookup("Abe Shinzo")[0].kb_id == "shinzo-abe"
    assert kb.lookup("Xi", D(2020, 1, 1))[0].kb_id == "xi-jinping"
    assert kb.lookup("Moon", D(2019, 1, 1))[0].kb_id == "moon-jae-in"
    assert kb.lookup("Erdogan")[0].kb_id == "recep-tayyip-erdogan"
    assert kb.lookup("Yildirim")[0].kb_id == "binali-yildirim"  # dotless ı folds to i


def test_people_ranked_by_office_on_date(kb):
    # Both hold an office in 2024; the one whose current title is the surface wins.
    ids = [e.kb_id for e in kb.lookup("Prince of Wales", D(2010, 1, 1))]
    assert ids[0] == "charles-iii"
    ids = [e.kb_id for e in kb.lookup("Prince of Wales", D(2024, 1, 1))]
    assert ids[0] == "william-prince-of-wales"


def test_normalize():
    assert normalize("the U.S.'s") == "us"
    assert normalize("Élysée") == "elysee"
    assert normalize("Côte d’Ivoire") == "cote divoire"
    assert normalize("Kim Jong-un") == normalize("Kim Jong Un")
    assert normalize("Yıldırım") == "yildirim"


def test_parse_date_precision():
    assert parse_date("2006-09-26") == (D(2006, 9, 26), "day")
    assert parse_date("2006-09") == (D(2006, 9, 1), "month")
    assert parse_date("2006-09", end=True) == (D(2006, 9, 30), "month")
    assert parse_date("2024", end=True) == (D(2024, 12, 31), "year")
    with pytest.raises(ValueError):
        parse_date("26/09/2006")


def test_names_cover_every_kind(kb):
    kinds = {}
    for surface, entry in kb.names():
        kinds.setdefault(entry.kind, set()).add(surface)
    assert {"country", "igo", "metonym", "role", "person"} <= set(kinds)
    assert "U.S." in kinds["country"] and "Pentagon" in kinds["metonym"] and "Shinzo Abe" in kinds["person"]


def test_imprecise_dates_keep_their_precision(kb):
    office = next(o for o in kb.people["tang-jiaxuan"].offices if o.role == "foreign_minister")
    assert (office.start, office.start_precision) == (D(1998, 3, 1), "month")


# ------------------------------------------------------------ user dictionaries
def test_user_dictionary_extends_and_overrides():
    kb = KnowledgeBase.load([FIXTURES / "user_kb"])
    putin = kb.people["vladimir-putin"]
    assert {"Vova", "V. V. Putin", "Putin"} <= set(putin.aliases)
    assert len(putin.offices) == len(KnowledgeBase.load().people["vladimir-putin"].offices)
    abe = kb.people["shinzo-abe"]
    assert [(o.start, o.end) for o in abe.offices] == [(D(2012, 12, 26), D(2020, 9, 16))]
    assert kb.lookup("Shinzo Abe", D(2007, 5, 1))[0].active is False
    assert kb.lookup("Freedonians")[0].code == "FRD"
    assert kb.lookup("Blighty")[0].code == "GBR"
    assert kb.countries["GBR"].name == "United Kingdom"  # an empty cell keeps the shipped value
    assert kb.lookup("Rufus Palace")[0].code == "FRDGOV"
    assert kb.office_holder("FRD", "president", D(2022, 1, 1)).name == "Jane Doe"
    assert kb.check() == []


def test_user_dictionary_single_file(tmp_path):
    path = tmp_path / "extra.tsv"
    path.write_text("term\tforms\tsector\nsniper\tsniper|snipers\tMIL\n", encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert kb.lookup("snipers")[0].sector == "MIL"


def test_bad_user_files_raise_usage_errors(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("whatever\tcolumns\n1\t2\n", encoding="utf-8")
    with pytest.raises(UsageError, match="header must start with"):
        KnowledgeBase.load([bad])
    bad.write_text("person\tname\tcountry\trole\tstart\nx\tX\tRUS\tczar\t2000\n", encoding="utf-8")
    with pytest.raises(UsageError, match="line 2: unknown role 'czar'"):
        KnowledgeBase.load([bad])
    bad.write_text("person\tname\tcountry\trole\tstart\nx\tX\tRUS\tminister\t2000-13\n", encoding="utf-8")
    with pytest.raises(UsageError, match="bad date"):
        KnowledgeBase.load([bad])
    with pytest.raises(UsageError, match="does not exist"):
        KnowledgeBase.load([tmp_path / "missing"])


# ------------------------------------------------------------ consistency
def test_shipped_data_is_consistent(kb):
    assert kb.check() == []


def test_checker_finds_problems(tmp_path):
    (tmp_path / "countries.tsv").write_text("country\tname\nZZA\tZedland\n", encoding="utf-8")
    (tmp_path / "people.tsv").write_text(
        "person\tname\tcountry\trole\tstart\tend\tflags\n"
        "a-one\tA One\tZZA\thead_of_state\t2001-01-01\t2005-01-01\t\n"
        "b-two\tB Two\tZZA\thead_of_state\t2003-01-01\t\t\n"  # overlaps a-one
        "c-three\tC Three\tZZA\thead_of_state\t2004-01-01\t2004-06-01\tacting\n"  # flagged: fine
        "f-six\tF Six\tZZA\thead_of_state\t2005-01\t2006-01-01\t\n"  # imprecise start: slack
        "d-four\tD Four\tZZZ\tminister\t2010-01-01\t2009-01-01\t\n"  # unknown country, end < start
        "Bad_Id\tBad\tZZA\tminister\t2010-01-01\t\t\n"
        "e-five\tE Five\t\t\t\t\t\n",  # no office
        encoding="utf-8",
    )
    problems = "\n".join(KnowledgeBase.load([tmp_path], shipped=False).check())
    assert "ZZA head_of_state: a-one" in problems and "overlaps b-two" in problems
    assert "overlaps f-six" in problems  # b-two never ends
    assert "a-one (2001-01-01..2005-01-01) overlaps f-six" not in problems
    assert "c-three" not in problems
    assert "unknown country/IGO 'ZZZ'" in problems
    assert "ends 2009-01-01 before it starts 2010-01-01" in problems
    assert "'Bad_Id' is not a lower-case slug" in problems
    assert "e-five: holds no office" in problems


def test_unique_ids_and_valid_codes(kb):
    codes = set(kb.countries) | set(kb.igos)
    assert not set(kb.countries) & set(kb.igos)  # no IGO code shadows a country
    assert all(m.country in codes for m in kb.metonyms)
    assert len(kb.countries) >= 250


def _months(start: dt.date, end: dt.date):
    d = start
    while d <= end:
        yield d
        d = D(d.year + (d.month == 12), d.month % 12 + 1, 1)


@pytest.mark.parametrize("country", TOP_50 + ["AUS"])
def test_heads_of_state_and_government_cover_2000_to_2025(kb, country):
    missing = []
    for role in ("head_of_state", "head_of_government"):
        gap = KNOWN_GAPS.get((country, role))
        for day in _months(D(2000, 1, 1), D(2025, 6, 1)):
            if gap and gap[0] <= day <= gap[1]:
                continue
            if kb.office_holder(country, role, day) is None:
                missing.append(f"{role} {day}")
    # A few short vacancies between holders are real; whole years are not.
    assert len(missing) <= 4, missing


@pytest.mark.parametrize("country", G20)
def test_g20_foreign_and_defence_ministers_cover_2000_to_2025(kb, country):
    for role in ("foreign_minister", "defence_minister"):
        missing = [d for d in _months(D(2000, 1, 1), D(2025, 6, 1)) if kb.office_holder(country, role, d) is None]
        assert len(missing) <= 6, (role, missing)


# ------------------------------------------------------------ local names
def test_local_names_are_found_as_words_in_any_country(kb):
    """Written for the project: a local name is matched as whole words, in every country that has it."""
    found = sorted((form, n.country, n.sector) for form, n in kb.local_names_in("The Congress leaders' meeting"))
    assert found == [("congress", "IND", "PTY"), ("congress", "NPL", "PTY")]
    assert kb.local_names_in("Congressional hearings") == []  # a word, not a part of one
    assert [n.name for _, n in kb.local_names_in("RAF")] == ["Rapid Action Force"]
    # Never a name of its own: the recogniser's index does not hold them.
    assert [e.code for e in kb.lookup("RAF")] == ["GBRMIL"]


def test_a_user_file_adds_local_names_and_bad_rows_are_refused(tmp_path):
    path = tmp_path / "local.tsv"
    path.write_text("local\tcountry\tsector\tname\nAssembly|Assemblymen\tZAF\tPTY\tTest Party\n", encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert [(f, n.country, n.name) for f, n in kb.local_names_in("two assemblymen")] == [("assemblymen", "ZAF", "Test Party")]
    path.write_text("local\tcountry\tsector\tname\nAssembly\tZZQ\tPTY\tTest Party\n", encoding="utf-8")
    assert "local name 'Assembly': unknown country ZZQ" in KnowledgeBase.load([path]).check()
    path.write_text("local\tcountry\tsector\tname\nAssembly\tZAF\t\tTest Party\n", encoding="utf-8")
    with pytest.raises(UsageError, match="line 2: a local name needs its forms, a country, a sector and a name"):
        KnowledgeBase.load([path])
