"""Ingest through the API (URL and upload, as jobs with progress) and the API answering while an ingest writes."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.api.conftest import make_client
from tests.api.synthetic import build_store
from tests.loopback import server  # noqa: F401  (fixture)

pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2")
CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
PAGE = """<html><head><title>Talks in Geneva</title></head><body><article><h1>Talks in Geneva</h1>
<p>The foreign ministers of France and Germany met in Geneva on Tuesday to discuss the trade dispute,
officials said after the talks ended late in the evening.</p>
<p>Both delegations agreed to continue the negotiations next month and exchanged draft proposals on tariffs.</p>
<p>Analysts said progress would depend on whether the two sides could settle their remaining differences.</p>
</article></body></html>"""


def wait_for_job(client, job_id: str, timeout: float = 90.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/ingest/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


@pytest.fixture
def small_store(tmp_path):
    return build_store(tmp_path / "store", events=200, months=1).path


@pytest.mark.slow
def test_url_ingest_job_when_private_urls_are_allowed(small_store, server):  # noqa: F811
    url = server.add("/news/geneva-talks", PAGE)
    with make_client(small_store, allow_ingest=True, allow_private_urls=True) as c:
        before = c.get("/api/status").json()["articles"]
        r = c.post("/api/ingest", json={"url": url, "date": "2024-01-15"})
        assert r.status_code == 202, r.text
        job = wait_for_job(c, r.json()["job_id"])
        assert job["status"] == "ok", job
        assert (job["documents"], job["articles_new"]) == (1, 1)
        assert c.get("/api/status").json()["articles"] == before + 1
        runs = c.get("/api/runs").json()["items"]
        assert runs[0]["command"] == "serve-ingest" and runs[0]["counts"]["articles_new"] == 1
        assert c.get("/api/ingest/jobs").json()["items"][0]["job_id"] == job["job_id"]


@pytest.mark.slow
def test_upload_ingest_job(small_store):
    data = (CORPUS / "html" / "2018-03-14-may-expels-23-russian-diplomats.html").read_bytes()
    with make_client(small_store, allow_ingest=True) as c:
        r = c.post("/api/ingest", files={"file": ("may-expels.html", data, "text/html")})
        assert r.status_code == 202, r.text
        job = wait_for_job(c, r.json()["job_id"])
        assert job["status"] == "ok" and job["articles_new"] == 1, job
        found = c.get("/api/articles?since=2018-01-01&until=2018-12-31").json()["items"]
        assert any("diplomats" in (a["title"] or "").lower() for a in found)


def test_unknown_job_is_404(small_store):
    with make_client(small_store, allow_ingest=True) as c:
        assert c.get("/api/ingest/jobs/abc123").status_code == 404


@pytest.mark.slow
def test_the_api_answers_while_an_ingest_writes_the_store(small_store, tmp_path):
    """An ingest in another process commits batch after batch; every answer is whole and counts only grow."""
    config = tmp_path / "small-batches.toml"
    config.write_text("batch_size = 4\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "eventwire.cli.main", "ingest", str(CORPUS / "html"), str(CORPUS / "text"),
           "--store", str(small_store), "--config", str(config)]
    with make_client(small_store) as c:
        first = c.get("/api/status").json()
        start, start_events = first["articles"], first["events"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seen, events, errors, polls = [start], [start_events], [], 0
        try:
            while proc.poll() is None or polls < 3:
                polls += 1 if proc.poll() is not None else 0
                for url in ("/api/status", "/api/articles?limit=5", "/api/overview/volume?by=week",
                            "/api/events?limit=5", "/api/overview/dyads", "/api/runs"):
                    r = c.get(url)
                    if r.status_code != 200:
                        errors.append((url, r.status_code, r.text[:200]))
                status = c.get("/api/status").json()
                seen.append(status["articles"])
                events.append(status["events"])
        finally:
            _, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr
        assert not errors, errors[:3]
        assert seen == sorted(seen), "an article count went down"
        assert events == sorted(events), "an event count went down"
        assert seen[-1] > start
        assert len(set(seen)) > 2, f"saw only {sorted(set(seen))}: the ingest should have committed in batches"
