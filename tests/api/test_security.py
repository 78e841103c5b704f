"""The guard: token, host check, cross-site writes, rate and size limits, URL checks; the serve command's refusals."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.api.conftest import make_client

pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2")
TOKEN = "correct-horse-battery"


@pytest.fixture(scope="module")
def guarded(world_path):
    with make_client(world_path, token=TOKEN) as c:
        yield c


def test_a_token_server_refuses_requests_without_it(guarded):
    r = guarded.get("/api/status")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert guarded.get("/api/status", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/").status_code == 401
    assert guarded.get("/api/health").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [{"Authorization": f"Bearer {TOKEN}"}, {"X-Eventwire-Token": TOKEN}, {"Cookie": f"eventwire_token={TOKEN}"}],
)
def test_the_token_is_accepted_three_ways(guarded, headers):
    assert guarded.get("/api/status", headers=headers).status_code == 200


def test_a_page_visit_with_the_token_sets_a_cookie_and_drops_it_from_the_address(guarded):
    r = guarded.get(f"/dyad?a=RUS&token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/dyad?a=RUS"
    cookie = r.headers["set-cookie"]
    assert f"eventwire_token={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert guarded.get("/dyad?token=nope", follow_redirects=False).status_code == 401


def test_loopback_server_answers_only_its_own_host_names(world_path):
    with make_client(world_path, allowed_hosts=frozenset({"127.0.0.1", "localhost"})) as c:
        assert c.get("/api/status", headers={"Host": "127.0.0.1:8000"}).status_code == 200
        assert c.get("/api/status", headers={"Host": "localhost"}).status_code == 200
        r = c.get("/api/status", headers={"Host": "rebound.example:8000"})
        assert r.status_code == 400 and "Host" in r.json()["detail"]


@pytest.mark.parametrize(
    "headers", [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}]
)
def test_writes_from_another_site_are_refused(client, headers):
    r = client.post("/api/code", json={"text": "x"}, headers=headers)
    assert r.status_code == 403 and "another site" in r.json()["detail"]


def test_rate_limit_answers_429_with_retry_after(world_path):
    with make_client(world_path, rate=1.0, burst=3) as c:
        codes = [c.get("/api/health").status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[-1] == 429
        r = c.get("/api/health")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert c.get("/").status_code == 200  # pages and assets are not counted


def test_costly_operations_have_their_own_smaller_bucket(world_path):
    with make_client(world_path, rate=1000, burst=1000, heavy_rate=0.5, heavy_burst=2) as c:
        codes = [c.get("/api/clusters").status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        assert c.get("/api/events?limit=1").status_code == 200


def test_body_over_the_cap_is_413(client):
    big = "x" * 1_100_000
    r = client.post("/api/code", json={"text": big})
    assert r.status_code == 413

    def chunks():  # no Content-Length: the cap counts bytes as they arrive
        for _ in range(12):
            yield b"a" * 100_000

    r = client.post("/api/code", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_upload_over_its_cap_is_413(world_path, tmp_path):
    with make_client(world_path, allow_ingest=True, max_upload_bytes=2_000) as c:
        r = c.post("/api/ingest", files={"file": ("big.txt", b"news " * 1_000, "text/plain")})
        assert r.status_code == 413


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data",
     "http://[::1]/", "http://192.168.1.1/", "ftp://example.org/file", "http:///nohost"],
)
def test_url_ingestion_refuses_private_addresses_and_other_schemes(world_path, url):
    with make_client(world_path, allow_ingest=True) as c:
        r = c.post("/api/ingest", json={"url": url})
        assert r.status_code == 400, r.text
        assert "refused" in r.json()["detail"] or "only http" in r.json()["detail"]


def test_ingest_body_must_be_json_or_multipart(world_path):
    with make_client(world_path, allow_ingest=True) as c:
        assert c.post("/api/ingest", content=b"url=x", headers={"Content-Type": "text/plain"}).status_code == 415
        r = c.post("/api/ingest", json={"link": "https://example.org"})
        assert r.status_code == 400 and "url" in r.json()["detail"]


def test_serve_refuses_other_addresses_without_a_token(tmp_path, world_path):
    from typer.testing import CliRunner

    from eventwire.cli.main import app

    r = CliRunner().invoke(app, ["serve", "--store", str(world_path), "--host", "0.0.0.0"], env={"EVENTWIRE_TOKEN": ""})
    assert r.exit_code == 2
    assert "--token" in r.output


def test_is_loopback():
    from eventwire.cli.serve import is_loopback

    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.10", "example.org", "::"))


def test_import_eventwire_does_not_import_the_web_stack():
    code = "import eventwire, eventwire.cli.main, sys; print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
