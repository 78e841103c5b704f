"""Write events in the GDELT 2.0 event table layout: 61 tab-separated columns.

One row per dyad (an event with two sources and one target gives two rows),
in the column order of the GDELT 2.0 Event Codebook, so tools written for
GDELT's ``*.export.CSV`` files read eventwire output unchanged. GDELT files
have no header row; ``header=True`` adds one with the codebook's names.

How eventwire fills each column (empty where eventwire has no such value):

========================  ====================================================
GLOBALEVENTID             the dyad's content hash (the ``event_dyads`` id)
                          read as an integer: its first 15 hex digits, so it
                          fits a signed 64-bit column and is the same on
                          every run
SQLDATE, MonthYear, Year  the event date (YYYYMMDD, YYYYMM, YYYY)
FractionDate              Year + (month * 30 + day) / 365, GDELT's formula,
                          4 decimals
Actor1Code                the source's full actor code (``RUSGOV``)
Actor1Name                its canonical name, else the text that named it,
                          upper-cased as GDELT writes names
Actor1CountryCode         its ISO 3166 alpha-3 country; empty for an IGO
Actor1KnownGroupCode      its IGO/NGO code (``UNO``, ``NATO``) for
                          organisations
Actor1Type1Code           its PLOVER sector (``GOV``, ``MIL``, ...)
Actor1EthnicCode,         empty (eventwire does not code them)
Religion1/2, Type2/3
Actor2*                   the same for the target
IsRootEvent               1 when the event is in the article's first sentence
                          (GDELT: in the lead paragraph), else 0
EventCode                 the CAMEO code; EventBaseCode its first three
                          digits, EventRootCode its first two
QuadClass                 the event's quad class (1..4)
GoldsteinScale            the event's intensity (-10..+10)
NumMentions, NumSources,  1: each stored event comes from one sentence of
NumArticles               one article
AvgTone                   the article's tone, when it was computed
Actor1Geo_*, Actor2Geo_*  empty: eventwire geolocates the event, not actors
ActionGeo_Type            empty (eventwire does not say country vs. city)
ActionGeo_FullName, Lat,  the event location's name and coordinates
Long
ActionGeo_CountryCode     empty: GDELT uses FIPS 10-4 codes here and
                          eventwire stores ISO 3166; writing the ISO code
                          would silently mislabel (e.g. ``AU`` is Austria in
                          ISO alpha-2, Australia in FIPS)
ActionGeo_ADM1/2Code,     empty
FeatureID
DATEADDED                 when the event was stored, YYYYMMDDHHMMSS UTC
SOURCEURL                 the article's URL
========================  ====================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TextIO

from eventwire.records import ActorRef
from eventwire.store.events_query import Dyad

_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: The GDELT 2.0 event table's 61 columns, in file order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

# Sectors that mark an actor as an organisation rather than a country's
# agent: its "country" field then holds the organisation's code.
_ORG_SECTORS = frozenset({"IGO", "NGO", "MNC"})


def global_event_id(dyad_id: str) -> int:
    """The integer GDELT id of a dyad: its hex content hash, first 15 digits.

    Example: ``global_event_id("00000000000000a5deadbeef")`` -> ``10``
    """
    return int(dyad_id[:15], 16)


def fraction_date(day: dt.date) -> float:
    """GDELT's FractionDate: year + (month * 30 + day) / 365, rounded to 4 places.

    Example: ``fraction_date(date(2018, 6, 12))`` -> ``2018.526``
    """
    return round(day.year + (day.month * 30 + day.day) / 365, 4)


def gdelt_row(dyad: Dyad) -> list[str]:
    """The 61 cells of one dyad, as strings (empty where unknown).

    Example: ``dict(zip(GDELT_COLUMNS, gdelt_row(dyad)))["EventRootCode"]`` -> ``"19"``
    """
    ev = dyad.event
    cells: dict[str, str] = {}
    cells["GLOBALEVENTID"] = str(global_event_id(dyad.dyad_id))
    if ev.date is not None:
        cells["SQLDATE"] = ev.date.strftime("%Y%m%d")
        cells["MonthYear"] = ev.date.strftime("%Y%m")
        cells["Year"] = str(ev.date.year)
        cells["FractionDate"] = f"{fraction_date(ev.date):.4f}"
    cells.update(_actor_cells("Actor1", dyad.source))
    cells.update(_actor_cells("Actor2", dyad.target))
    cells["IsRootEvent"] = "1" if ev.sentence_index == 0 else "0"
    cameo = (ev.cameo or "").strip()
    if cameo:
        cells["EventCode"] = cameo
        cells["EventBaseCode"] = cameo[:3]
        cells["EventRootCode"] = cameo[:2]
    cells["QuadClass"] = str(ev.quad_class) if ev.quad_class else ""
    cells["GoldsteinScale"] = _number(ev.intensity)
    cells["NumMentions"] = cells["NumSources"] = cells["NumArticles"] = "1"
    cells["AvgTone"] = _number(dyad.tone)
    if ev.location is not None:
        cells["ActionGeo_FullName"] = ev.location.name or ""
        cells["ActionGeo_Lat"] = _number(ev.location.lat, 4)
        cells["ActionGeo_Long"] = _number(ev.location.lon, 4)
    if dyad.ingested_at is not None:
        added = dyad.ingested_at
        if added.tzinfo is not None:
            added = added.astimezone(dt.timezone.utc)
        cells["DATEADDED"] = added.strftime("%Y%m%d%H%M%S")
    cells["SOURCEURL"] = dyad.url or ""
    return [_clean(cells.get(name, "")) for name in GDELT_COLUMNS]


def iter_gdelt_lines(dyads: Iterable[Dyad], *, header: bool = False) -> Iterator[str]:
    """Tab-separated lines (with ``\\n``) of the dyads; the header first if asked.

    Example: ``"".join(iter_gdelt_lines(list_dyads(store)))``
    """
    if header:
        yield "\t".join(GDELT_COLUMNS) + "\n"
    for dyad in dyads:
        yield "\t".join(gdelt_row(dyad)) + "\n"


def write_gdelt(dyads: Iterable[Dyad], out: TextIO, *, header: bool = False) -> int:
    """Write the dyads to ``out`` in the GDELT 2.0 layout; return the number of rows.

    Example: ``write_gdelt(list_dyads(store, source="RUS"), sys.stdout)``
    """
    n = 0
    for line in iter_gdelt_lines(dyads, header=header):
        out.write(line)
        n += 1
    return n - 1 if header else n


def _actor_cells(prefix: str, actor: ActorRef | None) -> dict[str, str]:
    if actor is None:
        return {}
    organisation = (actor.sector or "").upper() in _ORG_SECTORS
    name = actor.name or actor.text or ""
    cells = {
        f"{prefix}Code": actor.code or "",
        f"{prefix}Name": name.upper(),
        f"{prefix}Type1Code": "" if organisation else (actor.sector or ""),
    }
    if organisation:
        cells[f"{prefix}KnownGroupCode"] = actor.country or ""
    else:
        cells[f"{prefix}CountryCode"] = actor.country or ""
    return cells


def _number(value: float | None, places: int = 2) -> str:
    if value is None:
        return ""
    text = f"{float(value):.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _clean(text: str) -> str:
    # A tab or newline inside a cell would shift every later column.
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
