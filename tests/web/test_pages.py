"""Every dashboard page in headless Chromium: it loads without console errors, its
charts draw, a filter changes what is shown, and a click reaches the sentence."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from tests.api.synthetic import leader

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]
CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def svg_marks(page, selector: str) -> int:
    return page.page.locator(selector).count()


def assert_sentence_view(page) -> None:
    panel = page.page.locator("#sentence")
    panel.locator("#sentence-text").wait_for()
    assert panel.locator(".span-source").count() >= 1
    assert panel.locator(".span-trigger").count() >= 1
    text = panel.locator("#sentence-text").inner_text()
    trigger = panel.locator("#sentence-text .span-trigger").first.inner_text()
    assert trigger and trigger in text
    assert panel.locator("#sentence-article-link").get_attribute("href").startswith("/article/")


def test_overview(page):
    page.open("/")
    page.page.wait_for_selector("#volume-chart svg path.line-events")
    assert page.page.locator("#volume-chart path.line-events").get_attribute("d").count("L") > 10
    page.page.wait_for_selector("#top-conf tbody tr")
    page.page.wait_for_selector("#alerts table, #alerts .empty")
    before = page.page.locator("#top-coop").inner_text()
    page.page.select_option("#f-window", "30")
    page.page.wait_for_function("(b) => document.querySelector('#top-coop').innerText !== b", arg=before)
    weeks = page.page.locator("#volume-chart path.line-events").get_attribute("d").count("L")
    page.page.select_option("#f-by", "month")
    page.page.wait_for_function(
        "(w) => { const p = document.querySelector('#volume-chart path.line-events'); return p && p.getAttribute('d').split('L').length - 1 < w; }",
        arg=weeks)
    page.shot("overview")
    page.page.locator("#top-conf a.dyad-link").first.click()
    page.page.wait_for_url("**/dyad?*")
    page.page.wait_for_selector("#index-chart circle.point")


def test_map(page):
    page.open("/map?country=RUS")
    page.page.wait_for_selector("#partners tbody tr")
    assert svg_marks(page, "#world-map path.country") > 150
    ukraine = page.page.locator('#world-map path.country[data-code="UKR"]')
    red = ukraine.get_attribute("fill")
    assert red.startswith("rgb(") and red != "var(--no-data)"
    page.shot("map")
    page.page.fill("#f-country", "FRA")
    page.page.locator("form.controls button").click()
    page.page.wait_for_function("() => document.querySelector('#map-info').innerText.includes('of FRA')")
    germany = page.page.locator('#world-map path.country[data-code="DEU"]').get_attribute("fill")
    assert germany != red
    page.page.locator('#world-map path.country[data-code="CHN"]').click()
    page.page.wait_for_function("() => document.querySelector('#map-info').innerText.includes('of CHN')")
    assert page.page.input_value("#f-country") == "CHN"


def test_dyad_point_and_event_reach_the_sentence(page):
    page.open("/dyad?a=RUS&b=UKR&by=month")
    page.page.wait_for_selector("#index-chart circle.point")
    monthly = svg_marks(page, "#index-chart circle.point")
    assert page.page.locator("#index-chart path.band").get_attribute("d")
    assert svg_marks(page, "#type-chart rect") >= 2
    page.page.select_option("#f-by", "week")
    page.page.wait_for_function(f"() => document.querySelectorAll('#index-chart circle.point').length > {monthly}")
    page.page.locator("#index-chart circle.point").last.click()
    assert_sentence_view(page)
    assert "Events of the week" in page.page.locator("#main h2:has-text('Events of')").inner_text()
    page.shot("dyad")
    page.page.locator("#sentence button.close").click()
    page.page.locator("#dyad-events tbody tr").first.click()
    assert_sentence_view(page)
    page.page.locator("#sentence-article-link").click()
    page.page.wait_for_url("**/article/**")
    page.page.wait_for_selector("#article-text .span-trigger.wanted, #article-text .wanted")


def test_network(page):
    page.open("/network?min_events=1&max_edges=200")
    page.page.wait_for_selector("#network-chart svg line.edge")
    edges = svg_marks(page, "#network-chart line.edge")
    assert svg_marks(page, "#network-chart g.node circle") > 10
    page.shot("network")
    page.page.fill("#f-min_events", "8")
    page.page.locator("form.controls button").click()
    page.page.wait_for_function(f"() => document.querySelectorAll('#network-chart line.edge').length < {edges}")


def test_meetings(page):
    name = leader("USA", 0)
    page.open(f"/meetings?actor={quote(name)}")
    page.page.wait_for_selector("#meetings-chart circle.meeting")
    all_meetings = svg_marks(page, "#meetings-chart circle.meeting")
    page.page.locator("#meetings-chart circle.meeting").first.click()
    assert_sentence_view(page)
    page.shot("meetings")
    page.page.locator("#sentence button.close").click()
    page.page.fill("#f-since", "2024-05-01")
    page.page.locator("form.controls button").click()
    page.page.wait_for_function(f"() => document.querySelectorAll('#meetings-chart circle.meeting').length < {all_meetings}")


def test_articles_and_reader(page):
    page.open("/articles")
    page.page.wait_for_selector("#articles-list tbody tr")
    first = page.page.locator("#articles-list tbody tr").first.inner_text()
    page.page.fill("#f-until", "2024-02-15")
    page.page.locator("form.controls button").click()
    page.page.wait_for_function("(f) => { const r = document.querySelector('#articles-list tbody tr'); return r && r.innerText !== f; }", arg=first)
    page.shot("articles")
    page.page.locator("#articles-list a.article-link").first.click()
    page.page.wait_for_url("**/article/**")
    page.page.wait_for_selector("#article-text .span-trigger")
    assert svg_marks(page, "#article-text .span-source") >= 2
    page.page.locator("#article-text .span-trigger").first.click()
    assert_sentence_view(page)
    page.shot("article")


def test_search(page):
    page.open("/search")
    page.page.fill("#f-q", 'sanctions "China"')
    page.page.locator("form.controls button").click()
    page.page.wait_for_selector("#search-results tbody tr")
    hits = svg_marks(page, "#search-results tbody tr")
    assert page.page.locator("#search-results .match").count() >= 2 * hits
    page.page.select_option("#f-type", "SANCTION")
    page.page.wait_for_function(
        "() => [...document.querySelectorAll('#search-results tbody tr')].every(r => r.innerText.includes('SANCTION'))")
    page.page.locator("#search-results tbody tr").first.click()
    assert_sentence_view(page)
    page.shot("search")


def test_ingest_shows_progress_and_the_run(page, tmp_path):
    page.open("/ingest")
    page.page.wait_for_selector("#ingest-file")
    page.page.set_input_files("#ingest-file", str(CORPUS / "html" / "2018-03-09-trump-accepts-invitation-to-meet-kim.html"))
    page.page.locator("#upload-button").click()
    page.page.wait_for_selector("#jobs tr.job")
    page.page.wait_for_selector("#jobs tr.job-ok", timeout=90_000)
    assert "1" in page.page.locator("#jobs tr.job-ok td.num").first.inner_text()
    page.page.wait_for_selector("#runs tbody tr")
    assert "serve-ingest" in page.page.locator("#runs").inner_text()
    page.shot("ingest")
