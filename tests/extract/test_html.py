"""extract_html on small pages written for the project, and on hostile markup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.extract.html import HtmlExtraction, _clean_lines, extract_html
from eventwire.extract.language import detect_language

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
GENEVA_URL = "https://harbour-courier.example/world/ceasefire-talks-resume-geneva"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def geneva() -> HtmlExtraction:
    return extract_html(page("article_en.html"), url=GENEVA_URL)


def test_metadata_comes_from_the_page(geneva):
    assert geneva.title == "Ceasefire talks resume in Geneva after three-week pause"
    assert geneva.author == "Mara Lindqvist"
    assert geneva.site == "The Harbour Courier"
    assert geneva.url == GENEVA_URL


def test_published_is_the_first_publication_not_the_update(geneva):
    # the page was modified on the 16th; the article appeared on the 14th
    assert geneva.published == dt.date(2023, 3, 14)
    assert geneva.date_source == "html"


def test_body_keeps_every_paragraph_in_order(geneva):
    lines = geneva.text.splitlines()
    assert lines[0].startswith("Negotiators from the two governments returned")
    assert lines[-1].startswith("The talks are expected to last until Friday")
    assert len(lines) == 6
    assert '"Both delegations came here with a mandate' in geneva.text


@pytest.mark.parametrize(
    "furniture",
    [
        "Ceasefire talks resume in Geneva after three-week pause",  # headline: it is the title
        "Related: Aid convoys",
        "Advertisement",
        "Follow The Harbour Courier",
        "Readerfromthecoast",  # reader comments are not the article
        "3 comments",
        "Privacy",
        "All rights reserved",
        "Sport",
    ],
)
def test_body_leaves_out_page_furniture(geneva, furniture):
    assert furniture not in geneva.text


def test_page_without_canonical_reports_no_url():
    got = extract_html(page("url_date.html"))
    assert got.url is None
    assert got.published is None  # no date anywhere, and no URL to read one from


def test_date_from_the_url_says_so():
    got = extract_html(page("url_date.html"), url="https://portnews.example/2021/09/16/port-workers-end-strike.html")
    assert got.published == dt.date(2021, 9, 16)
    assert got.date_source == "url"
    assert got.text.startswith("Dock workers at the country's largest container port")


def test_a_copyright_year_is_not_a_publication_date():
    got = extract_html(page("year_only.html"), url="https://valley-rowing.example/history")
    # htmldate alone answers 2016-01-01 from the footer
    assert got.published is None
    assert got.date_source is None
    assert "Copyright" not in got.text


def test_first_of_january_is_kept_when_the_page_says_it():
    html = page("year_only.html").replace(
        "<h1>Our history</h1>", '<h1>Our history</h1><p class="date">Published on January 1, 2016</p>'
    )
    assert extract_html(html).published == dt.date(2016, 1, 1)


def test_german_page():
    got = extract_html(page("article_de.html"), url="https://rheinischer-bote.example/politik/gespraeche")
    assert got.title == "Regierung kündigt neue Gespräche mit den Nachbarstaaten an"
    assert got.author == "Jonas Keller"
    assert got.site == "Rheinischer Bote"
    assert got.published == dt.date(2022, 11, 8)
    assert got.text.startswith("Die Bundesregierung will noch in diesem Monat")
    assert "Impressum" not in got.text and "Startseite" not in got.text
    assert detect_language(got.text) == "de"


def test_extraction_is_deterministic():
    html = page("article_en.html")
    assert extract_html(html, url=GENEVA_URL) == extract_html(html, url=GENEVA_URL)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\t ",
        "<html></html>",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<html><body><script>var articles = [];</script><style>p {color: red}</style></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
    ],
)
def test_pages_without_text_are_rejected_as_no_text(html):
    with pytest.raises(InputError) as err:
        extract_html(html)
    assert err.value.reason == "no_text"


def _nested(depth: int, before: str = "") -> str:
    inner = "<p>Delegates from both sides met in the capital on Monday to resume talks on a truce.</p>"
    return f"<html><body>{before}{'<div>' * depth}{inner}{'</div>' * depth}</body></html>"


def test_deeply_nested_page_without_reachable_text_is_no_text():
    # libxml2 stops reading below 256 levels: what is nested deeper is lost,
    # and a page that is nothing else has no text
    with pytest.raises(InputError) as err:
        extract_html(_nested(5000))
    assert err.value.reason == "no_text"


def test_deeply_nested_page_keeps_the_text_above_the_nesting():
    before = (
        "<p>The two delegations agreed on Monday to extend the truce by thirty days and to exchange "
        "lists of detainees before their next meeting in the capital.</p>"
    )
    got = extract_html(_nested(5000, before))
    assert got.text.startswith("The two delegations agreed on Monday")


def test_moderately_nested_page_is_read_whole():
    assert "resume talks on a truce" in extract_html(_nested(200)).text


def test_a_url_given_as_the_page_is_never_fetched(monkeypatch):
    import htmldate.utils

    def refuse(*args, **kwargs):
        raise AssertionError("extraction tried to fetch a URL")

    monkeypatch.setattr(htmldate.utils, "fetch_url", refuse)
    with pytest.raises(InputError):
        extract_html("http://127.0.0.1:9/article.html")


@pytest.mark.parametrize(
    "html",
    [
        "\x00\x01\x02<html><body><p>x</p></body></html>",
        "<" * 10_000,
        "<html><body>" + "<b>" * 20_000 + "text",
        "<html><body><table>" + "<tr><td>" * 5_000 + "</body></html>",
        "<html><body><p>" + "&#xD800;&#0;" * 100 + "</p></body></html>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared encoding in a str</p></body></html>',
        # JSON-LD cut off in the middle
        "<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"date</script></head></html>",
    ],
)
def test_hostile_markup_raises_only_input_error(html):
    try:
        got = extract_html(html)
    except InputError:
        return
    assert isinstance(got, HtmlExtraction)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            ["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<a href='x'>", "<!--", "-->", "&amp;", "<h1>"]
        )
        | st.text(max_size=30),
        max_size=60,
    )
)
def test_random_markup_raises_only_input_error(parts):
    try:
        extract_html("<html><body>" + "".join(parts))
    except InputError:
        pass


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Talks resume\nDelegates met on Monday.", "Talks resume", "Delegates met on Monday."),
        ("Talks resume!\nDelegates met on Monday.", "talks resume", "Delegates met on Monday."),
        ("Delegates met.\nRelated: Earlier talks collapsed\nThey agreed.", None, "Delegates met.\nThey agreed."),
        ("Delegates met.\nREAD MORE: Earlier talks\nThey agreed.", None, "Delegates met.\nThey agreed."),
        ("Delegates met.\nAdvertisement\nThey agreed.", None, "Delegates met.\nThey agreed."),
        ("Delegates met.\n12 Comments\nYou may also like", None, "Delegates met."),
        ("Delegates met.\nFollow us on Twitter.\nSubscribe to our newsletter", None, "Delegates met."),
        ("Delegates met.\nEmail Jane Roe at jroe@example.org", None, "Delegates met."),
    ],
)
def test_line_rules_drop_furniture(text, title, expected):
    assert _clean_lines(text, title) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the first line is longer than the title: a standfirst, not the headline
        "Talks resume in Geneva\nDelegates met.",
        "More than 40 people were hurt.\nRead more about it in our report.",
        # a request in the middle of the article is text, not furniture
        "Follow the money, the prosecutor said.\nDelegates met.",
        # a closing paragraph about social media is prose
        "Delegates met.\nThe minister said on Twitter that talks would go on.",
        "Delegates met.\nFollow-up talks are planned for May.",
        "Delegates met.\nReach agreement first, the envoy told both sides.",
        # list items at the end of the article stay
        "Deals:\n- Sign up for the bundle with your account",
    ],
)
def test_line_rules_keep_prose(text):
    assert _clean_lines(text, "Talks resume") == text
