"""GDELT 2.0 layout: 61 columns in codebook order, one row per dyad, what each cell holds."""

from __future__ import annotations

import datetime as dt
import io

import msgspec

from eventwire.export.gdelt import GDELT_COLUMNS, fraction_date, gdelt_row, global_event_id, iter_gdelt_lines, write_gdelt
from eventwire.records import ActorRef, Event, Evidence, Location, Span
from eventwire.store.events_query import Dyad, expand_dyads


def actor(code, country, sector, text, name=None):
    return ActorRef(text=text, code=code, country=country, sector=sector, name=name, start=0, end=len(text))


EVENT = Event(
    event_id="ev1", article_id="a1", sentence_index=0, sentence="Russian troops shelled Kyiv.",
    date=dt.date(2018, 6, 12), sources=[actor("RUSMIL", "RUS", "MIL", "Russian troops")],
    targets=[actor("UKR", "UKR", None, "Kyiv", "Ukraine"), actor("UNO", "UNO", "IGO", "the UN", "United Nations")],
    type="ASSAULT", mode="heavy-weapons", cameo="1951", quad_class=4, intensity=-10.0, negated=False,
    modality="asserted", confidence=0.8, trigger=Span(text="shelled", start=15, end=22), evidence=Evidence(),
    location=Location(name="Kyiv, Ukraine", country="UKR", lat=50.45, lon=30.5233),
)


def dyads() -> list[Dyad]:
    row = msgspec.to_builtins(EVENT, builtin_types=(dt.date,))
    row.update(url="https://example.org/a1", site="example.org", tone=-4.5,
               ingested_at=dt.datetime(2018, 6, 13, 7, 5, 9, tzinfo=dt.timezone.utc))
    return list(expand_dyads([row]))


def cells(dyad: Dyad) -> dict[str, str]:
    return dict(zip(GDELT_COLUMNS, gdelt_row(dyad), strict=True))


def test_the_codebook_layout():
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[5:8] == ("Actor1Code", "Actor1Name", "Actor1CountryCode")
    assert GDELT_COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )
    assert GDELT_COLUMNS[35] == "Actor1Geo_Type" and GDELT_COLUMNS[51] == "ActionGeo_Type"
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_one_row_per_dyad_with_what_eventwire_knows():
    first, second = dyads()
    row = cells(first)
    assert row["SQLDATE"] == "20180612" and row["MonthYear"] == "201806" and row["Year"] == "2018"
    assert row["FractionDate"] == "2018.5260"
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "RUSMIL", "RUSSIAN TROOPS", "RUS", "MIL")
    assert (row["Actor2Code"], row["Actor2Name"], row["Actor2CountryCode"]) == ("UKR", "UKRAINE", "UKR")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("1951", "195", "19")
    assert (row["QuadClass"], row["GoldsteinScale"], row["IsRootEvent"]) == ("4", "-10", "1")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"], row["AvgTone"]) == ("1", "1", "1", "-4.5")
    assert (row["ActionGeo_FullName"], row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("Kyiv, Ukraine", "50.45", "30.5233")
    assert row["ActionGeo_CountryCode"] == ""  # GDELT wants FIPS; we do not guess
    assert row["DATEADDED"] == "20180613070509"
    assert row["SOURCEURL"] == "https://example.org/a1"
    assert row["Actor1EthnicCode"] == "" and row["Actor1Geo_FullName"] == ""
    # An organisation goes to KnownGroupCode, not CountryCode.
    org = cells(second)
    assert (org["Actor2Code"], org["Actor2CountryCode"], org["Actor2KnownGroupCode"]) == ("UNO", "", "UNO")
    assert org["GLOBALEVENTID"] != row["GLOBALEVENTID"]


def test_ids_are_stable_integers():
    first, _ = dyads()
    gid = global_event_id(first.dyad_id)
    assert 0 <= gid < 2**63
    assert gid == global_event_id(dyads()[0].dyad_id)


def test_missing_values_stay_empty_and_cells_never_break_the_layout():
    lone = msgspec.structs.replace(
        EVENT, date=None, cameo=None, targets=[], location=None, sentence_index=4,
        sources=[actor("USAGOV", "USA", "GOV", "the\tWhite\nHouse")],
    )
    (dyad,) = expand_dyads([msgspec.to_builtins(lone)])
    row = cells(dyad)
    assert row["SQLDATE"] == row["EventCode"] == row["Actor2Code"] == row["SOURCEURL"] == ""
    assert row["Actor1Name"] == "THE WHITE HOUSE" and row["IsRootEvent"] == "0"


def test_writer_header_and_count():
    out = io.StringIO()
    assert write_gdelt(dyads(), out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and all(len(line.split("\t")) == 61 for line in lines)
    with_header = list(iter_gdelt_lines(dyads(), header=True))
    assert with_header[0].rstrip("\n").split("\t") == list(GDELT_COLUMNS)
    out = io.StringIO()
    assert write_gdelt(dyads(), out, header=True) == 2


def test_fraction_date_follows_gdelt():
    assert fraction_date(dt.date(2018, 1, 1)) == round(2018 + 31 / 365, 4)
