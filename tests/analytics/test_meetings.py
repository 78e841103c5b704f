import datetime as dt

from eventwire.analytics.meetings import find_meetings


def test_a_leaders_meetings_one_row_per_meeting(world):
    rows = find_meetings(world, "Vladimir Putin")
    assert [(m.date, m.partner, m.partner_country) for m in rows] == [
        (dt.date(2024, 3, 11), "Xi Jinping", "CHN"),
        (dt.date(2024, 4, 2), "Recep Tayyip Erdogan", "TUR"),
        (dt.date(2024, 5, 6), "Sergei Lavrov", "RUS"),
    ]
    xi = rows[0]
    # Three reports over two days, both directions, two sites; negated and future ones are left out.
    assert (xi.num_mentions, xi.num_articles, xi.num_sources) == (3, 3, 2)
    assert "Beijing" in xi.sentence and xi.article_id == "a-m-xi-1"


def test_meetings_by_partial_name_window_and_partner(world):
    assert [m.partner for m in find_meetings(world, "Putin", since=dt.date(2024, 4, 1), until=dt.date(2024, 4, 30))] == [
        "Recep Tayyip Erdogan"
    ]
    assert [m.date for m in find_meetings(world, "Putin", partner="CHN")] == [dt.date(2024, 3, 11)]


def test_a_country_excludes_its_domestic_meetings(world):
    partners = [m.partner for m in find_meetings(world, "RUS")]
    assert partners == ["Xi Jinping", "Recep Tayyip Erdogan"]
    assert find_meetings(world, "Xi Jinping")[0].partner == "Vladimir Putin"
