"""Hostile values everywhere a user (or a web page) hands eventwire a value.

The CLI answers a bad date, code, path or option with one ``error:`` line
and a non-zero exit, never a traceback; the HTTP API answers with a 4xx and
a ``detail``, never a 500; paths sent to the server never reach files
outside what it serves; uploads keep a safe name inside their own folder.
"""

from __future__ import annotations

import json
import urllib.parse

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app

# Values that have broken parsers before: markup, NULs, traversal, huge
# numbers, impossible dates, right-to-left marks, very long strings.
HOSTILE = [
    "[/]", "[bold]x", "x[link=http://evil.example]y", "\x00", "../../../etc/passwd", "..\\..\\windows",
    "9" * 400, "-1", "1e309", "nan", "2018-02-30", "0000-00-00", "2018-06-12T25:61", "\u202eevil", "'; drop table events; --",
    "%00", "RUS\nGOV", " ", "x" * 5000,
]
runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from eventwire.store.store import open_store

    from eventwire.runner.local import ingest
    from eventwire.settings import Settings

    root = tmp_path_factory.mktemp("hygiene")
    (root / "in").mkdir()
    (root / "in" / "a.txt").write_text("Talks\n\nRussia accused Ukraine of shelling the town, officials said.\n")
    path = root / "store"
    # One stored article, so that --as-of meets real tables with versions.
    ingest([str(root / "in")], open_store(path, create=True), Settings(code_events=False))
    return path


def _clean_failure(result) -> None:
    assert result.exit_code in (1, 2, 3), (result.exit_code, result.output[-500:])
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "error:" in result.output, result.output[-500:]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("option", ["--since", "--until", "--as-of"])
def test_cli_bad_dates_are_one_clear_error(store, option, value):
    result = runner.invoke(app, ["events", "--store", str(store), option, value])
    _clean_failure(result)


@pytest.mark.parametrize("value", ["[/]", "12/06/2018", "\x00", "9" * 400])
def test_cli_ingest_bad_date_is_refused_before_reading(tmp_path, value):
    result = runner.invoke(app, ["ingest", str(tmp_path), "--store", str(tmp_path / "s"), "--date", value])
    _clean_failure(result)
    assert result.exit_code == 2
    assert not (tmp_path / "s").exists(), "nothing is created when the parameters are bad"


@pytest.mark.parametrize("value", ["[/]", "xml", "\x00", "../csv"])
def test_cli_bad_format_is_one_clear_error(store, value):
    _clean_failure(runner.invoke(app, ["articles", "--store", str(store), "--format", value]))


@pytest.mark.parametrize("value", ["[/]", "\x00RUS", "R" * 5000, "RUS GOV", "../RUS"])
def test_cli_odd_actor_codes_never_crash(store, value):
    result = runner.invoke(app, ["events", "--store", str(store), "--source", value])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def test_cli_store_that_is_not_a_store_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "notes.txt"), "--store", str(tmp_path)])
    _clean_failure(result)
    assert "not an eventwire store" in result.output
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_cli_store_given_as_a_file_is_refused(tmp_path):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    _clean_failure(runner.invoke(app, ["articles", "--store", str(target)]))


def test_cli_settings_file_errors_are_clear(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[limits]\nmax_document_bytes = 'big'\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--store", str(tmp_path / "s"), "--config", str(bad)])
    _clean_failure(result)
    assert "bad.toml" in result.output


def test_cli_error_with_markup_in_it_is_printed_as_typed(store):
    result = runner.invoke(app, ["events", "--store", str(store), "--since", "[bold]x[/]"])
    assert result.exit_code == 2
    assert "'[bold]x[/]'" in result.output


def test_table_output_shows_stored_text_with_markup_as_it_is(capsys):
    from eventwire.cli.common import emit_rows

    emit_rows([{"title": "Talks [/] resume [link=http://evil.example]"}], "table", ["title"])
    assert "Talks [/] resume [link=http://evil.example]" in capsys.readouterr().out


# -- HTTP API ------------------------------------------------------------------
@pytest.fixture(scope="module")
def api(tmp_path_factory):
    pytest.importorskip("fastapi")
    from tests.api.conftest import make_client
    from tests.api.synthetic import build_store

    path = tmp_path_factory.mktemp("hygiene-api") / "store"
    build_store(path, events=200, months=2)
    with make_client(path, allow_ingest=True) as client:
        yield client


def _query_endpoints(client) -> list[tuple[str, list[str]]]:
    spec = client.get("/openapi.json").json()
    out = []
    for path, ops in spec["paths"].items():
        if "get" not in ops or "{" in path or path.endswith("/export"):
            continue
        names = [p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query"]
        if names:
            out.append((path, names))
    return out


@pytest.mark.slow
def test_api_answers_hostile_query_values_with_4xx_or_200_never_500(api):
    failures = []
    required = {"actor": "RUS", "a": "RUS", "b": "UKR", "q": "talks"}
    for path, names in _query_endpoints(api):
        for name in names:
            for value in HOSTILE:
                params = {k: v for k, v in required.items() if k in names}
                params[name] = value
                r = api.get(path + "?" + urllib.parse.urlencode(params))
                if r.status_code >= 500 or (r.status_code >= 400 and "detail" not in r.json()):
                    failures.append((path, name, value[:20], r.status_code, r.text[:120]))
    assert not failures, failures[:10]


@pytest.mark.parametrize("value", ["..%2F..%2Fetc%2Fpasswd", "%2e%2e", "x" * 300, "%00", "a%2Fb"])
@pytest.mark.parametrize("kind", ["articles", "events"])
def test_api_ids_in_paths_are_validated(api, kind, value):
    r = api.get(f"/api/{kind}/{value}")
    assert r.status_code in (404, 422), r.text
    assert "detail" in r.json()


@pytest.mark.parametrize("path", ["/static/../../../../etc/passwd", "/static/..%2F..%2F..%2Fetc%2Fpasswd",
                                  "/static/%2e%2e/%2e%2e/etc/passwd", "/static//etc/passwd", "/static/..%5c..%5cetc"])
def test_static_paths_never_leave_the_static_folder(api, path):
    r = api.get(path)
    assert r.status_code in (400, 404), (r.status_code, r.text[:200])
    assert "root:" not in r.text


def test_upload_names_cannot_escape_their_folder(api, monkeypatch):
    from eventwire.api.jobs import IngestJobs

    seen = {}

    def fake_submit(self, kind, source, inputs, date=None, cleanup=None):
        seen.update(source=source, inputs=inputs, cleanup=cleanup)
        from eventwire.errors import UsageError

        raise UsageError("stopped by the test")

    monkeypatch.setattr(IngestJobs, "submit", fake_submit)
    files = {"file": ("../../../../tmp/evil\x00.txt", b"Talks resumed in Geneva.", "text/plain")}
    r = api.post("/api/ingest", files=files)
    assert r.status_code == 400, r.text
    target = seen["inputs"][0]
    assert ".." not in seen["source"] and "/" not in seen["source"]
    assert target.startswith(str(seen["cleanup"]) + "/")
    assert not seen["cleanup"].exists(), "a refused upload's folder is removed"


@pytest.mark.parametrize("body", [b"{", b"[]", b'{"url": 5}', b'{"url": "' + b"x" * 10_000 + b'"}', b"\xff\xfe",
                                  json.dumps({"url": "https://example.org/", "date": "2018-02-30"}).encode()])
def test_api_ingest_bad_bodies_are_400(api, body):
    r = api.post("/api/ingest", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code in (400, 422), r.text
    assert "detail" in r.json()


@pytest.mark.parametrize("url", ["http://127.0.0.1:1/", "http://localhost/", "http://[::ffff:127.0.0.1]/",
                                 "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/", "http://10.1.2.3/",
                                 "file:///etc/passwd", "gopher://example.org/", "http://0x7f000001/"])
def test_api_refuses_urls_to_private_addresses(api, url):
    r = api.post("/api/ingest", json={"url": url})
    assert r.status_code == 400, r.text


@pytest.mark.parametrize("text", ["", "x" * 2_000_000])
def test_api_code_bad_text_is_4xx(api, text):
    r = api.post("/api/code", json={"text": text})
    assert r.status_code in (400, 413, 422), r.status_code


def test_api_code_of_control_characters_is_answered(api):
    r = api.post("/api/code", json={"text": "\x00\x01 Russia \x00 accused Ukraine.\x7f"})
    assert r.status_code == 200, r.text
