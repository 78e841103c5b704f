import json

import pytest
import typer
from typer.testing import CliRunner

from eventwire.cli import relations


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()
    relations.register(app)
    return app


@pytest.fixture
def run(app, world):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(app, [*args, "--store", str(world.path)])

    return invoke


def test_ties_table_csv_json(run):
    res = run("ties", "FRA", "DEU", "--by", "month")
    assert res.exit_code == 0, res.output
    assert "FRA-DEU by month" in res.output
    res = run("ties", "FRA", "DEU", "--by", "month", "--format", "csv")
    lines = res.output.strip().splitlines()
    assert lines[0].startswith("period,dyad,events") and len(lines) == 7
    rows = json.loads(run("ties", "RUS", "--since", "2024-01-01", "--until", "2024-01-31", "--format", "json").output)
    assert rows[0]["dyad"] == "RUS-*" and sum(r["conflict"] for r in rows) >= 16


def test_ties_png(run, tmp_path):
    out = tmp_path / "chart.png"
    res = run("ties", "FRA", "DEU", "--format", "png", "--out", str(out))
    assert res.exit_code == 0, res.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_meetings_and_profile(run):
    res = run("meetings", "Vladimir Putin", "--format", "json")
    assert [m["partner"] for m in json.loads(res.output)] == ["Xi Jinping", "Recep Tayyip Erdogan", "Sergei Lavrov"]
    res = run("profile", "RUS")
    assert res.exit_code == 0 and "UKR" in res.output and "ASSAULT" in res.output
    prof = json.loads(run("profile", "FRA", "--format", "json").output)
    assert prof["direction"] == "cooling"


def test_network_export(run, tmp_path):
    out = tmp_path / "net.gexf"
    res = run("network", "--format", "gexf", "--out", str(out), "--since", "2024-01-01")
    assert res.exit_code == 0, res.output
    assert out.exists() and "<gexf" in out.read_text()


def test_alerts_and_clusters(run):
    shifts = json.loads(run("alerts", "--since", "2024-01-01", "--format", "json").output)
    assert shifts[0]["dyad"] == "DEU-FRA" and shifts[0]["drivers"]
    res = run("alerts", "--since", "2024-01-01")
    assert res.exit_code == 0 and "1 shifts" in res.output
    assert "DEU-FRA,2024-03-25,deteriorating" in run("alerts", "--since", "2024-01-01", "--format", "csv").output
    # Thresholds: past the shift's z nothing is flagged; a looser test flags at least as much.
    strict = json.loads(run("alerts", "--since", "2024-01-01", "--z", str(abs(shifts[0]["z"]) + 0.1),
                            "--format", "json").output)
    assert all(x["dyad"] != "DEU-FRA" or x["period"] != shifts[0]["period"] for x in strict)
    loose = json.loads(run("alerts", "--since", "2024-01-01", "--z", "1", "--min-events", "1",
                           "--min-baseline-events", "1", "--baseline", "4", "--format", "json").output)
    assert len(loose) >= len(shifts)
    clusters = json.loads(run("clusters", "--since", "2024-01-01", "--until", "2024-01-07", "--format", "json").output)
    assault = [c for c in clusters if c["type"] == "ASSAULT"]
    assert len(assault) == 4 and all(c["num_sources"] == 3 and len(c["reports"]) == 3 for c in assault)


def test_errors_are_clean(run):
    res = run("ties", "FRA", "DEU", "--by", "year")
    assert res.exit_code == 2 and "--by" in res.output
    res = run("meetings", "Nobody Atall")
    assert res.exit_code == 2 and "no actor named" in res.output
    res = run("ties", "FRA", "--since", "2024-05-01", "--until", "2024-01-01")
    assert res.exit_code == 2
