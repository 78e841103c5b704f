import datetime as dt
import json

import networkx as nx
import pytest

from eventwire.analytics.network import country_network, export_network
from eventwire.errors import UsageError


@pytest.fixture(scope="module")
def net(world):
    return country_network(world, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31))


def test_edges_carry_cooperation_and_conflict(net):
    g = net.graph
    assert g["RUS"]["UKR"]["events"] == 26 * 4 and g["RUS"]["UKR"]["reports"] == 26 * 4 * 3
    assert g["RUS"]["UKR"]["conflict"] == 104 and g["RUS"]["UKR"]["coop"] == 0 and g["RUS"]["UKR"]["index"] == -1.0
    assert g["USA"]["GBR"]["coop"] == 52 and g["GBR"]["USA"]["conflict"] == 26
    assert not any(a == b for a, b in g.edges)  # domestic events are not edges
    assert "RUS" in g and g.nodes["RUS"]["label"] == "Russia"


def test_centralities_and_tables(net):
    nodes = {r["node"]: r for r in net.nodes.to_pylist()}
    assert nodes["RUS"]["events_out"] == 104 + 3  # assaults + meetings with Xi (two days) and Erdogan
    assert nodes["RUS"]["degree"] > nodes["UKR"]["degree"]
    assert sum(r["pagerank"] for r in nodes.values()) == pytest.approx(1.0)
    assert nodes["RUS"]["betweenness"] >= 0
    assert net.edges.num_rows == net.graph.number_of_edges()


def test_window_and_min_events(world):
    march = country_network(world, since=dt.date(2024, 3, 1), until=dt.date(2024, 3, 31), min_events=5)
    assert ("RUS", "CHN") not in march.graph.edges and ("RUS", "UKR") in march.graph.edges


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_reads_back(net, tmp_path, fmt):
    path = export_network(net, fmt, tmp_path / f"net.{fmt}")
    if fmt == "graphml":
        g = nx.read_graphml(path)
    elif fmt == "gexf":
        g = nx.read_gexf(path)
    else:
        g = nx.node_link_graph(json.loads(path.read_text()), edges="edges")
    assert g.number_of_edges() == net.graph.number_of_edges()
    assert int(g["RUS"]["UKR"]["conflict"]) == 104


def test_unknown_format_is_a_usage_error(net, tmp_path):
    with pytest.raises(UsageError):
        export_network(net, "dot", tmp_path / "x.dot")
