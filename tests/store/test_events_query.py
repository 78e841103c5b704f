"""Event queries: actor-code filters (full code or country), types, dates, confidence, dyads."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from eventwire.errors import UsageError
from eventwire.records import ActorRef, Article, Event, Evidence, Location, Span
from eventwire.store.events_query import actor_matches, list_dyads, list_events, normalise_types
from eventwire.store.schema import articles_table, dyads_table, events_table

NOW = dt.datetime(2018, 6, 20, 8, 30, tzinfo=dt.timezone.utc)


def actor(code: str, country: str | None, sector: str | None, text: str, name: str | None = None) -> ActorRef:
    return ActorRef(text=text, code=code, country=country, sector=sector, name=name, start=0, end=len(text))


RUSGOV = actor("RUSGOV", "RUS", "GOV", "the Kremlin", "Russian government")
RUSMIL = actor("RUSMIL", "RUS", "MIL", "Russian troops")
UKR = actor("UKR", "UKR", None, "Ukraine")
CHN = actor("CHN", "CHN", None, "China")
UNO = actor("UNO", "UNO", "IGO", "the UN", "United Nations")


def event(eid: str, day, sources, targets, type_="ACCUSE", cameo="112", confidence=0.9, article="a1", index=0) -> Event:
    return Event(
        event_id=eid, article_id=article, sentence_index=index, sentence=f"Sentence of {eid}.", date=day,
        sources=sources, targets=targets, type=type_, mode=None, cameo=cameo, quad_class=3, intensity=-2.0,
        negated=False, modality="asserted", confidence=confidence, trigger=Span(text="accused", start=5, end=12),
        evidence=Evidence(rule="test"), location=Location(name="Kyiv", country="UKR", lat=50.45, lon=30.5233),
        coder="test-1",
    )


EVENTS = [
    event("e1", dt.date(2018, 6, 12), [RUSGOV], [UKR]),
    event("e2", dt.date(2018, 6, 14), [RUSMIL], [UKR], type_="ASSAULT", cameo="190", confidence=0.6, index=3),
    event("e3", dt.date(2018, 5, 1), [RUSGOV, CHN], [UKR, UNO], type_="REJECT", cameo="120"),
    event("e4", None, [UKR], [], type_="PROTEST", cameo="141", confidence=0.7, article="a2"),
]


@pytest.fixture
def filled(store):
    store.insert_new("events", events_table(EVENTS, "run1", NOW))
    store.insert_new("event_dyads", dyads_table(EVENTS))
    art = Article(
        article_id="a1", source="a1.html", url="https://example.org/a1", canonical_url=None, title="T",
        published=dt.date(2018, 6, 15), date_source="meta", language="en", site="example.org", author=None,
        author_note=None, text="...", content_hash="h", kind="html", tone=-3.25,
    )
    store.insert_new("articles", articles_table([art], [None], "run1", NOW))
    return store


def ids(table) -> list[str]:
    return table.column("event_id").to_pylist()


def test_newest_first_with_undated_last(filled):
    assert ids(list_events(filled)) == ["e2", "e1", "e3", "e4"]


def test_country_code_matches_every_actor_of_that_country(filled):
    assert ids(list_events(filled, source="RUS")) == ["e2", "e1", "e3"]
    assert ids(list_events(filled, source="rusgov")) == ["e1", "e3"]
    assert ids(list_events(filled, source="RUSMIL")) == ["e2"]
    assert ids(list_events(filled, source="CHN", target="UNO")) == ["e3"]
    # Two letters never prefix-match (US would otherwise match USA, USR, ...).
    assert ids(list_events(filled, source="RU")) == []


def test_type_date_and_confidence_filters(filled):
    assert ids(list_events(filled, types="assault, reject")) == ["e2", "e3"]
    assert ids(list_events(filled, since=dt.date(2018, 6, 1), until=dt.date(2018, 6, 13))) == ["e1"]
    assert ids(list_events(filled, min_confidence=0.6)) == ["e2", "e1", "e3", "e4"]
    # 0.7 is stored as float32 (0.69999999): still "at least 0.7".
    assert ids(list_events(filled, min_confidence=0.7)) == ["e1", "e3", "e4"]
    assert ids(list_events(filled, limit=1)) == ["e2"]
    with pytest.raises(UsageError, match="not a PLOVER type"):
        list_events(filled, types="FIGHT")
    with pytest.raises(UsageError):
        list_events(filled, since=dt.date(2018, 7, 1), until=dt.date(2018, 6, 1))
    with pytest.raises(UsageError):
        list_events(filled, min_confidence=2)


def test_rows_carry_codes_and_article_fields(filled):
    row = list_events(filled, source="CHN").to_pylist()[0]
    assert (row["source"], row["target"]) == ("RUSGOV;CHN", "UKR;UNO")
    first = list_events(filled, types="ACCUSE").to_pylist()[0]
    assert (first["url"], first["site"], first["tone"]) == ("https://example.org/a1", "example.org", -3.25)


def test_dyads_expand_and_keep_only_matching_pairs(filled):
    all_pairs = [(d.event.event_id, d.source.code, d.target.code if d.target else None) for d in list_dyads(filled)]
    assert all_pairs == [
        ("e2", "RUSMIL", "UKR"), ("e1", "RUSGOV", "UKR"),
        ("e3", "RUSGOV", "UKR"), ("e3", "RUSGOV", "UNO"), ("e3", "CHN", "UKR"), ("e3", "CHN", "UNO"),
        ("e4", "UKR", None),
    ]
    only_china = [(d.source.code, d.target.code) for d in list_dyads(filled, source="CHN")]
    assert only_china == [("CHN", "UKR"), ("CHN", "UNO")]
    assert len(list_dyads(filled, limit=3)) == 3


def test_dyad_ids_agree_with_the_event_dyads_table(filled):
    stored = {
        (r["event_id"], r["source_code"], r["target_code"]): r["dyad_id"]
        for r in filled.sql("select * from event_dyads").to_pylist()
    }
    for d in list_dyads(filled):
        assert stored[(d.event.event_id, d.source.code, d.target.code if d.target else None)] == d.dyad_id


def test_as_of_reads_an_earlier_version(filled):
    filled.insert_new("events", events_table([event("e5", dt.date(2018, 6, 19), [CHN], [UKR])], "run2", NOW))
    assert "e5" in ids(list_events(filled))
    assert "e5" not in ids(list_events(filled, as_of=0))


def test_helpers():
    assert normalise_types(None) == []
    assert normalise_types(["assault"]) == ["ASSAULT"]
    assert actor_matches(UNO, "uno") and not actor_matches(None, "UKR") and actor_matches(None, None)


def test_events_command(filled):
    from eventwire.cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["events", "--store", str(filled.path), "--source", "RUS", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["event_id"] for r in rows] == ["e2", "e1", "e3"]
    # Each line is the event record of the JSONL contract, with its provenance.
    contract = {"event_id", "article_id", "sentence_index", "sentence", "date", "sources", "targets", "type", "mode",
                "cameo", "quad_class", "intensity", "negated", "modality", "confidence", "trigger", "evidence", "location"}
    assert all(contract <= set(r) for r in rows)
    assert all(isinstance(r["sources"], list) and {"text", "code", "start", "end"} <= set(r["sources"][0]) for r in rows)
    assert all({"text", "start", "end"} <= set(r["trigger"]) for r in rows)
    result = runner.invoke(app, ["events", "--store", str(filled.path), "--type", "ASSAULT", "--format", "csv"])
    assert result.output.splitlines()[0].startswith("date,type,mode,cameo")
    assert len(result.output.splitlines()) == 2
    result = runner.invoke(app, ["events", "--store", str(filled.path), "--format", "gdelt", "--target", "UNO"])
    lines = result.output.splitlines()
    assert len(lines) == 2 and all(len(line.split("\t")) == 61 for line in lines)
    result = runner.invoke(app, ["events", "--store", str(filled.path), "--format", "xml"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["events", "--store", str(filled.path), "--type", "FIGHT"])
    assert result.exit_code == 2 and "PLOVER" in result.output
    result = runner.invoke(app, ["events", "--store", str(filled.path)])
    assert result.exit_code == 0 and "4 events" in result.output
