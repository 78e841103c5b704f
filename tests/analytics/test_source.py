import datetime as dt

from eventwire.analytics.source import connect, sql
from tests.analytics.helpers import actor, make_event, write_events


def test_string_filters_work_on_merge_written_tables(store):
    # insert_new (a Delta merge) writes string_view columns; a filter on a
    # file holding two different values broke the pyarrow-dataset path.
    day = dt.date(2024, 1, 2)
    events = [
        make_event("s1", day, actor("FRA"), actor("DEU"), "CONSULT"),
        make_event("s2", day, actor("USA"), actor("GBR"), "ACCUSE"),
    ]
    write_events(store, events)
    got = sql(store, "select source_country from event_dyads where source_country = ?", ["USA"])
    assert got.column(0).to_pylist() == ["USA"]


def test_missing_tables_are_empty_views_and_as_of_reads_old_versions(store):
    con = connect(store, tables=["event_dyads"])
    assert con.execute("select count(*) from event_dyads").fetchall() == [(0,)]
    con.close()
    write_events(store, [make_event("v1", dt.date(2024, 1, 2), actor("FRA"), actor("DEU"), "CONSULT")])
    v0 = store.version("event_dyads")
    write_events(store, [make_event("v2", dt.date(2024, 1, 3), actor("FRA"), actor("DEU"), "CONSULT")])
    assert sql(store, "select count(*) from event_dyads").column(0)[0].as_py() == 2
    assert sql(store, "select count(*) from event_dyads", as_of=v0).column(0)[0].as_py() == 1
