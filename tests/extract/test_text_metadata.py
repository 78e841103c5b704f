import datetime as dt

import pytest

from eventwire.extract.text_metadata import parse_dateline, read_text_metadata


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Published: 12 June 2018", dt.date(2018, 6, 12)),
        ("June 12, 2018", dt.date(2018, 6, 12)),
        ("Tuesday 12 June 2018 10:32 GMT", dt.date(2018, 6, 12)),
        ("Updated: Sept. 3rd, 2018", dt.date(2018, 9, 3)),
        ("2018-04-27", dt.date(2018, 4, 27)),
        ("Posted on 1 Dec 2018 | 3 min read", dt.date(2018, 12, 1)),
    ],
)
def test_datelines(line, expected):
    assert parse_dateline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "June 12, 2018 was the day the two leaders finally met in Singapore after months of threats.",
        "31 February 2018",
        "The summit opened in June.",
    ],
)
def test_prose_and_impossible_dates_are_not_datelines(line):
    assert parse_dateline(line) is None


def test_head_metadata_leaves_the_body():
    text = (
        "Leaders agree to talks\n"
        "By Jane Doe\n"
        "Published: 12 June 2018\n\n"
        "The two leaders agreed on Tuesday to hold talks.\n\n"
        "On 13 June 2018 the talks began.\n\n"
        "Source: https://example.org/world/talks"
    )
    meta = read_text_metadata(text)
    assert meta.title == "Leaders agree to talks"
    assert meta.author == "Jane Doe"
    assert meta.published == dt.date(2018, 6, 12)
    assert meta.url == "https://example.org/world/talks"
    assert meta.body.splitlines()[0] == "The two leaders agreed on Tuesday to hold talks."
    assert "On 13 June 2018 the talks began." in meta.body
    assert "Source:" not in meta.body


def test_a_first_line_of_prose_is_not_a_title():
    meta = read_text_metadata("The two leaders agreed on Tuesday to hold talks in Singapore next month.\n\nMore.")
    assert meta.title is None
    assert meta.body.startswith("The two leaders")
