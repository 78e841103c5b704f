import datetime as dt
import random

import pytest

from eventwire.analytics.clusters import cluster_events, cluster_reports, reports_from_events
from tests.analytics.helpers import actor, load_cluster_fixture, make_event, pairwise_scores, write_events

# Floors only move up (see tests/fixtures/clusters/reports.psv for the fixture).
PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.85


@pytest.fixture(scope="module")
def fixture_events():
    return load_cluster_fixture()


def test_fixture_is_big_enough_and_has_near_misses(fixture_events):
    events, _, gold = fixture_events
    assert len(events) >= 150
    assert len(set(gold.values())) >= 40
    # Near-misses: distinct gold events sharing dyad and type within two days.
    by_key = {}
    for ev in events:
        key = (ev.sources[0].country, ev.targets[0].country, ev.type)
        by_key.setdefault(key, set()).add((gold[ev.event_id], ev.date))
    close = [k for k, v in by_key.items() if len({g for g, _ in v}) > 1]
    assert len(close) >= 5


def test_clustering_meets_the_precision_and_recall_gate(fixture_events):
    events, sites, gold = fixture_events
    clusters = cluster_events(events, sites=sites)
    precision, recall = pairwise_scores(clusters, gold)
    print(f"pairwise precision {precision:.3f} recall {recall:.3f} on {len(events)} reports, {len(clusters)} clusters")
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR


def test_gdelt_counts_mentions_articles_and_sources(fixture_events):
    events, sites, gold = fixture_events
    clusters = cluster_events(events, sites=sites)
    # E05 (Putin-Xi in Beijing): 6 reports in 5 articles (a021 reports it twice) from 5 sites.
    e05 = [c for c in clusters if {gold[r.event_id] for r in c.reports} == {"E05"}]
    assert len(e05) == 1
    c = e05[0]
    assert (c.num_mentions, c.num_articles, c.num_sources) == (6, 5, 5)
    assert c.type == "CONSULT" and c.first_date == dt.date(2024, 3, 11) and c.last_date == dt.date(2024, 3, 12)
    assert all(r.article_id and r.sentence for r in c.reports)


def test_ids_are_stable_and_independent_of_input_order(fixture_events):
    events, sites, _ = fixture_events
    first = {c.cluster_id: sorted(r.event_id for r in c.reports) for c in cluster_events(events, sites=sites)}
    shuffled = list(events)
    random.Random(3).shuffle(shuffled)
    again = {c.cluster_id: sorted(r.event_id for r in c.reports) for c in cluster_events(shuffled, sites=sites)}
    assert first == again


def test_store_and_in_memory_clustering_agree(store, fixture_events):
    events, sites, _ = fixture_events
    write_events(store, events, sites)
    from_store = {c.cluster_id: c.num_mentions for c in cluster_events(store)}
    in_memory = {c.cluster_id: c.num_mentions for c in cluster_events(events, sites=sites)}
    assert from_store == in_memory
    window = cluster_events(store, since=dt.date(2024, 3, 11), until=dt.date(2024, 3, 11))
    assert window and all(c.first_date == dt.date(2024, 3, 11) for c in window)


def test_negated_and_hypothetical_reports_are_not_events():
    day = dt.date(2024, 5, 1)
    usa, irn = actor("USA", "Washington"), actor("IRN", "Tehran")
    events = [
        make_event("n1", day, usa, irn, "SANCTION", sentence="Washington sanctioned Tehran oil firms.", negated=True),
        make_event("n2", day, usa, irn, "SANCTION", sentence="Washington may sanction Tehran oil firms.", modality="hypothetical"),
    ]
    assert cluster_events(events) == []
    assert len(cluster_events(events, asserted_only=False)) == 1


def test_different_people_on_one_day_are_different_events():
    day = dt.date(2024, 5, 1)
    s1 = "Putin met Xi in Beijing for talks."
    s2 = "Lavrov met Wang in Beijing for talks."
    events = [
        make_event("p1", day, actor("RUSGOV", "Putin", "Vladimir Putin", s1), actor("CHNGOV", "Xi", "Xi Jinping", s1), "CONSULT", sentence=s1),
        make_event("p2", day, actor("RUSGOV", "Lavrov", "Sergei Lavrov", s2), actor("CHNGOV", "Wang", "Wang Yi", s2), "CONSULT", sentence=s2),
    ]
    assert len(cluster_reports(reports_from_events(events))) == 2
