"""The JSON endpoints over a synthetic store with known structure (tests/api/synthetic.py)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.api.synthetic import PER_ARTICLE, leader

pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2")


def get(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return r.json()


def test_status_counts_the_store(client):
    s = get(client, "/api/status")
    assert (s["articles"], s["events"]) == (3_000 // PER_ARTICLE, 3_000)
    assert s["first_event"] == "2024-01-01" and s["last_event"] <= "2024-06-30"
    assert s["tables"]["events"] is not None and s["tables"]["runs"] is None
    assert s["ingest_enabled"] is False and s["token_required"] is False


def test_countries_carry_the_numeric_codes_maps_use(client):
    rows = {c["code"]: c for c in get(client, "/api/countries")}
    assert rows["RUS"]["numeric"] == "643" and rows["RUS"]["name"] == "Russia"


def test_actors_list_countries_and_leaders_busiest_first(client):
    a = get(client, "/api/actors")
    assert a["countries"][0]["code"] == "USA"
    names = [p["name"] for p in a["people"]]
    assert leader("USA", 0) in names
    counts = [p["events"] for p in a["people"]]
    assert counts == sorted(counts, reverse=True)


def test_articles_page_without_overlap(client):
    first = get(client, "/api/articles?limit=10")
    second = get(client, f"/api/articles?limit=10&offset={first['next_offset']}")
    assert len(first["items"]) == 10 and first["next_offset"] == 10
    ids = [a["article_id"] for a in first["items"] + second["items"]]
    assert len(set(ids)) == 20
    dates = [a["published"] for a in first["items"] + second["items"]]
    assert dates == sorted(dates, reverse=True)


def test_articles_filter_by_window(client):
    page = get(client, "/api/articles?since=2024-03-01&until=2024-03-31&limit=1000")
    assert page["items"] and all("2024-03-01" <= a["published"] <= "2024-03-31" for a in page["items"])
    assert page["next_offset"] is None


def test_article_reader_places_every_event_in_the_text(client):
    art_id = get(client, "/api/articles?limit=1")["items"][0]["article_id"]
    art = get(client, f"/api/articles/{art_id}")
    assert len(art["events"]) == PER_ARTICLE
    for ev in art["events"]:
        start = ev["sentence_start"]
        assert art["text"][start:start + len(ev["sentence"])] == ev["sentence"]
        trig = ev["trigger"]
        assert ev["sentence"][trig["start"]:trig["end"]] == trig["text"]
        for actor in ev["sources"] + ev["targets"]:
            assert ev["sentence"][actor["start"]:actor["end"]] == actor["text"]


def test_unknown_article_and_event_are_404(client):
    assert client.get("/api/articles/nope").status_code == 404
    r = client.get("/api/events/0123456789abcdef01234567")
    assert r.status_code == 404 and "no event" in r.json()["detail"]


def test_events_filter_like_the_cli(client):
    page = get(client, "/api/events?source=RUS&type=ASSAULT,COERCE&limit=200")
    assert page["items"]
    for ev in page["items"]:
        assert any(a["country"] == "RUS" for a in ev["sources"])
        assert ev["type"] in ("ASSAULT", "COERCE")
    conf = get(client, "/api/events?min_confidence=0.9&limit=200")["items"]
    assert conf and all(ev["confidence"] >= 0.9 for ev in conf)


def test_events_pages_follow_each_other(client):
    a = get(client, "/api/events?limit=30")
    b = get(client, "/api/events?limit=30&offset=30")
    both = get(client, "/api/events?limit=60")
    assert [e["event_id"] for e in a["items"] + b["items"]] == [e["event_id"] for e in both["items"]]


def test_event_detail_has_the_article(client):
    ev = get(client, "/api/events?limit=1")["items"][0]
    one = get(client, f"/api/events/{ev['event_id']}")
    assert one["sentence"] == ev["sentence"] and one["title"] and one["url"].startswith("https://")


def test_events_export_csv_and_jsonl(client):
    r = client.get("/api/events/export?format=csv&source=RUS&limit=25")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 25 and all("RUS" in row["source"] for row in rows)
    r = client.get("/api/events/export?format=jsonl&limit=7")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == 7 and lines[0]["sources"][0]["code"]


def test_dyad_events_take_both_directions(client):
    page = get(client, "/api/dyad/events?a=RUS&b=UKR&limit=200")
    pairs = {(e["sources"][0]["country"], e["targets"][0]["country"]) for e in page["items"]}
    assert pairs == {("RUS", "UKR"), ("UKR", "RUS")}


def test_volume_adds_up_to_the_store(client):
    v = get(client, "/api/overview/volume?by=month")
    assert len(v["points"]) == 6
    assert sum(p["events"] for p in v["points"]) == 3_000
    assert sum(p["articles"] for p in v["points"]) == 3_000 // PER_ARTICLE


def test_top_dyads_find_the_planted_relations(client):
    top = get(client, "/api/overview/dyads?limit=20&min_events=3")
    coop = {(d["a"], d["b"]) for d in top["cooperative"]}
    conf = {(d["a"], d["b"]) for d in top["conflictual"]}
    assert ("RUS", "UKR") in conf and ("GBR", "USA") in coop
    assert all(d["index"] > 0 for d in top["cooperative"]) and all(d["index"] < 0 for d in top["conflictual"])


def test_relations_colour_the_map(client):
    rel = {p["partner"]: p for p in get(client, "/api/relations?actor=RUS")["partners"]}
    assert "RUS" not in rel
    assert rel["UKR"]["index"] < -0.5
    assert rel["UKR"]["events"] == rel["UKR"]["coop"] + rel["UKR"]["conflict"]


def test_ties_series_with_band(client):
    t = get(client, "/api/ties?a=RUS&b=UKR&by=month")
    assert t["dyad"] == "RUS-UKR" and len(t["periods"]) == 6
    for p in t["periods"]:
        assert sum(p["by_type"].values()) == p["events"]
        if p["index"] is not None:
            assert p["index_low"] - 1e-9 <= p["index"] <= p["index_high"] + 1e-9
    assert t["periods"][-1]["index"] < 0


def test_ties_window_is_narrowed_to_the_data(client):
    t = get(client, "/api/ties?a=USA&b=CHN&by=day&since=1800-01-01&until=2199-12-31")
    assert t["periods"][0]["period"] >= "2024-01-01" and len(t["periods"]) <= 183


def test_a_window_without_events_gives_empty_answers(client):
    assert get(client, "/api/ties?a=RUS&since=2199-12-01&until=2199-12-31&by=month")["periods"] == []
    assert get(client, "/api/alerts?since=1800-01-01&until=1800-02-01")["items"] == []
    assert get(client, "/api/profile?actor=RUS&since=2100-01-01")["events"] == 0


def test_meetings_of_a_leader(client):
    name = leader("USA", 0)
    m = get(client, f"/api/meetings?actor={name}")
    assert m["items"] and all(x["actor"] == name and x["partner"] != name for x in m["items"])
    assert all(name in x["sentence"] for x in m["items"])


def test_network_keeps_the_strongest_edges(client):
    net = get(client, "/api/network?max_edges=10")
    assert len(net["edges"]) == 10 and net["edges_total"] > 10
    assert {e["source"] for e in net["edges"]} <= {n["node"] for n in net["nodes"]}
    assert net["edges"][0]["events"] >= net["edges"][-1]["events"]


def test_alerts_find_the_planted_turn(client):
    alerts = get(client, "/api/alerts?since=2024-04-01&by=week")["items"]
    usa_chn = [a for a in alerts if {a["a"], a["b"]} == {"USA", "CHN"}]
    assert usa_chn and usa_chn[0]["direction"] == "deteriorating"
    assert usa_chn[0]["drivers"]


def test_clusters_window_is_bounded(client):
    c = get(client, "/api/clusters")
    assert c["until"] == "2024-06-30" and c["items"]
    assert all(len(x["reports"]) == x["num_mentions"] for x in c["items"])
    r = client.get("/api/clusters?since=2024-01-01&until=2024-06-30")
    assert r.status_code == 400 and "31 days" in r.json()["detail"]


def test_profile(client):
    p = get(client, "/api/profile?actor=RUS&top=40")
    assert p["actor"] == "RUS" and "UKR" in {x["partner"] for x in p["partners"]}
    assert p["trend"] and p["direction"] in ("warming", "cooling", "steady", "unknown")


def test_search_marks_every_word(client):
    s = get(client, '/api/search?q=sanctions "russia"&limit=20')
    assert s["items"]
    for hit in s["items"]:
        low = hit["sentence"].lower()
        assert "sanctions" in low and "russia" in low
        assert {hit["sentence"][a:b].lower() for a, b in hit["matches"]} == {"sanctions", "russia"}


def test_runs_and_rejects_of_a_store_never_ingested(client):
    assert get(client, "/api/runs")["items"] == []
    assert get(client, "/api/rejects")["items"] == []


def test_answers_carry_an_etag_and_revalidate(client):
    r = client.get("/api/overview/dyads")
    again = client.get("/api/overview/dyads", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_as_of_reads_an_older_version(client):
    now = get(client, "/api/events?limit=1000&since=2024-01-01")
    first = get(client, "/api/events?limit=1000&since=2024-01-01&as_of=0")
    assert first["items"] and all(e["date"] < "2024-02-01" for e in first["items"])
    assert len(first["items"]) < len(now["items"])


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/ties?a=RUS&since=2024-05-01&until=2024-01-01", 400, "after"),
        ("/api/ties?a=Nobody%20At%20All", 400, "no actor named"),
        ("/api/events?type=FOO", 400, "not a PLOVER type"),
        ("/api/events?as_of=999", 400, "no version"),
        ("/api/events?limit=0", 422, "limit"),
        ("/api/ties?a=RUS&by=year", 422, "by"),
        ("/api/events?since=2024-13-01", 422, "since"),
        ("/api/ties?a=RUS&since=0001-01-01", 422, "since"),
        ("/api/search?q=%22%22", 400, "at least one word"),
        ("/api/profile?actor=%00", 422, "actor"),
    ],
)
def test_bad_parameters_are_4xx_with_a_message(client, url, status, words):
    r = client.get(url)
    assert r.status_code == status, r.text
    assert words in json.dumps(r.json())


def test_ingest_is_refused_on_a_read_only_server(client):
    r = client.post("/api/ingest", json={"url": "https://example.org/"})
    assert r.status_code == 403 and "--allow-ingest" in r.json()["detail"]


@pytest.mark.slow
def test_code_returns_events_and_stores_nothing(client):
    before = get(client, "/api/status")["events"]
    r = client.post("/api/code", json={"text": "Russia accused Ukraine of shelling the town.", "date": "2024-03-12"})
    assert r.status_code == 200, r.text
    events = r.json()["events"]
    assert [(e["type"], e["sources"][0]["country"], e["targets"][0]["country"]) for e in events] == [("ACCUSE", "RUS", "UKR")]
    assert get(client, "/api/status")["events"] == before
    assert client.post("/api/code", json={"text": ""}).status_code == 422


def test_openapi_documents_every_endpoint(client):
    spec = get(client, "/openapi.json")
    for path in ("/api/events", "/api/ties", "/api/relations", "/api/network", "/api/meetings", "/api/alerts",
                 "/api/clusters", "/api/profile", "/api/search", "/api/code", "/api/ingest", "/api/events/export"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200
