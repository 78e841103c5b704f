"""Import of PETRARCH/Phoenix actor and agent dictionaries into the KB format."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from eventwire.actors.kb import Country, KnowledgeBase, Metonym, Person
from eventwire.actors.petrarch_import import (
    import_petrarch_dictionary,
    parse_code,
    petrarch_date,
    read_actor_entries,
    write_kb_files,
)
from eventwire.errors import InputError, UsageError

D = dt.date
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "actors"


@pytest.fixture(scope="module")
def actor_records() -> list:
    return import_petrarch_dictionary(FIXTURES / "tiny.actors.txt", kind="actors")


def _by_type(records: list, kind: type) -> list:
    return [r for r in records if isinstance(r, kind)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("000507", D(2000, 5, 7)), ("300101", D(2030, 1, 1)), ("310101", D(1931, 1, 1)),
     ("991231", D(1999, 12, 31)), ("20120508", D(2012, 5, 8))],
)
def test_petrarch_date_window(text, expected):
    assert petrarch_date(text) == expected


@pytest.mark.parametrize("text", ["2004017", "12345", "0013"])
def test_petrarch_date_rejects_bad_lengths(text):
    with pytest.raises(ValueError):
        petrarch_date(text)


def test_parse_code_forms():
    assert parse_code("RUSGOV 000507-080507").start == D(2000, 5, 7)
    assert parse_code("RUSGOV >120507").end is None
    assert parse_code("HTIOPPMED <061231").end == D(2006, 12, 31)
    assert parse_code("~GOV").code == "GOV"
    assert parse_code("---") is None


def test_entries_gather_synonyms_and_codes_from_following_lines():
    entries = {e.phrase: e for e in read_actor_entries(FIXTURES / "tiny.actors.txt")}
    putin = entries["VLADIMIR PUTIN"]
    assert putin.synonyms == ("PUTIN", "VLADIMIR VLADIMIROVICH PUTIN")
    assert [c.code for c in putin.codes] == ["RUSGOV", "RUSGOV", "RUSELI"]
    assert len(entries["DMITRY MEDVEDEV"].codes) == 2  # two codes on the entry's own line


def test_bad_code_is_skipped_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="eventwire.actors.petrarch_import"):
        entries = {e.phrase: e for e in read_actor_entries(FIXTURES / "tiny.actors.txt")}
    assert len(entries["OLD CHIEF"].codes) == 1
    assert "2004017" in caplog.text


def test_people_get_dated_offices(actor_records):
    people = {p.id: p for p in _by_type(actor_records, Person)}
    putin = people["vladimir-putin"]
    assert putin.name == "Vladimir Putin" and "Putin" in putin.aliases
    assert [(o.country, o.sector, o.start, o.end) for o in putin.offices] == [
        ("RUS", "GOV", D(2000, 5, 7), D(2008, 5, 7)),
        ("RUS", "GOV", D(2012, 5, 7), None),
    ]
    assert all(o.role == "official" for o in putin.offices)
    ban = people["ban-ki-moon"]
    assert [o.country for o in ban.offices] == ["KOR", "UNO"]
    assert people["yukiya-amano"].offices[0].country == "IAE"  # the most specific IGO part
    assert [o.country for o in people["kofi-annan"].offices] == ["UNO"]
    chief = people["old-chief"].offices[0]
    assert (chief.start_precision, chief.end) == ("unknown", D(1999, 12, 31))


def test_countries_and_metonyms(actor_records):
    countries = {c.code: c for c in _by_type(actor_records, Country)}
    assert countries["RUS"].aliases == ("Russia", "Russian", "Moscow")
    assert "Freedonians" in countries["FRE"].aliases
    metonyms = {m.name: m for m in _by_type(actor_records, Metonym)}
    assert (metonyms["Kremlin Spokesman"].country, metonyms["Kremlin Spokesman"].sector) == ("RUS", "GOV")
    assert metonyms["Nato"].country == "NATO"  # CAMEO IGOWSTNAT
    assert "Nobody" not in metonyms
    assert "ELI" not in countries and "Former Grandee" not in metonyms  # bare sector codes


def test_agents_become_roles():
    roles = {r.term: r for r in import_petrarch_dictionary(FIXTURES / "tiny.agents.txt", kind="agents")}
    assert roles["president"].sector == "GOV" and "presidents" in roles["president"].forms
    assert roles["police"].forms == ("police",)  # {} means no plural
    assert roles["thief"].forms == ("thief", "thieves")
    assert roles["foreign minister"].forms == ("foreign minister", "foreign ministry")
    assert roles["defence minister"].sector == "GOV"  # GOVMIL: the first sector
    assert roles["secretary"].forms == ("secretary", "secretaries")
    assert roles["environmentalist"].sector == "ENV"  # tolerates [~ENV}
    assert "orphan agent without code" not in roles


def test_written_files_load_as_a_user_dictionary(actor_records, tmp_path):
    agents = import_petrarch_dictionary(FIXTURES / "tiny.agents.txt", kind="agents")
    paths = write_kb_files(actor_records + agents, tmp_path, "tiny")
    assert sorted(p.name for p in paths) == [
        "tiny.countries.tsv", "tiny.metonyms.tsv", "tiny.people.tsv", "tiny.roles.tsv",
    ]
    kb = KnowledgeBase.load([tmp_path])
    assert kb.lookup("Freedonian")[0].code == "FRE"
    assert kb.countries["RUS"].name == "Russia"  # imported aliases never rename a country
    assert kb.lookup("Kremlin Spokesman")[0].code == "RUSGOV"
    assert kb.lookup("thieves")[0].sector == "CRM"
    # The imported Putin replaces the shipped one's offices (same id): the user file wins.
    assert kb.lookup("Putin", D(2010, 1, 1))[0].code == "RUSELI"
    assert kb.lookup("Putin", D(2015, 1, 1))[0].code == "RUSGOV"
    assert kb.lookup("Old Chief", D(1995, 1, 1))[0].code == "FREGOV"


def test_errors():
    with pytest.raises(UsageError, match="unknown PETRARCH dictionary kind"):
        import_petrarch_dictionary(FIXTURES / "tiny.actors.txt", kind="verbs")
    with pytest.raises(InputError, match="cannot read PETRARCH dictionary"):
        import_petrarch_dictionary(FIXTURES / "missing.txt")
